import { TZDate, tzOffset, tzScan } from '@date-fns/tz'
import { format as formatDate } from 'date-fns'
import { id as idLocale } from 'date-fns/locale/id'
import { z } from 'zod'
import { ConfigError, ValidationError } from '../errors/errors'
import { parseOrThrow, ruleMessages } from '../i18n/zod-issues'
import { calendarRefSchema, holidayEntrySchema } from '../standard/schema'
import { canonicalJson, sha256Hex } from '../util/canonical-json'
import type { HolidayDay, HolidaySet, RamadanPeriod } from './holidays'
import { holidaySets, indonesiaHolidays } from './holidays'
import { type CalendarHorizon, horizonOf, type ProvisionalDeadline, provisionalSpan } from './horizon'
import {
  asnHours,
  asnRamadanHours,
  type ClockTime,
  type DayHours,
  formatClockTime,
  parseClockTime,
  type WeekHours,
  weekdayKeys,
} from './hours'
import { slaIssue } from './messages'

const MINUTE = 60_000
const DAY = 86_400_000
/** Supported local days: 1900-01-01 .. 2299-12-31 (`MAX_DAY` is 2300-01-01, the first day outside). */
const MIN_DAY = -25_567
const MAX_DAY = 120_530
/** The table first covers 2020..2035 and grows on demand. */
const INITIAL_FROM = Date.UTC(2020, 0, 1) / DAY
const INITIAL_TO = Date.UTC(2036, 0, 1) / DAY
const GROW = 5 * 366

/** The Indonesian time zones a calendar may use: WIB (Jakarta, Pontianak), WITA (Makassar), WIT (Jayapura). */
export const indonesianTimeZones = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const
/** One of {@link indonesianTimeZones}. */
export type IndonesianTimeZone = (typeof indonesianTimeZones)[number]

const zoneAbbreviations: Record<IndonesianTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

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

interface Shape {
  /** Open intervals as [start, end, start, end, ...] in ms after local midnight. */
  readonly iv: Int32Array
  readonly total: number
  readonly open: number
  readonly close: number
}

interface Table {
  readonly from: number
  readonly to: number
  /** Shape id per day (relative to `from`); 0 is closed. */
  readonly shape: Uint16Array
  /** Working days before each day: length n + 1. */
  readonly cumDays: Int32Array
  /** Relative day of the k-th working day. */
  readonly list: Int32Array
  /** Working ms before each day: length n + 1. */
  readonly cumMs: Float64Array
}

const hoursSchema = calendarRefSchema.shape.hours.unwrap()
const ramadanSchema = calendarRefSchema.shape.ramadan.unwrap().element
const dayHoursSchema = hoursSchema.shape.mon.unwrap().unwrap()
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'iso_day' })

const optionsSchema = z
  .object({
    timeZone: z.enum(indonesianTimeZones).default('Asia/Jakarta'),
    hours: hoursSchema.optional(),
    holidays: z
      .union([
        z.string().refine((name) => Object.hasOwn(holidaySets, name), { message: 'holiday_set' }),
        z.array(holidayEntrySchema),
        z.object({
          id: z.string().min(1),
          version: z.string().min(1),
          days: z.array(holidayEntrySchema),
          ramadan: z.array(ramadanSchema).optional(),
          officialUntil: isoDay.nullable().optional(),
          provisionalUntil: isoDay.nullable().optional(),
          years: z.record(z.string(), z.enum(['official', 'provisional'])).optional(),
          revisions: z.array(z.string()).optional(),
        }),
      ])
      .optional(),
    closures: z.array(holidayEntrySchema).default([]),
    extraWorkingDays: z
      .array(z.union([isoDay, z.object({ date: isoDay, hours: dayHoursSchema.optional() }).strict()]))
      .default([]),
    ramadan: z.array(ramadanSchema).optional(),
    cutoff: calendarRefSchema.shape.cutoff,
    version: z.string().min(1).max(200).optional(),
  })
  .strict()

type ParsedOptions = z.output<typeof optionsSchema>
type ParsedDayHours = z.output<typeof dayHoursSchema>

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

function checkOptions(o: ParsedOptions) {
  const issues = []
  const checkWeek = (week: WeekHours | undefined, path: (string | number)[]) => {
    if (!week) return
    for (const key of weekdayKeys) {
      const day = week[key]
      if (day) issues.push(...checkDay(day as ParsedDayHours, [...path, key]))
    }
  }
  checkWeek(o.hours, ['hours'])
  if (!weekdayKeys.some((k) => (o.hours ?? asnHours)[k])) issues.push(slaIssue(['hours'], 'no_working_day'))
  const days: Array<[string, (string | number)[]]> = []
  if (Array.isArray(o.holidays)) {
    for (const [i, h] of o.holidays.entries()) days.push([h.date, ['holidays', i, 'date']])
  } else if (o.holidays && typeof o.holidays !== 'string') {
    for (const [i, h] of o.holidays.days.entries()) days.push([h.date, ['holidays', 'days', i, 'date']])
  }
  for (const [i, h] of o.closures.entries()) days.push([h.date, ['closures', i, 'date']])
  for (const [i, d] of o.extraWorkingDays.entries()) {
    if (typeof d === 'string') days.push([d, ['extraWorkingDays', i]])
    else {
      days.push([d.date, ['extraWorkingDays', i, 'date']])
      if (d.hours) issues.push(...checkDay(d.hours, ['extraWorkingDays', i, 'hours']))
    }
  }
  const checkRamadan = (periods: readonly RamadanPeriod[] | undefined, path: (string | number)[]) => {
    for (const [i, p] of (periods ?? []).entries()) {
      days.push([p.from, [...path, i, 'from']], [p.to, [...path, i, 'to']])
      if (p.to < p.from) issues.push(slaIssue([...path, i, 'to'], 'date_range_order'))
      checkWeek(p.hours, [...path, i, 'hours'])
    }
  }
  checkRamadan(o.ramadan, ['ramadan'])
  if (o.holidays && typeof o.holidays !== 'string' && !Array.isArray(o.holidays))
    checkRamadan(o.holidays.ramadan, ['holidays', 'ramadan'])
  for (const [day, path] of days) if (parseDay(day) === null) issues.push(slaIssue(path, 'calendar_date'))
  return issues
}

function checkDay(day: DayHours, path: (string | number)[]) {
  const open = parseClockTime(day.open)!
  const close = parseClockTime(day.close)!
  if (close <= open) return [slaIssue([...path, 'close'], 'hours_order')]
  const issues = []
  let last = open
  for (const [i, b] of (day.breaks ?? []).entries()) {
    const start = parseClockTime(b.start)!
    const end = parseClockTime(b.end)!
    if (start <= open || end >= close) issues.push(slaIssue([...path, 'breaks', i], 'break_outside_hours'))
    else if (end <= start || start < last) issues.push(slaIssue([...path, 'breaks', i], 'break_order'))
    last = end
  }
  return issues
}

/** `'YYYY-MM-DD'` to days since 1970-01-01, or null when malformed or not a real date. @internal */
function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(ms)
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1) return null
  return ms / DAY
}

/** Days since 1970-01-01 to `'YYYY-MM-DD'`. @internal */
function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}

function buildCalendar(o: ParsedOptions): WorkingCalendar {
  const timeZone = o.timeZone
  const set =
    o.holidays === undefined
      ? indonesiaHolidays
      : typeof o.holidays === 'string'
        ? holidaySets[o.holidays]!
        : Array.isArray(o.holidays)
          ? null
          : o.holidays
  const holidayList: readonly HolidayDay[] = set ? set.days : (o.holidays as HolidayDay[])
  const horizon = horizonOf(set, holidayList)
  const officialUntilDay = horizon.officialUntil === null ? null : parseDay(horizon.officialUntil)
  const ramadan = o.ramadan ?? set?.ramadan ?? []
  const week = o.hours ?? asnHours
  const cutoffMs = o.cutoff === undefined ? null : parseClockTime(o.cutoff)

  const definition = {
    timeZone,
    hours: week,
    holidays: holidayList,
    closures: o.closures,
    extraWorkingDays: o.extraWorkingDays,
    ramadan,
    cutoff: o.cutoff ?? null,
  }
  const hash = sha256Hex(canonicalJson(definition)).slice(0, 12)
  const version = o.version ?? `${set ? `${set.id}@${set.version}` : 'custom'}#${hash}`

  // Zone offset: read from the zone data, checked constant where the table reaches.
  const offsetMinutes = tzOffset(timeZone, new Date(INITIAL_FROM * DAY))
  const off = offsetMinutes * MINUTE
  const checkedZone = { from: INITIAL_FROM, to: INITIAL_FROM }
  const checkZone = (from: number, to: number) => {
    const scan = (a: number, b: number) => {
      if (b <= a) return
      const changes = tzScan(timeZone, { start: new Date(a * DAY), end: new Date(b * DAY) })
      if (changes.length || tzOffset(timeZone, new Date(a * DAY)) !== offsetMinutes) {
        throw new ConfigError(`zona waktu ${timeZone} tidak memiliki selisih UTC yang tetap`, {
          messageEn: `time zone ${timeZone} has no constant UTC offset`,
          keys: ['timeZone'],
        })
      }
    }
    scan(from, checkedZone.from)
    scan(checkedZone.to, to)
    checkedZone.from = Math.min(from, checkedZone.from)
    checkedZone.to = Math.max(to, checkedZone.to)
  }

  // Day shapes, deduplicated; 0 is the closed day.
  const shapes: Shape[] = [{ iv: new Int32Array(0), total: 0, open: 0, close: 0 }]
  const shapeIds = new Map<string, number>()
  const shapeOf = (day: DayHours | null | undefined): number => {
    if (!day) return 0
    const key = canonicalJson(day)
    const known = shapeIds.get(key)
    if (known !== undefined) return known
    const open = parseClockTime(day.open)!
    const close = parseClockTime(day.close)!
    const points = [open]
    for (const b of day.breaks ?? []) points.push(parseClockTime(b.start)!, parseClockTime(b.end)!)
    points.push(close)
    let total = 0
    for (let i = 0; i < points.length; i += 2) total += points[i + 1]! - points[i]!
    shapes.push({ iv: Int32Array.from(points), total, open, close })
    shapeIds.set(key, shapes.length - 1)
    return shapes.length - 1
  }
  const weekShapes = weekdayKeys.map((k) => shapeOf(week[k]))
  const ramadanRanges = ramadan.map((p) => {
    const hours = p.hours ?? asnRamadanHours
    return { from: parseDay(p.from)!, to: parseDay(p.to)!, shapes: weekdayKeys.map((k) => shapeOf(hours[k])) }
  })
  const offDays = new Map<number, HolidayDay[]>()
  for (const h of [...holidayList, ...o.closures]) {
    const d = parseDay(h.date)!
    offDays.set(d, [...(offDays.get(d) ?? []), h])
  }
  const extraDays = new Map<number, ParsedDayHours | undefined>()
  for (const e of o.extraWorkingDays) {
    if (typeof e === 'string') extraDays.set(parseDay(e)!, undefined)
    else extraDays.set(parseDay(e.date)!, e.hours)
  }
  const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7
  const ramadanAt = (day: number) => ramadanRanges.find((r) => day >= r.from && day <= r.to)
  const regularShape = (day: number, wd: number) => {
    const r = ramadanAt(day)
    return r ? r.shapes[wd]! : weekShapes[wd]!
  }
  const shapeIdOfDay = (day: number): number => {
    const wd = weekdayOf(day)
    if (extraDays.has(day)) {
      const own = extraDays.get(day)
      if (own) return shapeOf(own)
      return regularShape(day, wd) || regularShape(day, 1) || weekShapes.find((s) => s > 0)!
    }
    if (offDays.has(day)) return 0
    return regularShape(day, wd)
  }

  const build = (from: number, to: number): Table => {
    checkZone(from, to)
    const n = to - from
    const shape = new Uint16Array(n)
    const cumDays = new Int32Array(n + 1)
    const cumMs = new Float64Array(n + 1)
    const list: number[] = []
    for (let r = 0; r < n; r++) {
      const s = shapeIdOfDay(from + r)
      shape[r] = s
      const total = shapes[s]!.total
      cumMs[r + 1] = cumMs[r]! + total
      if (total > 0) list.push(r)
      cumDays[r + 1] = list.length
    }
    return { from, to, shape, cumDays, list: Int32Array.from(list), cumMs }
  }

  let t = build(INITIAL_FROM, INITIAL_TO)

  const outOfRange = (path: string) => new ValidationError([slaIssue([path], 'instant_range')])
  const ensure = (day: number, path = 'instant') => {
    if (day >= t.from && day < t.to) return
    if (day < MIN_DAY || day >= MAX_DAY) throw outOfRange(path)
    t = build(Math.max(MIN_DAY, Math.min(t.from, day - GROW)), Math.min(MAX_DAY, Math.max(t.to, day + GROW)))
  }
  const growForward = (path: string) => {
    if (t.to >= MAX_DAY) throw outOfRange(path)
    t = build(t.from, Math.min(MAX_DAY, t.to + Math.max(GROW, (t.to - t.from) >> 1)))
  }

  /** Absolute day of the n-th (n >= 1) working day strictly after `day`. */
  const nthWorkingDayAfter = (day: number, n: number, path: string): number => {
    ensure(day, path)
    for (;;) {
      const k = t.cumDays[day - t.from + 1]! + n - 1
      if (k < t.list.length) return t.from + t.list[k]!
      growForward(path)
    }
  }

  const nextOpeningMs = (ms: number): number => {
    const local = ms + off
    const day = Math.floor(local / DAY)
    const tod = local - day * DAY
    ensure(day)
    const iv = shapes[t.shape[day - t.from]!]!.iv
    for (let i = 0; i < iv.length; i += 2) {
      if (tod < iv[i + 1]!) return tod >= iv[i]! ? ms : ms + (iv[i]! - tod)
    }
    const next = nthWorkingDayAfter(day, 1, 'instant')
    return next * DAY + shapes[t.shape[next - t.from]!]!.open - off
  }

  /** Working ms from the table's origin to the instant; valid until the table is rebuilt. */
  const positionMs = (ms: number): number => {
    const local = ms + off
    const day = Math.floor(local / DAY)
    const tod = local - day * DAY
    const r = day - t.from
    const iv = shapes[t.shape[r]!]!.iv
    let within = 0
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i]!
      if (tod <= s) break
      const e = iv[i + 1]!
      within += Math.min(tod, e) - s
    }
    return t.cumMs[r]! + within
  }

  const dayOfMs = (ms: number) => Math.floor((ms + off) / DAY)

  const addWorkingMs = (ms: number, delta: number, path: string): number => {
    const start = nextOpeningMs(ms)
    if (delta === 0) return start
    ensure(dayOfMs(start))
    const target = positionMs(start) + delta
    while (t.cumMs[t.to - t.from]! < target) growForward(path)
    // Smallest r with cumMs[r + 1] >= target: that day holds the target position.
    let lo = dayOfMs(start) - t.from
    let hi = t.to - t.from - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (t.cumMs[mid + 1]! >= target) hi = mid
      else lo = mid + 1
    }
    let rest = target - t.cumMs[lo]!
    const iv = shapes[t.shape[lo]!]!.iv
    let tod = 0
    for (let i = 0; i < iv.length; i += 2) {
      const len = iv[i + 1]! - iv[i]!
      if (rest <= len) {
        tod = iv[i]! + rest
        break
      }
      rest -= len
    }
    return (t.from + lo) * DAY + tod - off
  }

  const addDaysMs = (ms: number, n: number): number => {
    const start = nextOpeningMs(ms)
    if (n === 0) return start
    return landOn(start, n)
  }

  /** Same local clock time as `ms`, on the n-th working day after its day, clamped to that day's hours. */
  const landOn = (ms: number, n: number): number => {
    const local = ms + off
    const day = Math.floor(local / DAY)
    const tod = local - day * DAY
    const target = nthWorkingDayAfter(day, n, 'n')
    const sh = shapes[t.shape[target - t.from]!]!
    return target * DAY + Math.min(Math.max(tod, sh.open), sh.close) - off
  }

  const dayArg = (day: CalendarDay, path = 'day'): number => {
    if (typeof day === 'string') {
      const d = parseDay(day)
      if (d === null) throw new ValidationError([slaIssue([path], 'calendar_date')])
      return d
    }
    return dayOfMs(toMillis(day, path))
  }

  const daysArg = (n: number) => {
    if (!Number.isInteger(n) || n < 0) throw new ValidationError([slaIssue(['n'], 'working_days_count')])
    return n
  }
  const minutesArg = (m: number, path: string) => {
    if (!Number.isFinite(m) || m < 0) throw new ValidationError([slaIssue([path], 'working_minutes_count')])
    return m
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
      return t.shape[d - t.from] !== 0
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
        if (t.shape[day - t.from] !== 0 && ms + off - day * DAY >= cutoffMs) {
          const next = nthWorkingDayAfter(day, 1, 'instant')
          return new Date(next * DAY + shapes[t.shape[next - t.from]!]!.open - off)
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
      const sh = shapes[t.shape[day - t.from]!]!
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
      const sh = shapes[t.shape[d - t.from]!]!
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

/**
 * Converts an {@link Instant} to epoch milliseconds.
 * @throws {ValidationError} (rule `instant`) naming `path` when it is not a valid instant.
 * @internal
 */
export function toMillis(instant: Instant, path = 'instant'): number {
  const ms =
    instant instanceof Date
      ? instant.getTime()
      : typeof instant === 'number'
        ? instant
        : typeof instant === 'string' && /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(instant)
          ? Date.parse(instant)
          : Number.NaN
  if (!Number.isFinite(ms)) throw new ValidationError([slaIssue([path], 'instant')])
  return ms
}
