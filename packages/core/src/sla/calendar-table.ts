import { tzOffset, tzScan } from '@date-fns/tz'
import { ConfigError, ValidationError } from '../errors/errors'
import { canonicalJson } from '../util/canonical-json'
import { DAY, type ParsedDayHours, type ParsedOptions, parseDay } from './calendar-options'
import type { IndonesianTimeZone } from './calendar-types'
import type { HolidayDay, RamadanPeriod } from './holidays'
import { asnRamadanHours, type DayHours, parseClockTime, type WeekHours, weekdayKeys } from './hours'
import { slaIssue } from './messages'

const MINUTE = 60_000
/** Supported local days: 1900-01-01 .. 2299-12-31 (`MAX_DAY` is 2300-01-01, the first day outside). */
const MIN_DAY = -25_567
const MAX_DAY = 120_530
/** The table first covers 2020..2035 and grows on demand. */
const INITIAL_FROM = Date.UTC(2020, 0, 1) / DAY
const INITIAL_TO = Date.UTC(2036, 0, 1) / DAY
const GROW = 5 * 366

/** The open intervals of one kind of day. @internal */
export interface Shape {
  /** Open intervals as [start, end, start, end, ...] in ms after local midnight. */
  readonly iv: Int32Array
  readonly total: number
  readonly open: number
  readonly close: number
}

/** Working days and working time per day over a range of days. @internal */
export interface Table {
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

/** What a day table is built from: the zone, the week, Ramadan hours, days off and days worked. @internal */
export interface DaySpec {
  timeZone: IndonesianTimeZone
  week: WeekHours
  ramadan: readonly RamadanPeriod[]
  holidays: readonly HolidayDay[]
  closures: readonly HolidayDay[]
  extraWorkingDays: ParsedOptions['extraWorkingDays']
}

/** A calendar's table of working days, grown on demand; `t` is the current table. @internal */
export type DayTable = ReturnType<typeof createDayTable>

/**
 * Builds the table of working days of a calendar: the zone's offset (checked constant where the
 * table reaches), the day shapes (deduplicated; 0 is the closed day), and per day its shape, the
 * working days and working time before it. Covers 2020-2035 first and grows on demand.
 * @internal
 */
export function createDayTable(spec: DaySpec) {
  const { timeZone, week, ramadan } = spec
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
  for (const h of [...spec.holidays, ...spec.closures]) {
    const d = parseDay(h.date)!
    offDays.set(d, [...(offDays.get(d) ?? []), h])
  }
  const extraDays = new Map<number, ParsedDayHours | undefined>()
  for (const e of spec.extraWorkingDays) {
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
  const dayOfMs = (ms: number) => Math.floor((ms + off) / DAY)

  return {
    offsetMinutes,
    off,
    shapes,
    /** The current table (rebuilt when it grows). */
    get t(): Table {
      return t
    },
    ensure,
    growForward,
    nthWorkingDayAfter,
    dayOfMs,
    weekdayOf,
    ramadanAt,
    offDays,
    extraDays,
  }
}

/**
 * Working-time arithmetic on a day table, in epoch ms: the next opening, the working position of an
 * instant, adding working time and working days.
 * @internal
 */
export function createTableArithmetic(dt: DayTable) {
  const { shapes, off, ensure, growForward, nthWorkingDayAfter, dayOfMs } = dt
  const nextOpeningMs = (ms: number): number => {
    const local = ms + off
    const day = Math.floor(local / DAY)
    const tod = local - day * DAY
    ensure(day)
    const iv = shapes[dt.t.shape[day - dt.t.from]!]!.iv
    for (let i = 0; i < iv.length; i += 2) {
      if (tod < iv[i + 1]!) return tod >= iv[i]! ? ms : ms + (iv[i]! - tod)
    }
    const next = nthWorkingDayAfter(day, 1, 'instant')
    return next * DAY + shapes[dt.t.shape[next - dt.t.from]!]!.open - off
  }

  /** Working ms from the table's origin to the instant; valid until the table is rebuilt. */
  const positionMs = (ms: number): number => {
    const local = ms + off
    const day = Math.floor(local / DAY)
    const tod = local - day * DAY
    const r = day - dt.t.from
    const iv = shapes[dt.t.shape[r]!]!.iv
    let within = 0
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i]!
      if (tod <= s) break
      const e = iv[i + 1]!
      within += Math.min(tod, e) - s
    }
    return dt.t.cumMs[r]! + within
  }

  const addWorkingMs = (ms: number, delta: number, path: string): number => {
    const start = nextOpeningMs(ms)
    if (delta === 0) return start
    ensure(dayOfMs(start))
    const target = positionMs(start) + delta
    while (dt.t.cumMs[dt.t.to - dt.t.from]! < target) growForward(path)
    // Smallest r with cumMs[r + 1] >= target: that day holds the target position.
    let lo = dayOfMs(start) - dt.t.from
    let hi = dt.t.to - dt.t.from - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (dt.t.cumMs[mid + 1]! >= target) hi = mid
      else lo = mid + 1
    }
    let rest = target - dt.t.cumMs[lo]!
    const iv = shapes[dt.t.shape[lo]!]!.iv
    let tod = 0
    for (let i = 0; i < iv.length; i += 2) {
      const len = iv[i + 1]! - iv[i]!
      if (rest <= len) {
        tod = iv[i]! + rest
        break
      }
      rest -= len
    }
    return (dt.t.from + lo) * DAY + tod - off
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
    const sh = shapes[dt.t.shape[target - dt.t.from]!]!
    return target * DAY + Math.min(Math.max(tod, sh.open), sh.close) - off
  }

  return { nextOpeningMs, positionMs, addWorkingMs, addDaysMs, landOn }
}
