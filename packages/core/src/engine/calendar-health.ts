import type { WorkingCalendar } from '../sla/calendar'
import { daysLeft } from '../sla/horizon'
import type { Standard } from '../standard/schema'
import type { Ak1Logger } from './options'

/** How the holiday data of one calendar a service uses stands, for a portal to show. */
export interface CalendarHealth {
  /** The standards (id and version) computing deadlines on this calendar. */
  standards: Array<{ id: string; version: string }>
  calendarVersion: string
  /** Today `'YYYY-MM-DD'` in the calendar's zone, from which the days left count. */
  today: string
  /** The holiday set and its version, or `null` for a plain list. */
  holidaySet: { id: string; version: string } | null
  /** Last official day `'YYYY-MM-DD'`, or `null`. */
  officialUntil: string | null
  /** Last day any data covers, estimates included, or `null`. */
  provisionalUntil: string | null
  /** Whole days of official data left after today (0 once passed); `null` when the calendar tracks no horizon. */
  officialDaysLeft: number | null
  /** Whole days of data, estimates included, left after today; `null` without data. */
  provisionalDaysLeft: number | null
  /** Set when fewer than the warning threshold of official days are left. */
  warning: { message: string; messageEn: string } | null
}

/** What {@link Ak1Service.health} reports. */
export interface Ak1Health {
  /** ISO instant of the report. */
  at: string
  /** `ok`, or `warning` when a calendar runs short of official holiday data. */
  status: 'ok' | 'warning'
  /** One entry per calendar version in use. */
  calendars: CalendarHealth[]
}

/** Fewer days of official holiday data than this raise a warning. */
export const horizonWarningDays = 60

/**
 * The health of the calendars the standards use at `now`: days of official and provisional holiday
 * data left, with a warning (Indonesian and English) under {@link horizonWarningDays} official days.
 * @internal
 */
export function calendarHealth(
  entries: ReadonlyArray<{ standard: Standard; calendar: WorkingCalendar }>,
  now: Date,
): Ak1Health {
  const byVersion = new Map<string, CalendarHealth>()
  for (const { standard, calendar } of entries) {
    const known = byVersion.get(calendar.version)
    if (known) {
      known.standards.push({ id: standard.id, version: standard.version })
      continue
    }
    const today = calendar.dayOf(now)
    const left = daysLeft(calendar.horizon, today)
    const { officialUntil, provisionalUntil } = calendar.horizon
    const short = left.official !== null && left.official < horizonWarningDays
    byVersion.set(calendar.version, {
      standards: [{ id: standard.id, version: standard.version }],
      calendarVersion: calendar.version,
      today,
      holidaySet: calendar.holidaySet ? { ...calendar.holidaySet } : null,
      officialUntil,
      provisionalUntil,
      officialDaysLeft: left.official,
      provisionalDaysLeft: left.provisional,
      warning: short
        ? {
            message: `Data hari libur resmi kalender ${calendar.version} tinggal ${left.official} hari (sampai ${officialUntil ?? '-'}); masukkan SKB 3 Menteri tahun berikutnya. Tenggat setelah tanggal itu berupa perkiraan.`,
            messageEn: `Official holiday data of calendar ${calendar.version} runs out in ${left.official} days (until ${officialUntil ?? '-'}); enter next year's SKB 3 Menteri. Deadlines after that date are estimates.`,
          }
        : null,
    })
  }
  const calendars = [...byVersion.values()]
  return {
    at: now.toISOString(),
    status: calendars.some((c) => c.warning) ? 'warning' : 'ok',
    calendars,
  }
}

/**
 * Logs the calendar warnings of {@link calendarHealth} at most once per day (the local day of the
 * first calendar), however often the worker passes.
 * @internal
 */
export function createHorizonWatch(
  report: () => Ak1Health,
  logger: Ak1Logger | undefined,
  emit: (event: { type: string; [key: string]: unknown }) => void,
): { check(): void } {
  let warnedOn: string | null = null
  return {
    check() {
      const health = report()
      const day = health.calendars[0]?.today ?? health.at.slice(0, 10)
      if (health.status !== 'warning' || warnedOn === day) return
      warnedOn = day
      for (const c of health.calendars) {
        if (!c.warning) continue
        const event = {
          type: 'calendar.horizon_low',
          calendarVersion: c.calendarVersion,
          officialUntil: c.officialUntil,
          officialDaysLeft: c.officialDaysLeft,
          day,
        }
        logger?.warn(event, c.warning.messageEn)
        emit(event)
      }
    },
  }
}
