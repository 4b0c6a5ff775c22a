import type { Json, StoredCase } from '../ports/case-store'
import type { OutboxRow } from '../ports/work-queue'
import type { RegisterEntry } from '../reports/register-book'
import type { ReportCase } from '../reports/service-report'
import type { ClockLedger } from '../sla/clock'
import type { CaseData } from './case-data'
import type { Runtime } from './context'

const outcomes = new Set(['selesai', 'ditolak', 'dibatalkan'])

/**
 * What the service report needs of one case, read from its plain data (state, channel, the SLA
 * ledger and step visits): never from its personal data, so it works the same on an encrypted store.
 * Returns are the ledger's pauses while waiting on the applicant (one per RETURN); completion time
 * is the working time the clock ran until it stopped; a step counts once the case has left it.
 * @internal
 */
export function reportCaseOf(rt: Runtime, stored: StoredCase, now: Date): ReportCase {
  const data = stored.data as unknown as CaseData
  const outcome = outcomes.has(stored.state) ? (stored.state as ReportCase['outcome']) : null
  const ledger = data.clock.ledger as unknown as ClockLedger | undefined
  const returned = ledger
    ? ledger.segments.filter((s) => s.state === 'paused' && s.reason === 'menunggu_pemohon').length
    : 0
  const row: ReportCase = { channel: stored.channel, outcome, returned }
  if (!ledger) return row
  const sla = rt.clock.view(ledger as unknown as Json, data.steps, now)
  if (outcome === 'selesai' && sla.state === 'stopped') {
    row.workingMinutes = Math.round(sla.elapsedMinutes)
    row.withinLimit = sla.status !== 'breached'
  }
  row.steps = sla.steps
    .filter((s) => !s.current)
    .map((s) => ({ step: s.stepId, workingMinutes: Math.round(s.actualMinutes) }))
  return row
}

/**
 * Delivery incidents of one case: opened (failed rows now, and rows an operator retried or
 * resolved) and closed (retried or resolved by an operator).
 * @internal
 */
export function incidentsOf(
  stored: StoredCase,
  rows: readonly OutboxRow[],
): { opened: number; closed: number } {
  const handled = Object.keys((stored.data as unknown as CaseData).incidents ?? {}).length
  const failed = rows.filter((r) => r.status === 'failed').length
  return { opened: failed + handled, closed: handled }
}

/** The case's line in the buku register, or `null` before it was registered. @internal */
export function registerEntryOf(stored: StoredCase, dayOf: (iso: string) => string): RegisterEntry | null {
  const data = stored.data as unknown as CaseData
  if (!data.register || !data.registerNumber) return null
  const applicant = ((stored.personal as Record<string, Json>)?.applicant ?? {}) as Record<string, Json>
  return {
    seq: data.register.seq,
    number: data.registerNumber,
    date: dayOf(data.register.at),
    trackingCode: stored.trackingCode,
    name: typeof applicant.fullName === 'string' ? applicant.fullName : '',
    sex: typeof applicant.sex === 'string' ? applicant.sex : '',
    cardNumber: data.card?.number ?? '',
    state: stored.state,
  }
}
