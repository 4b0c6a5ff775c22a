import type { Json } from '../ports/case-store'
import type { WorkingCalendar } from '../sla/calendar'
import {
  type ClockLedger,
  clockState,
  extendClock,
  pauseClock,
  recomputeClock,
  resumeClock,
  startClock,
  stopClock,
} from '../sla/clock'
import { dueRowsFor, evaluateSla } from '../sla/evaluate'
import { calendarFromStandard } from '../sla/from-standard'
import type { HolidaySet } from '../sla/holidays'
import { completionLimit } from '../standard/completion'
import type { Standard } from '../standard/schema'
import type { StepVisit } from './case-data'
import type { CaseSla } from './types'

/** The kinds of SLA deadlines the engine writes as due rows. */
export type DeadlineKind = 'at_risk' | 'breached'

/**
 * The SLA clock of one standard version, bound to its working calendar, completion limit, at-risk
 * threshold and extension rule. Ledgers are JSON kept on the case; every function is pure.
 * @internal
 */
export interface CaseClockRuntime {
  readonly calendar: WorkingCalendar
  /** Version id of the calendar new deadlines are computed with. */
  readonly calendarVersion: string
  start(at: Date): Json
  /** Pauses while the case waits on the applicant. */
  pause(ledger: Json, at: Date): Json
  resume(ledger: Json, at: Date): Json
  stop(ledger: Json, at: Date): Json
  /** Moves the due time by `workingDays`, where the standard allows. @throws {ForbiddenError} {ValidationError} */
  extend(ledger: Json, at: Date, workingDays: number, reason: string): Json
  /** Recomputes the due time with the current calendar version. */
  recompute(ledger: Json, at: Date): Json
  state(ledger: Json): 'running' | 'paused' | 'stopped'
  /** Calendar version the ledger's due time was computed with. */
  ledgerCalendarVersion(ledger: Json): string
  /** The current due instant; `null` while paused or stopped (so the case is never overdue then). */
  dueAt(ledger: Json): string | null
  /** The instants at which the case becomes at risk and breached; none while paused or stopped. */
  deadlines(ledger: Json): Array<{ kind: DeadlineKind; dueAt: string }>
  /** The case view's `sla` at `now` (before the clock starts: as if it started now). */
  view(ledger: Json | undefined, steps: readonly StepVisit[], now: Date): CaseSla
}

const asLedger = (json: Json) => json as unknown as ClockLedger
const asJson = (ledger: ClockLedger) => ledger as unknown as Json

/**
 * Builds the clock runtime of a standard: its calendar from `standard.calendar` (named holiday sets
 * from `holidaySets`, beside the built-in `indonesia`), its limit `completion` (working days, hours or minutes), its
 * threshold and extension rule.
 * @throws {ConfigError} for an unknown holiday set.
 * @internal
 */
export function createCaseClock(
  standard: Standard,
  holidaySets: Readonly<Record<string, HolidaySet>>,
): CaseClockRuntime {
  const calendar = calendarFromStandard(standard, { holidaySets })
  const { atRiskThreshold, extension } = standard.completion
  const limit = completionLimit(standard.completion)
  const targets = standard.steps.map((s) => ({ id: s.id, target: s.target }))
  return {
    calendar,
    calendarVersion: calendar.version,
    start: (at) => asJson(startClock(calendar, at, limit)),
    pause: (ledger, at) => asJson(pauseClock(asLedger(ledger), at, 'menunggu_pemohon')),
    resume: (ledger, at) => asJson(resumeClock(asLedger(ledger), calendar, at)),
    stop: (ledger, at) => asJson(stopClock(asLedger(ledger), at)),
    extend: (ledger, at, days, reason) =>
      asJson(extendClock(asLedger(ledger), calendar, { workingDays: days, reason, at }, extension)),
    recompute: (ledger, at) => asJson(recomputeClock(asLedger(ledger), calendar, at)),
    state: (ledger) => clockState(asLedger(ledger)),
    ledgerCalendarVersion: (ledger) => asLedger(ledger).calendarVersion,
    dueAt: (ledger) => (clockState(asLedger(ledger)) === 'running' ? asLedger(ledger).dueAt : null),
    deadlines: (ledger) => dueRowsFor(asLedger(ledger), calendar, { atRiskThreshold }).map((r) => ({ ...r })),
    view(ledger, steps, now) {
      const started = ledger !== undefined
      const l = started ? asLedger(ledger) : startClock(calendar, now, limit)
      const v = evaluateSla(l, calendar, now, { atRiskThreshold, steps: { visits: steps, targets } })
      return {
        plannedDueAt: v.plannedDueAt,
        dueAt: v.state === 'stopped' ? null : v.dueAt,
        status: v.status,
        state: started ? v.state : 'not_started',
        receivedAt: started ? v.receivedAt : null,
        atRiskAt: v.atRiskAt,
        stoppedAt: v.stoppedAt,
        elapsedMinutes: v.elapsedMinutes,
        remainingMinutes: v.remainingMinutes,
        overdueMinutes: v.overdueMinutes,
        pausedMinutes: v.pausedMinutes,
        paused: v.paused,
        budgetMinutes: v.budgetMinutes,
        calendarVersion: v.calendarVersion,
        provisional:
          v.provisional && v.state !== 'stopped'
            ? {
                years: [...v.provisional.years],
                reason: v.provisional.reason,
                reasonEn: v.provisional.reasonEn,
              }
            : null,
        extensions: l.extensions.map((e) => ({ at: e.at, workingDays: e.workingDays, reason: e.reason })),
        steps: v.steps.map((s) => {
          const step: CaseSla['steps'][number] = {
            stepId: s.stepId,
            actualMinutes: s.actualMinutes,
            overran: s.overran,
            current: s.current,
          }
          if (s.targetMinutes !== undefined) step.targetMinutes = s.targetMinutes
          if (s.targetWorkingDays !== undefined) step.targetWorkingDays = s.targetWorkingDays
          return step
        }),
      }
    },
  }
}
