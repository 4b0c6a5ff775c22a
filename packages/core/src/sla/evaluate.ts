import { ValidationError } from '../errors/errors'
import type { StepTarget } from '../standard/schema'
import { type Instant, toMillis, type WorkingCalendar } from './calendar'
import { type ClockLedger, clockState, type PauseReason } from './clock'
import type { ProvisionalDeadline } from './horizon'
import { slaIssue } from './messages'

/** SLA status of a case. */
export type SlaStatus = 'on_track' | 'at_risk' | 'breached'

/** One visit of a case to a step: entered, and left (absent or `null` while still there). */
export interface StepVisit {
  readonly stepId: string
  readonly enteredAt: string
  readonly leftAt?: string | null
}

/** A step's target versus its actual working time. */
export interface StepSla {
  readonly stepId: string
  /** The target in working minutes (for a days target: the working minutes of those days from the first entry). Absent without a target. */
  readonly targetMinutes?: number
  /** The target as the standard states it in days ("1 hari"), when it does. */
  readonly targetWorkingDays?: number
  /** Working minutes spent in the step, over all visits (an open visit counts up to `now`). */
  readonly actualMinutes: number
  /** Whether the actual working time is more than the target. */
  readonly overran: boolean
  /** Whether the case is in the step now. */
  readonly current: boolean
}

/** Options of {@link evaluateSla}. */
export interface EvaluateSlaOptions {
  /** Share of the budget after which a case is at risk: the standard's `completion.atRiskThreshold`. @default 0.75 */
  readonly atRiskThreshold?: number
  /** Step visits and the standard's steps (their `target`s), for per-step targets versus actuals. */
  readonly steps?: {
    readonly visits: readonly StepVisit[]
    readonly targets: readonly { readonly id: string; readonly target?: StepTarget }[]
  }
}

/** The SLA of a case at one instant: what `case.sla` shows. Instants are ISO strings. */
export interface SlaView {
  /** `on_track`, `at_risk` (past the threshold) or `breached` (not finished by the due time). */
  readonly status: SlaStatus
  readonly state: 'running' | 'paused' | 'stopped'
  readonly paused: boolean
  /** The reason of the current pause, or `null`. */
  readonly pauseReason: PauseReason | null
  readonly receivedAt: string
  readonly startedAt: string
  /** The due time given at the start. */
  readonly plannedDueAt: string
  /** The current due time; while paused, where it would be if the clock resumed at `now`. */
  readonly dueAt: string
  /** When the case is (or was, or would be, if the clock runs on) at risk; `null` while paused or stopped before reaching it. */
  readonly atRiskAt: string | null
  readonly stoppedAt: string | null
  /** Working minutes allowed (limit plus extensions). */
  readonly budgetMinutes: number
  /** Working minutes the clock ran. */
  readonly elapsedMinutes: number
  /** Working minutes left before the due time (0 once past it). */
  readonly remainingMinutes: number
  /** Working minutes past the due time (0 before it). */
  readonly overdueMinutes: number
  /** Working minutes paused, the current pause up to `now` included. */
  readonly pausedMinutes: number
  /** The calendar version the due time was computed on. */
  readonly calendarVersion: string
  /**
   * Why the due time is an estimate ("perkiraan"): its count crosses days whose holiday data is not
   * official; `null` when it is certain.
   */
  readonly provisional: ProvisionalDeadline | null
  /** Per step, in order of first visit; empty without `steps`. */
  readonly steps: readonly StepSla[]
}

/** A deadline row of a running clock: the instant the case becomes at risk, and breached. */
export interface SlaDueRow {
  readonly kind: 'at_risk' | 'breached'
  /** ISO instant. */
  readonly dueAt: string
}

const MINUTE = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The SLA of a case at `now`. Status: `breached` when the clock runs at or after the due time, or
 * stopped after it (finishing exactly at the due time is in time); `at_risk` once the clock ran for
 * the threshold share of the budget; else `on_track`. A paused clock is evaluated as it stood when
 * it paused: a case is never overdue while paused.
 *
 * @throws {ValidationError} on a bad `now` or a threshold not between 0 and 1.
 */
export function evaluateSla(
  ledger: ClockLedger,
  calendar: WorkingCalendar,
  now: Instant,
  options: EvaluateSlaOptions = {},
): SlaView {
  const nowMs = toMillis(now, 'now')
  const threshold = thresholdOf(options)
  const state = clockState(ledger)
  const last = ledger.segments.at(-1)!
  const effective =
    state === 'stopped' ? Date.parse(ledger.stoppedAt!) : state === 'paused' ? Date.parse(last.from) : nowMs
  const due = Date.parse(ledger.dueAt)

  let elapsed = 0
  let paused = 0
  for (const segment of ledger.segments) {
    const to = segment.to === null ? Math.max(nowMs, Date.parse(segment.from)) : Date.parse(segment.to)
    if (segment.state === 'running') elapsed += Math.max(0, calendar.workingMillisBetween(segment.from, to))
    else paused += segment.workingMinutes !== undefined ? segment.workingMinutes * MINUTE : 0
  }
  const openPause = state === 'paused' ? Math.max(0, calendar.workingMillisBetween(last.from, nowMs)) : 0
  const dueAt = openPause > 0 ? calendar.addWorkingMillis(due, openPause).toISOString() : ledger.dueAt
  const left = calendar.workingMillisBetween(effective, due)
  const atRisk = atRiskMs(ledger, calendar, threshold)
  const breached = state === 'stopped' ? effective > due : effective >= due
  const status: SlaStatus = breached
    ? 'breached'
    : atRisk !== null && effective >= atRisk
      ? 'at_risk'
      : 'on_track'

  return {
    status,
    state,
    paused: state === 'paused',
    pauseReason: state === 'paused' && last.state === 'paused' ? last.reason : null,
    receivedAt: ledger.receivedAt,
    startedAt: ledger.startedAt,
    plannedDueAt: ledger.plannedDueAt,
    dueAt,
    atRiskAt: atRisk === null ? null : iso(atRisk),
    stoppedAt: ledger.stoppedAt,
    budgetMinutes: ledger.budgetMinutes,
    elapsedMinutes: elapsed / MINUTE,
    remainingMinutes: Math.max(0, left) / MINUTE,
    overdueMinutes: Math.max(0, -left) / MINUTE,
    pausedMinutes: (paused + openPause) / MINUTE,
    calendarVersion: ledger.calendarVersion,
    // A ledger from before the horizon was tracked has no mark: the current calendar judges it.
    provisional:
      ledger.provisional ??
      (dueAt === ledger.dueAt && ledger.calendarVersion === calendar.version
        ? null
        : calendar.provisional(ledger.startedAt, dueAt)),
    steps: options.steps ? stepViews(calendar, options.steps, nowMs) : [],
  }
}

/**
 * The deadline rows of a running clock: when it becomes at risk and when it is breached (an instant
 * already past is still given: the worker raises it once). A paused or stopped clock has none:
 * its rows are removed at the pause and written again at the resubmission.
 *
 * @throws {ValidationError} on a threshold not between 0 and 1.
 */
export function dueRowsFor(
  ledger: ClockLedger,
  calendar: WorkingCalendar,
  options: Pick<EvaluateSlaOptions, 'atRiskThreshold'> = {},
): SlaDueRow[] {
  if (clockState(ledger) !== 'running') return []
  const atRisk = atRiskMs(ledger, calendar, thresholdOf(options))
  const rows: SlaDueRow[] = []
  if (atRisk !== null) rows.push({ kind: 'at_risk', dueAt: iso(atRisk) })
  rows.push({ kind: 'breached', dueAt: ledger.dueAt })
  return rows
}

function thresholdOf(options: Pick<EvaluateSlaOptions, 'atRiskThreshold'>): number {
  const threshold = options.atRiskThreshold ?? 0.75
  if (!(threshold > 0 && threshold < 1))
    throw new ValidationError([slaIssue(['atRiskThreshold'], 'threshold')])
  return threshold
}

/**
 * The instant the running time reaches `threshold` of the budget: found in the segment where it was
 * reached, or projected from the running segment. `null` when not reached and the clock is not running.
 */
function atRiskMs(ledger: ClockLedger, calendar: WorkingCalendar, threshold: number): number | null {
  const need = Math.ceil(ledger.budgetMinutes * MINUTE * threshold)
  let ran = 0
  for (const segment of ledger.segments) {
    if (segment.state !== 'running') continue
    const length =
      segment.to === null ? Number.POSITIVE_INFINITY : calendar.workingMillisBetween(segment.from, segment.to)
    if (ran + length >= need) return calendar.addWorkingMillis(segment.from, need - ran).getTime()
    ran += Math.max(0, length)
  }
  return null
}

function stepViews(
  calendar: WorkingCalendar,
  steps: NonNullable<EvaluateSlaOptions['steps']>,
  nowMs: number,
): StepSla[] {
  const targets = new Map(steps.targets.map((s) => [s.id, s.target]))
  const byStep = new Map<string, { first: number; actual: number; current: boolean }>()
  for (const visit of steps.visits) {
    const entered = toMillis(visit.enteredAt, 'enteredAt')
    const left = visit.leftAt == null ? nowMs : toMillis(visit.leftAt, 'leftAt')
    const actual = Math.max(0, calendar.workingMillisBetween(entered, left))
    const known = byStep.get(visit.stepId)
    if (known) {
      known.actual += actual
      known.current ||= visit.leftAt == null
    } else byStep.set(visit.stepId, { first: entered, actual, current: visit.leftAt == null })
  }
  return [...byStep].map(([stepId, v]) => {
    const target = targets.get(stepId)
    const actualMinutes = v.actual / MINUTE
    if (!target) return { stepId, actualMinutes, overran: false, current: v.current }
    if ('minutes' in target) {
      return {
        stepId,
        targetMinutes: target.minutes,
        actualMinutes,
        overran: actualMinutes > target.minutes,
        current: v.current,
      }
    }
    const until = calendar.addWorkingDays(v.first, target.workingDays)
    const targetMinutes = calendar.workingMillisBetween(v.first, until) / MINUTE
    return {
      stepId,
      targetMinutes,
      targetWorkingDays: target.workingDays,
      actualMinutes,
      overran: actualMinutes > targetMinutes,
      current: v.current,
    }
  })
}
