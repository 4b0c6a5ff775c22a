import type { HolidayDay, HolidaySet, RamadanPeriod } from './holidays'
import type { CalendarHorizon, ProvisionalDeadline } from './horizon'
import type { ClockTime, DayHours, WeekHours, weekdayKeys } from './hours'

/** The Indonesian time zones a calendar may use: WIB (Jakarta, Pontianak), WITA (Makassar), WIT (Jayapura). */
export const indonesianTimeZones = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const
/** One of {@link indonesianTimeZones}. */
export type IndonesianTimeZone = (typeof indonesianTimeZones)[number]

/** An instant: a `Date`, epoch milliseconds, or an ISO 8601 text with a zone (`Z` or an offset). */
export type Instant = Date | number | string

/** A day: `'YYYY-MM-DD'` (a day of the calendar's zone) or a `Date` (read in the calendar's zone). */
export type CalendarDay = string | Date

/** A day worked although it would not be (a swapped day), with its own hours if given. */
export interface ExtraWorkingDay {
  readonly date: string
  /** @default that weekday's hours, or Monday's when that weekday has none */
  readonly hours?: DayHours
}

/** Options of {@link createWorkingCalendar}; the same shape as a standard's `calendar` field. */
export interface WorkingCalendarOptions {
  /** IANA zone of the office. @default 'Asia/Jakarta' (WIB) */
  readonly timeZone?: IndonesianTimeZone
  /** Office hours per weekday; an absent or `null` day is closed. @default asnHours */
  readonly hours?: WeekHours
  /**
   * Days off: a {@link HolidaySet}, the name of a built-in set (`'indonesia'`, see {@link holidaySets};
   * sets of your own go through `calendarFromStandard`), or a plain list of days.
   * @default indonesiaHolidays
   */
  readonly holidays?: HolidaySet | readonly HolidayDay[] | string
  /** Office closures beyond the holidays (kind `closure`). @default [] */
  readonly closures?: readonly HolidayDay[]
  /** Days worked although they would not be; they win over holidays and closures. @default [] */
  readonly extraWorkingDays?: readonly (string | ExtraWorkingDay)[]
  /**
   * Ramadan periods with their own hours (each defaulting to {@link asnRamadanHours}).
   * @default the holiday set's `ramadan` when `holidays` is a set, else none; `[]` turns them off
   */
  readonly ramadan?: readonly RamadanPeriod[]
  /** Daily cut-off `'HH.MM'`: a submission at or after it counts from the next working day's opening. */
  readonly cutoff?: ClockTime
  /**
   * Version id recorded with every deadline computed on this calendar.
   * @default `<set id>@<set version>#<hash>` (or `custom#<hash>`), the hash covering the whole configuration
   */
  readonly version?: string
}

/** What {@link WorkingCalendar.describeDay} tells about one day. */
export interface DayDescription {
  /** `'YYYY-MM-DD'`. */
  readonly date: string
  /** `sun` ... `sat`. */
  readonly weekday: (typeof weekdayKeys)[number]
  readonly working: boolean
  /** Holidays and closures on that day (also when an extra working day overrides them). */
  readonly holidays: readonly HolidayDay[]
  /** Inside a Ramadan period. */
  readonly ramadan: boolean
  /** Listed in `extraWorkingDays`. */
  readonly extraWorkingDay: boolean
  /** The day's holiday data is not official (its year's decree is not entered, or there is no data). */
  readonly provisional: boolean
  /** The open intervals (office hours minus breaks), `'HH.MM'`; empty on a closed day. */
  readonly open: readonly { readonly start: ClockTime; readonly end: ClockTime }[]
}

/**
 * Working time of one office: office hours, breaks, Ramadan hours, holidays, cuti bersama, closures,
 * swapped days and the daily cut-off, in a fixed-offset Indonesian zone. Immutable; every result is
 * a new `Date`.
 *
 * Semantics:
 * - An instant outside office hours (before opening, in a break, after closing, on a day off)
 *   counts from the next opening. The closing instant itself is outside office hours.
 * - N working days from an instant end at the same office time on the Nth following working day,
 *   at that day's closing time if it closes earlier (and at its opening if it opens later).
 * - Working minutes are minutes inside open intervals; a target in minutes is working minutes.
 * - The cut-off only affects {@link WorkingCalendar.countFrom} (where a submission starts counting);
 *   the office still works until closing, so working-time arithmetic ignores it.
 */
export interface WorkingCalendar {
  /** Version id; every deadline records it. */
  readonly version: string
  readonly timeZone: IndonesianTimeZone
  /** `WIB`, `WITA` or `WIT`. */
  readonly zoneAbbreviation: string
  /** UTC offset in minutes, read from the zone data once (Indonesia has no daylight saving). */
  readonly offsetMinutes: number
  /** The daily cut-off, or `null`. */
  readonly cutoff: ClockTime | null
  /** The holiday set used, or `null` for a plain list. */
  readonly holidaySet: { readonly id: string; readonly version: string } | null
  /** How far the holiday data reaches: official, then provisional. */
  readonly horizon: CalendarHorizon
  /**
   * Whether counting from `from` to `to` crosses a day whose holiday data is not official (an
   * estimate, or past the data), with the reason; `null` when every day of the count is official.
   * Beyond the data the calendar still counts: this only says how sure the answer is.
   */
  provisional(from: Instant, to: Instant): ProvisionalDeadline | null
  /** Whether the day has office hours (not a weekend, holiday, cuti bersama or closure, or a swapped working day). */
  isWorkingDay(day: CalendarDay): boolean
  /** Whether the office is open at the instant (inside an open interval; the closing instant is not). */
  isOpen(instant: Instant): boolean
  /** The instant itself when open, else the next opening (after a break, or the next working day's). */
  nextOpening(instant: Instant): Date
  /** Where a submission at the instant starts counting: like {@link nextOpening}, but at or after the cut-off it is the next working day's opening. */
  countFrom(instant: Instant): Date
  /**
   * N working days after the instant: the same office time on the Nth following working day
   * (clamped to that day's hours), counting from {@link nextOpening}. `n = 0` gives the next opening.
   * @throws {ValidationError} when `n` is not a whole number >= 0
   */
  addWorkingDays(instant: Instant, n: number): Date
  /**
   * Like {@link addWorkingDays}, but an instant on a working day at or before its closing (a due
   * time at closing, say) keeps its own day as the anchor: Monday 16.00 plus 1 is Tuesday 16.00.
   * Used to extend a due time.
   */
  shiftWorkingDays(instant: Instant, n: number): Date
  /**
   * The earliest instant at which `minutes` working minutes have passed after the instant (counting
   * from the next opening): Monday 15.00 plus 60 is Monday 16.00 when the office closes at 16.00.
   * `0` gives the next opening. Fractions are rounded to the millisecond.
   */
  addWorkingMinutes(instant: Instant, minutes: number): Date
  /** {@link addWorkingMinutes} in milliseconds. */
  addWorkingMillis(instant: Instant, millis: number): Date
  /** Working minutes from `a` to `b`; negative when `b` is before `a`. Fractional when the instants are not on whole minutes. */
  workingMinutesBetween(a: Instant, b: Instant): number
  /** {@link workingMinutesBetween} in milliseconds (an integer). */
  workingMillisBetween(a: Instant, b: Instant): number
  /** The local day `'YYYY-MM-DD'` of the instant. */
  dayOf(instant: Instant): string
  /** The instant of a local day and clock time: `at('2026-12-23', '10.00')`. */
  at(day: string, time: ClockTime): Date
  /** Everything about one day: holidays, Ramadan, open intervals. */
  describeDay(day: CalendarDay): DayDescription
  /**
   * The instant as local text: `short` `'2026-12-30 10.00 WIB'`, `long`
   * `'Rabu, 30 Desember 2026 pukul 10.00 WIB'`.
   * @default style 'short'
   */
  format(instant: Instant, style?: 'short' | 'long'): string
}
