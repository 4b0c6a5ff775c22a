import { ConfigError } from '../errors/errors'
import type { CalendarRef, DeepReadonly } from '../standard/schema'
import { createWorkingCalendar, type WorkingCalendar } from './calendar'
import { holidaySets as builtInSets, type HolidaySet } from './holidays'

/** Options of {@link calendarFromStandard}. */
export interface CalendarFromStandardOptions {
  /**
   * Named holiday sets a standard may refer to, besides the built-in `indonesia`; a set given here
   * under the same name wins over the built-in one (an office pinning an older version, say).
   * @default {}
   */
  readonly holidaySets?: Readonly<Record<string, HolidaySet>>
}

const cache = new WeakMap<object, WeakMap<object, WorkingCalendar>>()
const noSets = {}

/**
 * The {@link WorkingCalendar} a standard describes in its `calendar` field: the zone, the office
 * hours (the ASN hours when absent), the holiday set by name (`indonesia` is built in; others come
 * from `holidaySets`) or an explicit list, closures, swapped days, Ramadan periods (the set's when
 * absent), the cut-off and the version. Calendars are cached per standard and `holidaySets` object.
 *
 * @throws {ConfigError} naming `calendar.holidays` when the named set is unknown.
 * @throws {ValidationError} when the calendar data is inconsistent (see {@link createWorkingCalendar}).
 * @example
 * ```ts
 * const calendar = calendarFromStandard(balongbendo)
 * calendar.isWorkingDay('2026-12-24') // false: cuti bersama
 * ```
 */
export function calendarFromStandard(
  standard: { readonly calendar: DeepReadonly<CalendarRef> },
  options: CalendarFromStandardOptions = {},
): WorkingCalendar {
  const ref = standard.calendar
  const sets = options.holidaySets ?? noSets
  const perRef = cache.get(ref) ?? new WeakMap<object, WorkingCalendar>()
  cache.set(ref, perRef)
  const known = perRef.get(sets)
  if (known) return known
  let holidays: HolidaySet | DeepReadonly<CalendarRef['holidays']>
  if (typeof ref.holidays === 'string') {
    const name = ref.holidays
    const set = Object.hasOwn(sets, name)
      ? (sets as Record<string, HolidaySet>)[name]
      : Object.hasOwn(builtInSets, name)
        ? builtInSets[name]
        : undefined
    if (!set) {
      const available = [...new Set([...Object.keys(sets), ...Object.keys(builtInSets)])].join(', ')
      throw new ConfigError(
        `calendar.holidays: kumpulan hari libur '${name}' tidak dikenal (tersedia: ${available})`,
        {
          messageEn: `calendar.holidays: unknown holiday set '${name}' (available: ${available})`,
          keys: ['calendar.holidays'],
        },
      )
    }
    holidays = set
  } else {
    holidays = ref.holidays
  }
  const calendar = createWorkingCalendar({
    timeZone: ref.timeZone,
    hours: ref.hours,
    holidays: holidays as HolidaySet,
    closures: ref.closures,
    extraWorkingDays: ref.extraWorkingDays,
    ramadan: ref.ramadan,
    cutoff: ref.cutoff,
    version: ref.version,
  })
  perRef.set(sets, calendar)
  return calendar
}
