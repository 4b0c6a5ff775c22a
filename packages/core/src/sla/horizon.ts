import { horizonOfYears, setStateOf } from './holiday-revisions'
import type { HolidayDay, HolidaySet, HolidayStatus } from './holidays'

/**
 * How far a calendar's holiday data reaches: official until `officialUntil` (decrees entered), then
 * provisional until `provisionalUntil` (estimates), then nothing (every weekday counts as working).
 * Both `null` when the calendar tracks no horizon (an explicitly empty list of days).
 */
export interface CalendarHorizon {
  /** The last official day `'YYYY-MM-DD'`, or `null`. */
  readonly officialUntil: string | null
  /** The last day any data covers `'YYYY-MM-DD'`, or `null`. */
  readonly provisionalUntil: string | null
}

/**
 * Why a deadline is provisional: its count crosses days whose holiday data is not official (an
 * estimate, or no data at all). Notices and views show such a date as "perkiraan" (an estimate).
 */
export interface ProvisionalDeadline {
  /** The years whose data is not official, that the count crosses. */
  readonly years: readonly number[]
  /** In Indonesian, e.g. `'data hari libur 2027 belum resmi'`. */
  readonly reason: string
  /** In English, e.g. `'holiday data for 2027 is not official yet'`. */
  readonly reasonEn: string
}

/** The horizon a calendar's holiday data states (or that its days imply). @internal */
export function horizonOf(set: HolidaySet | null, list: readonly HolidayDay[]): CalendarHorizon {
  if (set && set.officialUntil !== undefined && set.provisionalUntil !== undefined) {
    return { officialUntil: set.officialUntil, provisionalUntil: set.provisionalUntil }
  }
  if (set) return horizonOfYears(setStateOf(set).years)
  const years = new Map<number, HolidayStatus>()
  for (const day of list) years.set(Number(day.date.slice(0, 4)), 'official')
  return horizonOfYears(years)
}

/**
 * Whether a count from day `from` to day `to` (both `'YYYY-MM-DD'`, inclusive) crosses a day that
 * is not official, and why; `null` when every day is official or the horizon is not tracked.
 * @internal
 */
export function provisionalSpan(
  horizon: CalendarHorizon,
  from: string,
  to: string,
): ProvisionalDeadline | null {
  const { officialUntil, provisionalUntil } = horizon
  if (officialUntil === null && provisionalUntil === null) return null
  if (officialUntil !== null && to <= officialUntil) return null
  const firstOpen = officialUntil === null ? Number(from.slice(0, 4)) : Number(officialUntil.slice(0, 4)) + 1
  const lastData = provisionalUntil === null ? Number.NEGATIVE_INFINITY : Number(provisionalUntil.slice(0, 4))
  const years: number[] = []
  for (let y = Math.max(firstOpen, Number(from.slice(0, 4))); y <= Number(to.slice(0, 4)); y++) years.push(y)
  const id = years.map((y) =>
    y <= lastData ? `data hari libur ${y} belum resmi` : `data hari libur ${y} belum tersedia`,
  )
  const en = years.map((y) =>
    y <= lastData ? `holiday data for ${y} is not official yet` : `no holiday data for ${y} yet`,
  )
  return { years, reason: id.join('; '), reasonEn: en.join('; ') }
}

/**
 * Whole days of data left after `today` (`'YYYY-MM-DD'`): official and provisional; 0 once passed,
 * `null` when not tracked.
 * @internal
 */
export function daysLeft(
  horizon: CalendarHorizon,
  today: string,
): { official: number | null; provisional: number | null } {
  const left = (until: string | null) =>
    until === null ? null : Math.max(0, (Date.parse(until) - Date.parse(today)) / 86_400_000)
  const untracked = horizon.officialUntil === null && horizon.provisionalUntil === null
  return {
    official: untracked ? null : (left(horizon.officialUntil) ?? 0),
    provisional: left(horizon.provisionalUntil),
  }
}
