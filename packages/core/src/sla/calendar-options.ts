import { z } from 'zod'
import { ValidationError } from '../errors/errors'
import { calendarRefSchema, holidayEntrySchema } from '../standard/schema'
import { type Instant, indonesianTimeZones } from './calendar-types'
import type { RamadanPeriod } from './holidays'
import { holidaySets } from './holidays'
import { asnHours, type DayHours, parseClockTime, type WeekHours, weekdayKeys } from './hours'
import { slaIssue } from './messages'

/** Milliseconds of a day. @internal */
export const DAY = 86_400_000

const hoursSchema = calendarRefSchema.shape.hours.unwrap()
const ramadanSchema = calendarRefSchema.shape.ramadan.unwrap().element
const dayHoursSchema = hoursSchema.shape.mon.unwrap().unwrap()
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'iso_day' })

/** The schema of {@link WorkingCalendarOptions}. @internal */
export const optionsSchema = z
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

/** The calendar options as parsed. @internal */
export type ParsedOptions = z.output<typeof optionsSchema>
/** A day's hours as parsed. @internal */
export type ParsedDayHours = z.output<typeof dayHoursSchema>

/** The checks of the options beyond their schema: hours in order, real dates. @internal */
export function checkOptions(o: ParsedOptions) {
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
export function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(ms)
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1) return null
  return ms / DAY
}

/** Days since 1970-01-01 to `'YYYY-MM-DD'`. @internal */
export function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
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

/** A count of working days: a whole number, 0 or more. @internal */
export function daysArg(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError([slaIssue(['n'], 'working_days_count')])
  return n
}

/** A count of working minutes or ms: finite, 0 or more. @internal */
export function minutesArg(m: number, path: string): number {
  if (!Number.isFinite(m) || m < 0) throw new ValidationError([slaIssue([path], 'working_minutes_count')])
  return m
}
