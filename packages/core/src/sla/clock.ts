import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors/errors'
import { type Instant, toMillis, type WorkingCalendar } from './calendar'
import type { ProvisionalDeadline } from './horizon'
import { slaIssue } from './messages'

/**
 * Why a case clock is paused: `menunggu_pemohon` while the case waits on the applicant after a
 * return (kekurangan berkas), `perpanjangan` for a span the office was granted as an extension.
 */
export type PauseReason = 'menunggu_pemohon' | 'perpanjangan'
/** Every {@link PauseReason}. */
export const pauseReasons = ['menunggu_pemohon', 'perpanjangan'] as const

/** A span of the clock: running, or paused with a reason. `to` is `null` on the current segment. */
export type ClockSegment =
  | { readonly state: 'running'; readonly from: string; readonly to: string | null }
  | {
      readonly state: 'paused'
      readonly reason: PauseReason
      readonly from: string
      readonly to: string | null
      /** Once closed: the working minutes by which the due time moved, and the calendar that measured them. */
      readonly workingMinutes?: number
      readonly calendarVersion?: string
    }

/** An approved extension of the limit, as recorded. */
export interface ClockExtension {
  /** ISO instant it was granted. */
  readonly at: string
  readonly workingDays: number
  /** The reason given (free text, audited). */
  readonly reason: string
  readonly dueBefore: string
  readonly dueAfter: string
  /** Working minutes the extension added to the budget. */
  readonly addedMinutes: number
  readonly calendarVersion: string
}

/** An operator-requested recomputation of the due time on another calendar version. */
export interface ClockRecomputation {
  readonly at: string
  readonly fromVersion: string
  readonly toVersion: string
  readonly dueBefore: string
  readonly dueAfter: string
}

/**
 * The SLA clock of one case: plain JSON (instants as ISO strings), stored in the case and changed
 * only through the pure functions of this module, each returning a new ledger.
 *
 * Invariants: `segments` are contiguous and time-ordered, the last one is open (`to: null`) until
 * the clock stops; `dueAt` is `plannedDueAt` moved by every closed pause (by its working minutes)
 * and every extension; `budgetMinutes` is the working time allowed (the limit plus extensions).
 */
export interface ClockLedger {
  /** Ledger format version. */
  readonly format: 1
  /** The calendar version the due time was computed on (at start, or at the last recompute). */
  readonly calendarVersion: string
  /** The limit in working days; 0 when the limit is in working minutes. */
  readonly limitWorkingDays: number
  /** The limit in working minutes (a completion time such as "± 15 menit"); absent for a limit in days. */
  readonly limitMinutes?: number
  /** When the office received the application (as given). */
  readonly receivedAt: string
  /** Where counting starts: the received instant after the cut-off and office hours. */
  readonly startedAt: string
  /** The due time given at the start. */
  readonly plannedDueAt: string
  /** The current due time, moved by pauses and extensions. */
  readonly dueAt: string
  /** Working minutes allowed: from `startedAt` to `plannedDueAt`, plus extensions. */
  readonly budgetMinutes: number
  readonly segments: readonly ClockSegment[]
  readonly extensions: readonly ClockExtension[]
  readonly recomputations: readonly ClockRecomputation[]
  /** When the clock stopped (the card is printed, or the case ended), or `null`. */
  readonly stoppedAt: string | null
  /** The instant of the last change, as given; later changes may not be earlier. */
  readonly updatedAt: string
  /**
   * Present when the count from `startedAt` to `dueAt` crossed days whose holiday data was not
   * official on the calendar that computed it (kept until the next change of the due time).
   */
  readonly provisional?: ProvisionalDeadline
}

/** What the standard allows for extensions: its `completion.extension`. */
export interface ExtensionPolicy {
  readonly allowed: boolean
  /** Total working days over all extensions; 0 means no limit. */
  readonly maxWorkingDays: number
  /** Number of extensions; 0 means no limit. */
  readonly maxTimes: number
}

const MINUTE = 60_000

/**
 * A completion limit: whole working days (a bare number, or `{ workingDays }`), or working minutes
 * (`{ minutes }`, office hours only).
 */
export type ClockLimit =
  | number
  | { workingDays: number; minutes?: undefined }
  | { minutes: number; workingDays?: undefined }

const isWholeDays = (n: number | undefined): boolean => n !== undefined && Number.isInteger(n) && n >= 1

function plannedDue(calendar: WorkingCalendar, started: Date | number, days: number, minutes?: number): Date {
  return minutes === undefined
    ? calendar.addWorkingDays(started, days)
    : calendar.addWorkingMinutes(started, minutes)
}
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Starts the clock of a case received at `at` with a limit of working days (or `{ minutes }` of
 * working time): counting starts at {@link WorkingCalendar.countFrom} (the cut-off and office hours
 * applied) and the due time is that many working days (minutes) later.
 *
 * @throws {ValidationError} on a bad instant or a limit that is not a whole number >= 1.
 * @example
 * ```ts
 * const calendar = calendarFromStandard(balongbendo)
 * const ledger = startClock(calendar, '2026-12-23T03:00:00Z', balongbendo.completion.workingDays)
 * ledger.dueAt // '2026-12-30T03:00:00.000Z' (Wednesday 10.00 WIB)
 * ```
 */
export function startClock(calendar: WorkingCalendar, at: Instant, limit: ClockLimit): ClockLedger {
  const received = toMillis(at, 'at')
  const { workingDays, minutes } =
    typeof limit === 'number' ? { workingDays: limit, minutes: undefined } : limit
  if (minutes !== undefined ? !Number.isInteger(minutes) || minutes < 1 : !isWholeDays(workingDays)) {
    throw new ValidationError([slaIssue(['limitWorkingDays'], 'limit_days')])
  }
  const started = calendar.countFrom(received)
  const due = plannedDue(calendar, started, minutes === undefined ? (workingDays as number) : 0, minutes)
  return withProvisional(calendar, {
    format: 1,
    calendarVersion: calendar.version,
    limitWorkingDays: minutes === undefined ? (workingDays as number) : 0,
    ...(minutes === undefined ? {} : { limitMinutes: minutes }),
    receivedAt: iso(received),
    startedAt: started.toISOString(),
    plannedDueAt: due.toISOString(),
    dueAt: due.toISOString(),
    budgetMinutes: calendar.workingMillisBetween(started, due) / MINUTE,
    segments: [{ state: 'running', from: started.toISOString(), to: null }],
    extensions: [],
    recomputations: [],
    stoppedAt: null,
    updatedAt: iso(received),
  })
}

/**
 * Pauses a running clock at `at` with a reason. The due time moves when the clock resumes, by the
 * working minutes of the pause. A pause before counting started (a return right after an
 * after-cut-off submission) begins where counting would have started.
 *
 * @throws {InvalidTransitionError} when the clock is already paused or stopped.
 * @throws {ValidationError} when `at` is earlier than the ledger's last change.
 */
export function pauseClock(ledger: ClockLedger, at: Instant, reason: PauseReason): ClockLedger {
  const ms = checkAt(ledger, at)
  const open = openSegment(ledger, 'pause')
  if (open.state !== 'running') throw notIn('paused', 'pause')
  if (!pauseReasons.includes(reason)) {
    throw new ValidationError([
      {
        path: ['reason'],
        rule: 'invalid_value',
        message: `harus salah satu dari: ${pauseReasons.join(', ')}`,
        messageEn: `must be one of: ${pauseReasons.join(', ')}`,
      },
    ])
  }
  const from = iso(Math.max(ms, Date.parse(open.from)))
  return {
    ...ledger,
    segments: [
      ...ledger.segments.slice(0, -1),
      { ...open, to: from },
      { state: 'paused', reason, from, to: null },
    ],
    updatedAt: iso(ms),
  }
}

/**
 * Resumes a paused clock (the applicant resubmitted). A resubmission counts like a submission: from
 * {@link WorkingCalendar.countFrom}. The due time moves by exactly the working minutes of the pause,
 * measured on `calendar` (recorded on the segment with the calendar version).
 *
 * @throws {InvalidTransitionError} when the clock is running or stopped.
 * @throws {ValidationError} when `at` is earlier than the ledger's last change.
 */
export function resumeClock(ledger: ClockLedger, calendar: WorkingCalendar, at: Instant): ClockLedger {
  const ms = checkAt(ledger, at)
  const open = openSegment(ledger, 'resume')
  if (open.state !== 'paused') throw notIn('running', 'resume')
  const fromMs = Date.parse(open.from)
  const to = Math.max(calendar.countFrom(ms).getTime(), fromMs)
  const pausedMs = calendar.workingMillisBetween(fromMs, to)
  const dueAt = pausedMs > 0 ? calendar.addWorkingMillis(ledger.dueAt, pausedMs).toISOString() : ledger.dueAt
  return withProvisional(calendar, {
    ...ledger,
    dueAt,
    segments: [
      ...ledger.segments.slice(0, -1),
      { ...open, to: iso(to), workingMinutes: pausedMs / MINUTE, calendarVersion: calendar.version },
      { state: 'running', from: iso(to), to: null },
    ],
    updatedAt: iso(ms),
  })
}

/**
 * Extends the limit by `workingDays`, where the standard allows it (`standard.completion.extension`),
 * with a reason. The due time keeps its office time and moves that many working days
 * ({@link WorkingCalendar.shiftWorkingDays}); the budget grows by the working minutes added.
 *
 * @throws {ForbiddenError} rule `extension_not_allowed` when the standard allows no extension, or
 * `extension_limit` when the number of extensions is used up.
 * @throws {ValidationError} on a missing reason or too many days (naming `reason` / `workingDays`).
 * @throws {InvalidTransitionError} when the clock stopped.
 */
export function extendClock(
  ledger: ClockLedger,
  calendar: WorkingCalendar,
  extension: { readonly workingDays: number; readonly reason: string; readonly at: Instant },
  policy: ExtensionPolicy,
): ClockLedger {
  const ms = checkAt(ledger, extension.at)
  openSegment(ledger, 'extend')
  if (!policy.allowed) {
    throw new ForbiddenError(
      'extension_not_allowed',
      'Standar pelayanan tidak mengizinkan perpanjangan waktu penyelesaian',
      { messageEn: 'The service standard allows no extension of the completion time' },
    )
  }
  if (policy.maxTimes > 0 && ledger.extensions.length >= policy.maxTimes) {
    throw new ForbiddenError(
      'extension_limit',
      `Perpanjangan waktu sudah diberikan ${ledger.extensions.length} kali (batas ${policy.maxTimes} kali)`,
      {
        messageEn: `The completion time was already extended ${ledger.extensions.length} times (limit ${policy.maxTimes})`,
      },
    )
  }
  const issues = []
  const used = ledger.extensions.reduce((sum, e) => sum + e.workingDays, 0)
  const days = extension.workingDays
  if (!Number.isInteger(days) || days < 1) issues.push(slaIssue(['workingDays'], 'limit_days'))
  else if (policy.maxWorkingDays > 0 && used + days > policy.maxWorkingDays) {
    issues.push(slaIssue(['workingDays'], 'extension_days', `${used} + ${days} > ${policy.maxWorkingDays}`))
  }
  if (typeof extension.reason !== 'string' || extension.reason.trim() === '') {
    issues.push(slaIssue(['reason'], 'extension_reason'))
  }
  if (issues.length) throw new ValidationError(issues)
  const dueAfter = calendar.shiftWorkingDays(ledger.dueAt, days)
  const addedMs = calendar.workingMillisBetween(ledger.dueAt, dueAfter)
  return withProvisional(calendar, {
    ...ledger,
    dueAt: dueAfter.toISOString(),
    budgetMinutes: ledger.budgetMinutes + addedMs / MINUTE,
    extensions: [
      ...ledger.extensions,
      {
        at: iso(ms),
        workingDays: days,
        reason: extension.reason.trim(),
        dueBefore: ledger.dueAt,
        dueAfter: dueAfter.toISOString(),
        addedMinutes: addedMs / MINUTE,
        calendarVersion: calendar.version,
      },
    ],
    updatedAt: iso(ms),
  })
}

/**
 * Stops the clock (the card is printed, or the case ended): the current segment closes at `at`. A
 * pause closed by a stop does not move the due time.
 *
 * @throws {InvalidTransitionError} when the clock already stopped.
 * @throws {ValidationError} when `at` is earlier than the ledger's last change.
 */
export function stopClock(ledger: ClockLedger, at: Instant): ClockLedger {
  const ms = checkAt(ledger, at)
  const open = openSegment(ledger, 'stop')
  const to = iso(Math.max(ms, Date.parse(open.from)))
  return {
    ...ledger,
    segments: [...ledger.segments.slice(0, -1), { ...open, to }],
    stoppedAt: to,
    updatedAt: iso(ms),
  }
}

/**
 * Recomputes the due time on another calendar version (an amended holiday decree), replaying the
 * ledger: start, every closed pause and every extension in time order. Cases keep the due time they
 * were given unless an operator asks for this; the result records it in `recomputations` for the
 * audit trail. The ledger is returned unchanged when the due time and versions stay the same.
 */
export function recomputeClock(ledger: ClockLedger, calendar: WorkingCalendar, at: Instant): ClockLedger {
  const ms = checkAt(ledger, at)
  const started = calendar.countFrom(ledger.receivedAt).getTime()
  const planned = plannedDue(calendar, started, ledger.limitWorkingDays, ledger.limitMinutes)
  let due = planned.getTime()
  let budget = calendar.workingMillisBetween(started, planned)
  type Step = { at: number; apply: () => void }
  const steps: Step[] = []
  const segments = ledger.segments.map((segment, i) => {
    const from = i === 0 ? iso(started) : segment.from
    if (segment.state !== 'paused' || segment.to === null || segment.workingMinutes === undefined) {
      return { ...segment, from }
    }
    const pausedMs = Math.max(0, calendar.workingMillisBetween(from, segment.to))
    steps.push({ at: Date.parse(segment.to), apply: () => (due = addMs(calendar, due, pausedMs)) })
    return { ...segment, from, workingMinutes: pausedMs / MINUTE, calendarVersion: calendar.version }
  })
  const extensions = ledger.extensions.map((e) => {
    const record = { ...e, calendarVersion: calendar.version }
    steps.push({
      at: Date.parse(e.at),
      apply: () => {
        const after = calendar.shiftWorkingDays(due, e.workingDays).getTime()
        const added = calendar.workingMillisBetween(due, after)
        Object.assign(record, { dueBefore: iso(due), dueAfter: iso(after), addedMinutes: added / MINUTE })
        budget += added
        due = after
      },
    })
    return record
  })
  steps.sort((a, b) => a.at - b.at)
  for (const step of steps) step.apply()
  if (iso(due) === ledger.dueAt && calendar.version === ledger.calendarVersion) return ledger
  return withProvisional(calendar, {
    ...ledger,
    calendarVersion: calendar.version,
    startedAt: iso(started),
    plannedDueAt: planned.toISOString(),
    dueAt: iso(due),
    budgetMinutes: budget / MINUTE,
    segments,
    extensions,
    recomputations: [
      ...ledger.recomputations,
      {
        at: iso(ms),
        fromVersion: ledger.calendarVersion,
        toVersion: calendar.version,
        dueBefore: ledger.dueAt,
        dueAfter: iso(due),
      },
    ],
    updatedAt: iso(ms),
  })
}

/** The clock's state: running, paused (with the reason) or stopped. */
export function clockState(ledger: ClockLedger): 'running' | 'paused' | 'stopped' {
  if (ledger.stoppedAt !== null) return 'stopped'
  return ledger.segments.at(-1)?.state === 'paused' ? 'paused' : 'running'
}

/** The ledger with `provisional` set from its count on `calendar` (or without it when all is official). */
function withProvisional(calendar: WorkingCalendar, ledger: ClockLedger): ClockLedger {
  const { provisional: _, ...rest } = ledger
  const found = calendar.provisional(ledger.startedAt, ledger.dueAt)
  return found
    ? { ...rest, provisional: { years: [...found.years], reason: found.reason, reasonEn: found.reasonEn } }
    : rest
}

function addMs(calendar: WorkingCalendar, ms: number, delta: number): number {
  return delta > 0 ? calendar.addWorkingMillis(ms, delta).getTime() : ms
}

function checkAt(ledger: ClockLedger, at: Instant): number {
  const ms = toMillis(at, 'at')
  if (ms < Date.parse(ledger.updatedAt)) {
    throw new ValidationError([slaIssue(['at'], 'clock_time_order', `${iso(ms)} < ${ledger.updatedAt}`)])
  }
  return ms
}

function openSegment(ledger: ClockLedger, event: string): ClockSegment {
  const open = ledger.segments.at(-1)
  if (ledger.stoppedAt !== null || !open || open.to !== null) throw notIn('stopped', event)
  return open
}

function notIn(state: 'running' | 'paused' | 'stopped', event: string) {
  const id = { running: 'sedang berjalan', paused: 'sedang dijeda', stopped: 'sudah berhenti' }[state]
  return new InvalidTransitionError(`Jam layanan ${id}: tidak dapat ${eventNames[event] ?? event}`, {
    messageEn: `The service clock is ${state}: cannot ${event}`,
    state,
    event,
  })
}

const eventNames: Record<string, string> = {
  pause: 'dijeda',
  resume: 'dilanjutkan',
  extend: 'diperpanjang',
  stop: 'dihentikan',
}
