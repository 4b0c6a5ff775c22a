import { TZDate } from '@date-fns/tz'
import { format as formatDate } from 'date-fns'
import { id as idLocale } from 'date-fns/locale/id'
import { ValidationError } from '../errors/errors'
import { parseOrThrow, ruleMessages } from '../i18n/zod-issues'
import { canonicalJson, sha256Hex } from '../util/canonical-json'
import {
  checkOptions,
  DAY,
  daysArg,
  formatDay,
  minutesArg,
  optionsSchema,
  type ParsedOptions,
  parseDay,
  toMillis,
} from './calendar-options'
import { createDayTable, createTableArithmetic } from './calendar-table'
import type {
  CalendarDay,
  IndonesianTimeZone,
  WorkingCalendar,
  WorkingCalendarOptions,
} from './calendar-types'
import type { HolidayDay } from './holidays'
import { holidaySets, indonesiaHolidays } from './holidays'
import { horizonOf, provisionalSpan } from './horizon'
import { asnHours, formatClockTime, parseClockTime, weekdayKeys } from './hours'
import { slaIssue } from './messages'

export { toMillis } from './calendar-options'
/** The calendar's own types, for the modules that import them with it. */
export type { Instant, WorkingCalendar } from './calendar-types'

const MINUTE = 60_000

const zoneAbbreviations: Record<IndonesianTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

/**
 * Builds a {@link WorkingCalendar}. The configuration is validated; the zone's UTC offset is read
 * once from the zone data (and checked constant over the table's range); a table of working days is
 * precomputed for 2020-2035 and extended on demand, so day and minute arithmetic is integer work.
 *
 * @throws {ValidationError} naming each bad field (bad hours, breaks outside hours, unreal dates...).
 * @throws {ConfigError} when the zone's offset is not constant (it is for every Indonesian zone).
 * @example
 * ```ts
 * const calendar = createWorkingCalendar({ timeZone: 'Asia/Jakarta', holidays: indonesiaHolidays })
 * const due = calendar.addWorkingDays(calendar.at('2026-12-23', '10.00'), 3)
 * calendar.format(due) // '2026-12-30 10.00 WIB'
 * ```
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const parsed = parseOrThrow(optionsSchema, options)
  const issues = checkOptions(parsed)
  if (issues.length) throw new ValidationError(issues)
  return buildCalendar(parsed)
}

/** The holiday set, the days, Ramadan periods and week a calendar uses, and its version id. */
function definitionOf(o: ParsedOptions) {
  const set =
    o.holidays === undefined
      ? indonesiaHolidays
      : typeof o.holidays === 'string'
        ? holidaySets[o.holidays]!
        : Array.isArray(o.holidays)
          ? null
          : o.holidays
  const holidayList: readonly HolidayDay[] = set ? set.days : (o.holidays as HolidayDay[])
  const ramadan = o.ramadan ?? set?.ramadan ?? []
  const week = o.hours ?? asnHours
  const definition = {
    timeZone: o.timeZone,
    hours: week,
    holidays: holidayList,
    closures: o.closures,
    extraWorkingDays: o.extraWorkingDays,
    ramadan,
    cutoff: o.cutoff ?? null,
  }
  const hash = sha256Hex(canonicalJson(definition)).slice(0, 12)
  const version = o.version ?? `${set ? `${set.id}@${set.version}` : 'custom'}#${hash}`
  return { set, holidayList, ramadan, week, version }
}

function buildCalendar(o: ParsedOptions): WorkingCalendar {
  const timeZone = o.timeZone
  const { set, holidayList, ramadan, week, version } = definitionOf(o)
  const horizon = horizonOf(set, holidayList)
  const officialUntilDay = horizon.officialUntil === null ? null : parseDay(horizon.officialUntil)
  const cutoffMs = o.cutoff === undefined ? null : parseClockTime(o.cutoff)

  const dt = createDayTable({
    timeZone,
    week,
    ramadan,
    holidays: holidayList,
    closures: o.closures,
    extraWorkingDays: o.extraWorkingDays,
  })
  const { offsetMinutes, off, shapes, ensure, nthWorkingDayAfter } = dt
  const { dayOfMs, weekdayOf, ramadanAt, offDays, extraDays } = dt
  const { nextOpeningMs, positionMs, addWorkingMs, addDaysMs, landOn } = createTableArithmetic(dt)

  const dayArg = (day: CalendarDay, path = 'day'): number => {
    if (typeof day === 'string') {
      const d = parseDay(day)
      if (d === null) throw new ValidationError([slaIssue([path], 'calendar_date')])
      return d
    }
    return dayOfMs(toMillis(day, path))
  }

  const abbreviation = zoneAbbreviations[timeZone]

  const calendar: WorkingCalendar = {
    version,
    timeZone,
    zoneAbbreviation: abbreviation,
    offsetMinutes,
    cutoff: o.cutoff ?? null,
    holidaySet: set ? { id: set.id, version: set.version } : null,
    horizon,
    provisional: (from, to) =>
      provisionalSpan(
        horizon,
        formatDay(dayOfMs(toMillis(from, 'from'))),
        formatDay(dayOfMs(toMillis(to, 'to'))),
      ),
    isWorkingDay(day) {
      const d = dayArg(day)
      ensure(d, 'day')
      return dt.t.shape[d - dt.t.from] !== 0
    },
    isOpen(instant) {
      const ms = toMillis(instant)
      return nextOpeningMs(ms) === ms
    },
    nextOpening: (instant) => new Date(nextOpeningMs(toMillis(instant))),
    countFrom(instant) {
      const ms = toMillis(instant)
      if (cutoffMs !== null) {
        const day = dayOfMs(ms)
        ensure(day)
        if (dt.t.shape[day - dt.t.from] !== 0 && ms + off - day * DAY >= cutoffMs) {
          const next = nthWorkingDayAfter(day, 1, 'instant')
          return new Date(next * DAY + shapes[dt.t.shape[next - dt.t.from]!]!.open - off)
        }
      }
      return new Date(nextOpeningMs(ms))
    },
    addWorkingDays: (instant, n) => new Date(addDaysMs(toMillis(instant), daysArg(n))),
    shiftWorkingDays(instant, n) {
      const ms = toMillis(instant)
      daysArg(n)
      const day = dayOfMs(ms)
      ensure(day)
      const sh = shapes[dt.t.shape[day - dt.t.from]!]!
      const anchored = sh.total > 0 && ms + off - day * DAY <= sh.close
      if (n === 0) return new Date(anchored ? ms : nextOpeningMs(ms))
      return new Date(anchored ? landOn(ms, n) : addDaysMs(ms, n))
    },
    addWorkingMinutes: (instant, minutes) =>
      new Date(
        addWorkingMs(toMillis(instant), Math.round(minutesArg(minutes, 'minutes') * MINUTE), 'minutes'),
      ),
    addWorkingMillis: (instant, millis) =>
      new Date(addWorkingMs(toMillis(instant), Math.round(minutesArg(millis, 'millis')), 'millis')),
    workingMillisBetween(a, b) {
      const am = toMillis(a, 'a')
      const bm = toMillis(b, 'b')
      ensure(dayOfMs(am), 'a')
      ensure(dayOfMs(bm), 'b')
      return positionMs(bm) - positionMs(am)
    },
    workingMinutesBetween(a, b) {
      return calendar.workingMillisBetween(a, b) / MINUTE
    },
    dayOf: (instant) => formatDay(dayOfMs(toMillis(instant))),
    at(day, time) {
      const d = dayArg(day)
      const tod = parseClockTime(time)
      if (tod === null) {
        const texts = ruleMessages.clock_time!
        throw new ValidationError([
          { path: ['time'], rule: 'clock_time', message: texts.id, messageEn: texts.en },
        ])
      }
      return new Date(d * DAY + tod - off)
    },
    describeDay(day) {
      const d = dayArg(day)
      ensure(d, 'day')
      const sh = shapes[dt.t.shape[d - dt.t.from]!]!
      const open = []
      for (let i = 0; i < sh.iv.length; i += 2) {
        open.push({ start: formatClockTime(sh.iv[i]!), end: formatClockTime(sh.iv[i + 1]!) })
      }
      return {
        date: formatDay(d),
        weekday: weekdayKeys[weekdayOf(d)]!,
        working: sh.total > 0,
        holidays: offDays.get(d) ?? [],
        ramadan: ramadanAt(d) !== undefined,
        extraWorkingDay: extraDays.has(d),
        provisional: horizon.provisionalUntil !== null && (officialUntilDay === null || d > officialUntilDay),
        open,
      }
    },
    format(instant, style = 'short') {
      const zoned = new TZDate(toMillis(instant), timeZone)
      if (style === 'long') {
        return `${formatDate(zoned, "EEEE, d MMMM yyyy 'pukul' HH.mm", { locale: idLocale })} ${abbreviation}`
      }
      return `${formatDate(zoned, 'yyyy-MM-dd HH.mm')} ${abbreviation}`
    },
  }
  return Object.freeze(calendar)
}
