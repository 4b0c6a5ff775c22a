import { TZDate } from '@date-fns/tz'
import type { CardSettings } from './settings'

/**
 * Calendar days of the card's life, read in the office time zone (WIB for Balongbendo). A reporting
 * date is a day, not an instant: an instant late in the evening UTC is already the next day in WIB.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/

function parseDay(day: string): [number, number, number] {
  const match = dayPattern.exec(day)
  if (!match) throw new RangeError(`not a calendar day: ${day}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The calendar day (`YYYY-MM-DD`) of an instant in an IANA zone. */
export function dayInZone(at: Date | string, timeZone: string): string {
  const ms = new Date(at).getTime()
  const format = dayFormatOf(timeZone)
  const day = format === null || Number.isNaN(ms) ? null : format(ms)
  // Years outside 1000-9999 (no four digits, or an era) are given as TZDate gives them.
  if (day !== null && dayPattern.test(day)) return day
  const zoned = new TZDate(ms, timeZone)
  return formatDay(zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate())
}

/**
 * One `Intl.DateTimeFormat` per zone giving `YYYY-MM-DD` (the `en-CA` calendar day), built on first
 * use: building a format costs far more than formatting with it. `null` for a zone `Intl` does not
 * know (an offset such as `+07:00`), which goes through `TZDate` as before.
 */
const dayFormats = new Map<string, ((ms: number) => string) | null>()

function dayFormatOf(timeZone: string): ((ms: number) => string) | null {
  let format = dayFormats.get(timeZone)
  if (format === undefined) {
    try {
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })
      format = (ms) => intl.format(ms)
      if (!dayPattern.test(format(0))) format = null
    } catch {
      format = null
    }
    dayFormats.set(timeZone, format)
  }
  return format
}

/** The instant a calendar day starts (00.00) in an IANA zone. */
export function startOfDayInZone(day: string, timeZone: string): Date {
  return atTimeInZone(day, '00.00', timeZone)
}

/** The instant of an office time (`HH.MM` or `HH:MM`) on a calendar day in an IANA zone. */
export function atTimeInZone(day: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${day} ${time}`
  let ms = zonedInstants.get(key)
  if (ms === undefined) {
    const [y, m, d] = parseDay(day)
    const hours = Number(time.slice(0, 2))
    const minutes = Number(time.slice(3, 5))
    ms = new TZDate(y, m - 1, d, hours, minutes, 0, 0, timeZone).getTime()
    if (zonedInstants.size >= zonedInstantsMax) zonedInstants.clear()
    zonedInstants.set(key, ms)
  }
  return new Date(ms)
}

/**
 * The instants {@link atTimeInZone} computed, by zone, day and time. The answer is a pure function
 * of the three (the zone's rules, DST included, are applied once by `TZDate`), and the cards of one
 * office share most of their days (the reporting dates, windows and reminders of every card
 * registered on a day), so a card opening finds most of its instants here. Bounded: emptied when full.
 */
const zonedInstants = new Map<string, number>()
const zonedInstantsMax = 4096

/** A calendar day plus `days` (negative to go back). */
export function addDaysToDay(day: string, days: number): string {
  const [y, m, d] = parseDay(day)
  const out = new Date(Date.UTC(y, m - 1, d + days))
  return formatDay(out.getUTCFullYear(), out.getUTCMonth() + 1, out.getUTCDate())
}

/** A calendar day plus whole months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = parseDay(day)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return formatDay(year, month, Math.min(d, last))
}

/** The dates of a card's life, from its anchor day. */
export interface CardSchedule {
  /** What the dates are counted from. */
  countFrom: CardSettings['countFrom']
  /** The anchor's calendar day in the office zone (registration or issue). */
  anchorDay: string
  /** The reporting dates: the anchor plus each `reportingIntervalMonths`, within validity. */
  reportingDates: string[]
  /** The last day the card is valid: the anchor plus `validityMonths`. */
  validUntil: string
  /** The instant the card expires: the start of the day after `validUntil`, in the office zone (ISO). */
  expiresAt: string
}

/**
 * The reporting dates and validity of a card, counted from registration or issue as the standard
 * says. Each date is counted from the anchor (not from the previous date), so a card registered on
 * 31 August reports on 28/29 February, 31 August, 28/29 February, 31 August: never drifting.
 *
 * @example
 * ```ts
 * cardSchedule({ registeredAt: '2026-03-09T17:30:00Z', issuedAt: '2026-03-12T03:00:00Z' }, balongbendo.card, 'Asia/Jakarta')
 * // anchorDay '2026-03-10' (00.30 WIB), reportingDates ['2026-09-10', '2027-03-10', '2027-09-10', '2028-03-10']
 * ```
 */
export function cardSchedule(
  at: { registeredAt: string; issuedAt: string },
  settings: Pick<CardSettings, 'countFrom' | 'validityMonths' | 'reportingIntervalMonths'>,
  timeZone: string,
): CardSchedule {
  const anchor = settings.countFrom === 'issue' ? at.issuedAt : at.registeredAt
  const anchorDay = dayInZone(anchor, timeZone)
  const reportingDates: string[] = []
  for (
    let m = settings.reportingIntervalMonths;
    m <= settings.validityMonths;
    m += settings.reportingIntervalMonths
  ) {
    reportingDates.push(addMonthsToDay(anchorDay, m))
  }
  const validUntil = addMonthsToDay(anchorDay, settings.validityMonths)
  const expiresAt = startOfDayInZone(addDaysToDay(validUntil, 1), timeZone).toISOString()
  return { countFrom: settings.countFrom, anchorDay, reportingDates, validUntil, expiresAt }
}
