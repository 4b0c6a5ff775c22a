import { AdapterError } from '../errors/errors'
import type { CaseFacts, Json, StoredCase } from '../ports/case-store'
import type { RegisterEntry } from '../reports/register-book'
import type { ReportCase } from '../reports/service-report'
import type { ClockLedger } from '../sla/clock'
import type { CaseData, StepVisit } from './case-data'
import type { Runtime } from './context'

const outcomes = new Set(['selesai', 'ditolak', 'dibatalkan'])

/**
 * The report facts of a case (`StoredCase.facts`), derived from its data: the pinned standard, the
 * SLA ledger with the free-text reasons of extensions blanked, the step visits, the incidents an
 * operator handled and the register line. No personal data: a store keeps them in clear.
 * @internal
 */
export interface CaseReportFacts {
  format: 1
  standard: { id: string; version: string; hash: string }
  ledger: Json | null
  steps: StepVisit[]
  handledIncidents: number
  register: { seq: number; at: string; number: string } | null
}

/** The report facts of a case's data, as stored beside it (`StoredCase.facts`). @internal */
export function caseReportFacts(data: CaseData): CaseReportFacts {
  const ledger = data.clock.ledger as unknown as ClockLedger | undefined
  const facts: CaseReportFacts = {
    format: 1,
    standard: {
      id: data.snapshot.standardId,
      version: data.snapshot.standardVersion,
      hash: data.snapshot.standardHash,
    },
    ledger: ledger
      ? ({ ...ledger, extensions: ledger.extensions.map((e) => ({ ...e, reason: '' })) } as unknown as Json)
      : null,
    steps: data.steps.map((s) => ({ ...s })),
    handledIncidents: Object.keys(data.incidents ?? {}).length,
    register:
      data.register && data.registerNumber
        ? { seq: data.register.seq, at: data.register.at, number: data.registerNumber }
        : null,
  }
  return facts
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads the facts a store gave back: `null` when the case has none (written before facts existed);
 * facts of another shape are an `AdapterError` naming the case.
 * @internal
 */
export function readCaseFacts(storeId: string, row: CaseFacts): CaseReportFacts | null {
  const f = row.facts
  if (f === null || f === undefined) return null
  const ok =
    isObject(f) &&
    f.format === 1 &&
    isObject(f.standard) &&
    typeof f.standard.hash === 'string' &&
    Array.isArray(f.steps) &&
    typeof f.handledIncidents === 'number' &&
    (f.register === null || isObject(f.register))
  if (ok) return f as unknown as CaseReportFacts
  throw new AdapterError(`Fakta laporan kasus ${row.id} di penyimpanan rusak`, {
    messageEn: `The stored report facts of case ${row.id} are damaged`,
    adapterId: storeId,
    operation: 'streamCaseFacts',
    retryable: false,
  })
}

/** The data a runtime is resolved from: the pinned standard only. @internal */
export function snapshotOf(facts: CaseReportFacts): CaseData {
  return {
    snapshot: {
      standardId: facts.standard.id,
      standardVersion: facts.standard.version,
      standardHash: facts.standard.hash,
    },
  } as unknown as CaseData
}

/**
 * What the service report needs of one case, from its plain columns and report facts (never its
 * personal data, so it works the same on an encrypted store). Returns are the ledger's pauses while
 * waiting on the applicant (one per RETURN); completion time is the working time the clock ran
 * until it stopped; a step counts once the case has left it.
 * @internal
 */
export function reportCaseOf(rt: Runtime, row: CaseFacts, facts: CaseReportFacts, now: Date): ReportCase {
  const outcome = outcomes.has(row.state) ? (row.state as ReportCase['outcome']) : null
  const ledger = facts.ledger as unknown as ClockLedger | null
  const returned = ledger
    ? ledger.segments.filter((s) => s.state === 'paused' && s.reason === 'menunggu_pemohon').length
    : 0
  const out: ReportCase = { channel: row.channel, outcome, returned }
  if (!ledger) return out
  const sla = rt.clock.view(ledger as unknown as Json, facts.steps, now)
  if (outcome === 'selesai' && sla.state === 'stopped') {
    out.workingMinutes = Math.round(sla.elapsedMinutes)
    out.withinLimit = sla.status !== 'breached'
  }
  out.steps = sla.steps
    .filter((s) => !s.current)
    .map((s) => ({ step: s.stepId, workingMinutes: Math.round(s.actualMinutes) }))
  return out
}

/**
 * Delivery incidents of one case: opened (failed rows now, and rows an operator retried or
 * resolved) and closed (retried or resolved by an operator).
 * @internal
 */
export function incidentsOf(row: CaseFacts, facts: CaseReportFacts): { opened: number; closed: number } {
  return { opened: row.openIncidents + facts.handledIncidents, closed: facts.handledIncidents }
}

/**
 * The case's line in the buku register from its facts, without the holder's name, sex and card
 * number (read from the case itself, see {@link completeRegisterEntry}); `null` before it was
 * registered.
 * @internal
 */
export function registerLineOf(
  row: CaseFacts,
  facts: CaseReportFacts,
  dayOf: (iso: string) => string,
): RegisterEntry | null {
  if (!facts.register) return null
  return {
    seq: facts.register.seq,
    number: facts.register.number,
    date: dayOf(facts.register.at),
    trackingCode: row.trackingCode,
    name: '',
    sex: '',
    cardNumber: '',
    state: row.state,
  }
}

/** Fills a register line with the holder's name and sex and the card number, from the case. @internal */
export function completeRegisterEntry(entry: RegisterEntry, stored: StoredCase): RegisterEntry {
  const data = stored.data as unknown as CaseData
  const applicant = ((stored.personal as Record<string, Json>)?.applicant ?? {}) as Record<string, Json>
  return {
    ...entry,
    name: typeof applicant.fullName === 'string' ? applicant.fullName : '',
    sex: typeof applicant.sex === 'string' ? applicant.sex : '',
    cardNumber: data.card?.number ?? '',
    state: stored.state,
  }
}
