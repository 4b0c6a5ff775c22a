/**
 * Office hours as data: the week, a day with its breaks, and the defaults from the ASN rule
 * (Perpres 21/2023, DOMAIN.md section 5).
 */

/** A clock time `'HH.MM'` (or `'HH:MM'`) in the calendar's zone. */
export type ClockTime = string

/** One day's office hours: open, close and the breaks in between. */
export interface DayHours {
  /** Opening time, e.g. `'07.30'`. */
  readonly open: ClockTime
  /** Closing time, e.g. `'16.00'`; later than `open`. */
  readonly close: ClockTime
  /** Breaks, each inside `open`..`close`, not overlapping. @default [] */
  readonly breaks?: readonly { readonly start: ClockTime; readonly end: ClockTime }[]
}

/** Weekday keys of {@link WeekHours}. */
export const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
/** A weekday key: `sun` ... `sat`. */
export type WeekdayKey = (typeof weekdayKeys)[number]

/** Office hours per weekday, the shape of the standard's `calendar.hours`; an absent or `null` day is closed. */
export type WeekHours = { readonly [K in WeekdayKey]?: DayHours | null }

/**
 * The default office hours, from the ASN rule (37.5 hours a week excluding breaks): Monday-Thursday
 * 07.30-16.00 with a break 12.00-13.00, Friday 07.30-16.30 with a break 11.30-13.00; Saturday and
 * Sunday closed. Sidoarjo's actual kecamatan hours are not published: override with `hours`.
 */
export const asnHours: WeekHours = Object.freeze({
  mon: { open: '07.30', close: '16.00', breaks: [{ start: '12.00', end: '13.00' }] },
  tue: { open: '07.30', close: '16.00', breaks: [{ start: '12.00', end: '13.00' }] },
  wed: { open: '07.30', close: '16.00', breaks: [{ start: '12.00', end: '13.00' }] },
  thu: { open: '07.30', close: '16.00', breaks: [{ start: '12.00', end: '13.00' }] },
  fri: { open: '07.30', close: '16.30', breaks: [{ start: '11.30', end: '13.00' }] },
})

/**
 * The default Ramadan hours (32.5 hours a week, starting 08.00): Monday-Thursday 08.00-15.00 with a
 * 30-minute break, Friday 08.00-15.30 with a 60-minute break. The rule gives the break lengths only;
 * placing them at 12.00-12.30 and 11.30-12.30 is this library's assumption: override per period.
 */
export const asnRamadanHours: WeekHours = Object.freeze({
  mon: { open: '08.00', close: '15.00', breaks: [{ start: '12.00', end: '12.30' }] },
  tue: { open: '08.00', close: '15.00', breaks: [{ start: '12.00', end: '12.30' }] },
  wed: { open: '08.00', close: '15.00', breaks: [{ start: '12.00', end: '12.30' }] },
  thu: { open: '08.00', close: '15.00', breaks: [{ start: '12.00', end: '12.30' }] },
  fri: { open: '08.00', close: '15.30', breaks: [{ start: '11.30', end: '12.30' }] },
})

const MINUTE = 60_000

/** Parses `'HH.MM'` / `'HH:MM'` into milliseconds after midnight, or `null` when malformed. @internal */
export function parseClockTime(value: string): number | null {
  const m = /^([01]\d|2[0-3])[.:]([0-5]\d)$/.exec(value)
  if (!m) return null
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE
}

/** Formats milliseconds after midnight as `'HH.MM'` (seconds dropped). @internal */
export function formatClockTime(msOfDay: number): ClockTime {
  const minutes = Math.floor(msOfDay / MINUTE)
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}.${String(minutes % 60).padStart(2, '0')}`
}
