import type { ComplaintState, ComplaintType } from '../complaints/types'
import type { Standard, StepTarget } from '../standard/schema'
import type { SkmResult } from '../survey/skm'
import { createPercentileCounter, type PercentileCounter } from './percentile'

/** What the report needs of one case: plain facts, no personal data (kept in plain columns). */
export interface ReportCase {
  channel: string
  /** The final state, or `null` while the case is open. */
  outcome: 'selesai' | 'ditolak' | 'dibatalkan' | null
  /** How many times the case was returned to the applicant. */
  returned: number
  /** Completed cases: working minutes from the start of counting to completion, pauses excluded. */
  workingMinutes?: number
  /** Completed cases: finished within the standard's completion limit. */
  withinLimit?: boolean
  /** The working minutes each step took. */
  steps?: readonly { step: string; workingMinutes: number }[]
}

/** What the report needs of one complaint. */
export interface ReportComplaint {
  type: ComplaintType
  channel: string
  state: ComplaintState
  /** `true` / `false` when the entry had deadlines and they were met / missed; `null` without. */
  deadlinesMet: boolean | null
}

/** Median and 90th percentile (nearest rank) in working minutes; `null` with no observation. */
export interface Spread {
  count: number
  median: number | null
  p90: number | null
}

/** The service report of one office for a period. */
export interface ServiceReport {
  officeCode: string
  period: { from: string; to: string }
  cases: {
    received: number
    completed: number
    rejected: number
    withdrawn: number
    open: number
    /** Cases returned to the applicant at least once, and the number of returns. */
    returnedCases: number
    returns: number
    byChannel: Record<string, number>
  }
  /** Completed within the standard's limit, as a share of completed cases (0 to 1); `null` with none. */
  onTimeShare: number | null
  /** Working time to completion. */
  completion: Spread
  /** Every step of the standard: its target beside the actual spread. */
  steps: { step: string; name: string; target: StepTarget | null; actual: Spread }[]
  incidents: { opened: number; closed: number }
  complaints: {
    total: number
    byType: Record<string, number>
    byChannel: Record<string, number>
    byState: Record<string, number>
    deadlinesMet: number
    deadlinesMissed: number
  }
  skm: SkmResult | null
}

/** Accumulates a report from rows streamed out of a store: memory does not grow with the rows. */
export interface ServiceReportAccumulator {
  addCase(row: ReportCase): void
  addComplaint(row: ReportComplaint): void
  addIncidents(counts: { opened: number; closed: number }): void
  setSkm(result: SkmResult): void
  result(): ServiceReport
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1
}

const spreadOf = (counter: PercentileCounter): Spread => ({
  count: counter.count,
  median: counter.percentile(50),
  p90: counter.percentile(90),
})

/**
 * Creates a {@link ServiceReportAccumulator} for one office and period. Percentiles are by nearest
 * rank over whole working minutes (see `createPercentileCounter`).
 */
export function createServiceReportAccumulator(
  standard: Pick<Standard, 'steps' | 'office'>,
  period: { from: string; to: string },
): ServiceReportAccumulator {
  const cases: ServiceReport['cases'] = {
    received: 0,
    completed: 0,
    rejected: 0,
    withdrawn: 0,
    open: 0,
    returnedCases: 0,
    returns: 0,
    byChannel: {},
  }
  let onTime = 0
  const completion = createPercentileCounter()
  const steps = new Map(standard.steps.map((s) => [s.id, createPercentileCounter()]))
  const incidents = { opened: 0, closed: 0 }
  const complaints: ServiceReport['complaints'] = {
    total: 0,
    byType: {},
    byChannel: {},
    byState: {},
    deadlinesMet: 0,
    deadlinesMissed: 0,
  }
  let skm: SkmResult | null = null
  return {
    addCase(row) {
      cases.received++
      bump(cases.byChannel, row.channel)
      if (row.outcome === 'selesai') cases.completed++
      else if (row.outcome === 'ditolak') cases.rejected++
      else if (row.outcome === 'dibatalkan') cases.withdrawn++
      else cases.open++
      if (row.returned > 0) cases.returnedCases++
      cases.returns += row.returned
      if (row.outcome === 'selesai') {
        if (row.withinLimit) onTime++
        if (row.workingMinutes !== undefined) completion.add(row.workingMinutes)
      }
      for (const step of row.steps ?? []) steps.get(step.step)?.add(step.workingMinutes)
    },
    addComplaint(row) {
      complaints.total++
      bump(complaints.byType, row.type)
      bump(complaints.byChannel, row.channel)
      bump(complaints.byState, row.state)
      if (row.deadlinesMet === true) complaints.deadlinesMet++
      if (row.deadlinesMet === false) complaints.deadlinesMissed++
    },
    addIncidents(counts) {
      incidents.opened += counts.opened
      incidents.closed += counts.closed
    },
    setSkm(result) {
      skm = result
    },
    result() {
      return {
        officeCode: standard.office.code,
        period,
        cases: structuredClone(cases),
        onTimeShare: cases.completed ? onTime / cases.completed : null,
        completion: spreadOf(completion),
        steps: standard.steps.map((s) => ({
          step: s.id,
          name: s.name,
          target: s.target ?? null,
          actual: spreadOf(steps.get(s.id)!),
        })),
        incidents: { ...incidents },
        complaints: structuredClone(complaints),
        skm,
      }
    },
  }
}
