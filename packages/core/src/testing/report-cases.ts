import type { CaseData } from '../engine/case-data'
import { caseReportFacts } from '../engine/report-facts'
import type { Json, StoredCase } from '../ports/case-store'
import { type ClockLedger, pauseClock, resumeClock, startClock, stopClock } from '../sla/clock'
import { calendarFromStandard } from '../sla/from-standard'
import { completionLimit } from '../standard/completion'
import type { Standard } from '../standard/schema'
import type { SkmElementId } from '../survey/elements'

/** One generated case and the facts it was generated from, for an independent check of a report. */
export interface GeneratedReportCase {
  stored: StoredCase
  outcome: 'selesai' | 'ditolak' | 'dibatalkan' | null
  /** Returns to the applicant (pauses of the clock). */
  returned: number
  /** Completed cases: the working minutes the clock ran (the durations chosen). */
  workingMinutes?: number
  /** Completed cases: within the budget of the standard's limit. */
  withinLimit?: boolean
  /** The steps the case left, with the working minutes chosen for each. */
  steps: { step: string; workingMinutes: number }[]
  incidents: { opened: number; closed: number }
  /** Completed cases: the register sequence value given. */
  registerSeq?: number
}

/** Options of {@link generateReportCases}. */
export interface GenerateReportCasesOptions {
  standard: Standard
  /**
   * A case of this office as the store holds it (from a real submission): its personal data and
   * procedure snapshot are copied; every fact a report reads is generated.
   */
  template: StoredCase
  count: number
  /** The first office-local day cases may be received on (`YYYY-MM-DD`). */
  from: string
  /** Over how many calendar days from `from` they are spread (weekends and holidays skipped). */
  days: number
  /** @default 1 */
  seed?: number
  /** Prefix of the generated ids and tracking codes (sortable, unique per run). @default 'G' */
  prefix?: string
  /** The register sequence value of the first completed case. @default 1 */
  firstRegister?: number
}

const outcomes = ['selesai', 'ditolak', 'dibatalkan', null] as const

/** SKM scores of one response (sums to 30 over the nine elements): a fresh object each call. */
export function sampleSkmScores(): Record<SkmElementId, number> {
  return {
    persyaratan: 4,
    prosedur: 3,
    waktu: 3,
    biaya: 4,
    produk: 4,
    kompetensi: 3,
    perilaku: 4,
    pengaduan: 3,
    sarana: 2,
  }
}

/**
 * Generates stored cases in every final state and open, directly as a store holds them (no command
 * runs), with SLA ledgers built by the SLA module's own functions from working-minute durations
 * chosen at random, step visits, returns, register numbers and handled delivery incidents. Each
 * yields the chosen facts beside the case, so a test or a bench computes the expected report
 * figures without the code under test. Deterministic for a seed.
 */
export function* generateReportCases(options: GenerateReportCasesOptions): Generator<GeneratedReportCase> {
  const { standard, template, count } = options
  const calendar = calendarFromStandard(standard)
  const limit = completionLimit(standard.completion)
  const prefix = options.prefix ?? 'G'
  let seed = options.seed ?? 1
  const rand = (k: number) => {
    // The low bits of this generator cycle quickly: take the high ones.
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return Math.floor(seed / 65_536) % k
  }
  const stepIds = standard.steps.map((s) => s.id)
  const base = Date.parse(`${options.from}T00:00:00Z`)
  let register = options.firstRegister ?? 1
  for (let i = 0; i < count; i++) {
    let day = new Date(base + rand(options.days) * 86_400_000).toISOString().slice(0, 10)
    while (!calendar.isWorkingDay(day))
      day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    const receivedAt = calendar.at(
      day,
      `${String(8 + rand(6)).padStart(2, '0')}.${String(rand(60)).padStart(2, '0')}`,
    )
    const outcome = outcomes[rand(4)]!
    let ledger: ClockLedger = startClock(calendar, receivedAt, limit)
    const r1 = 5 + rand(900)
    let t = calendar.addWorkingMinutes(ledger.startedAt, r1)
    let returned = 0
    let r2 = 0
    if (rand(5) === 0) {
      returned = 1
      ledger = pauseClock(ledger, t, 'menunggu_pemohon')
      t = calendar.addWorkingMinutes(t, 30 + rand(2000))
      ledger = resumeClock(ledger, calendar, t)
      r2 = 5 + rand(900)
      t = calendar.addWorkingMinutes(t, r2)
    }
    if (outcome !== null) ledger = stopClock(ledger, t)
    const visits: { stepId: string; enteredAt: string; leftAt?: string }[] = []
    const steps: GeneratedReportCase['steps'] = []
    const reach = outcome === 'selesai' ? stepIds.length : 1 + rand(stepIds.length - 1)
    let at = new Date(ledger.startedAt)
    for (let s = 0; s < reach; s++) {
      const minutes = 1 + rand(300)
      const left = calendar.addWorkingMinutes(at, minutes)
      const open = outcome === null && s === reach - 1
      visits.push(
        open
          ? { stepId: stepIds[s]!, enteredAt: at.toISOString() }
          : { stepId: stepIds[s]!, enteredAt: at.toISOString(), leftAt: left.toISOString() },
      )
      if (!open) steps.push({ step: stepIds[s]!, workingMinutes: minutes })
      at = left
    }
    const incident = i % 37 === 0
    const data = { ...(template.data as Record<string, Json>) } as Record<string, Json>
    data.audit = { seq: 0, hash: '0'.repeat(64) }
    data.clock = { ledger: ledger as unknown as Json, raised: {}, dueRowIds: [] }
    data.steps = visits as unknown as Json
    data.incidents = incident
      ? {
          [`x${i}`]: {
            action: 'resolve',
            at: t.toISOString(),
            by: 'admin-1',
            openedAt: t.toISOString(),
            error: 'gagal',
          },
        }
      : {}
    delete data.register
    delete data.registerNumber
    delete data.card
    const generated: GeneratedReportCase = {
      stored: {
        ...template,
        id: `${prefix}${String(i).padStart(9, '0')}`,
        version: 1,
        trackingCode: `${prefix}-${i}`,
        state: outcome ?? visits.at(-1)!.stepId,
        awaiting: outcome === null ? template.awaiting : null,
        final: outcome !== null,
        createdAt: receivedAt.toISOString(),
        updatedAt: t.toISOString(),
        dueAt: outcome === null ? ledger.dueAt : null,
        data: data as Json,
      },
      outcome,
      returned,
      steps,
      incidents: incident ? { opened: 1, closed: 1 } : { opened: 0, closed: 0 },
    }
    if (outcome === 'selesai') {
      generated.workingMinutes = r1 + r2
      generated.withinLimit = r1 + r2 <= ledger.budgetMinutes
      generated.registerSeq = register
      data.register = { seq: register, at: t.toISOString() }
      data.registerNumber = `REG-${String(register).padStart(5, '0')}`
      register++
    }
    generated.stored.facts = caseReportFacts(data as unknown as CaseData) as unknown as Json
    yield generated
  }
}

/** Nearest rank over a sorted copy: the p-th percentile is the value at rank ceil(p / 100 x n). */
function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!
}

/**
 * The case figures of a service report over `cases` (all received in its period, one channel,
 * `tatap_muka`), computed from the generated facts alone, without the code under test: for a test
 * or a bench to compare `report()` with. `steps` holds the spread of each step id that occurs.
 */
export function expectedReportFigures(cases: readonly GeneratedReportCase[]) {
  const done = cases.filter((g) => g.outcome === 'selesai')
  const spread = (values: number[]) => ({
    count: values.length,
    median: nearestRank(values, 50),
    p90: nearestRank(values, 90),
  })
  const stepIds = [...new Set(cases.flatMap((g) => g.steps.map((s) => s.step)))]
  return {
    cases: {
      received: cases.length,
      completed: done.length,
      rejected: cases.filter((g) => g.outcome === 'ditolak').length,
      withdrawn: cases.filter((g) => g.outcome === 'dibatalkan').length,
      open: cases.filter((g) => g.outcome === null).length,
      returnedCases: cases.filter((g) => g.returned > 0).length,
      returns: cases.reduce((sum, g) => sum + g.returned, 0),
      byChannel: { tatap_muka: cases.length },
    },
    onTimeShare: done.length ? done.filter((g) => g.withinLimit).length / done.length : null,
    completion: spread(done.map((g) => g.workingMinutes!)),
    steps: Object.fromEntries(
      stepIds.map((id) => [
        id,
        spread(cases.flatMap((g) => g.steps.filter((v) => v.step === id).map((v) => v.workingMinutes))),
      ]),
    ),
    incidents: {
      opened: cases.reduce((sum, g) => sum + g.incidents.opened, 0),
      closed: cases.reduce((sum, g) => sum + g.incidents.closed, 0),
    },
  }
}
