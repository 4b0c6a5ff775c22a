// The working-time baseline: date-fns' addBusinessDays in Asia/Jakarta plus a holiday loop, the
// way working days are usually added with date-fns.
import { TZDate } from '@date-fns/tz'
import { addBusinessDays, format } from 'date-fns'

/** 2025-2026 libur nasional and cuti bersama (DOMAIN.md section 5), used when the calendar does not expose its own. */
export const holidays20252026 = [
  ...['01-01', '01-27', '01-28', '01-29', '03-28', '03-29', '03-31', '04-01', '04-02', '04-03', '04-04'],
  ...['04-07', '04-18', '04-20', '05-01', '05-12', '05-13', '05-29', '05-30', '06-01', '06-06', '06-09'],
  ...['06-27', '08-17', '08-18', '09-05', '12-25', '12-26'],
]
  .map((d) => `2025-${d}`)
  .concat(
    [
      ...['01-01', '01-16', '02-16', '02-17', '03-18', '03-19', '03-20', '03-21', '03-22', '03-23', '03-24'],
      ...['04-03', '04-05', '05-01', '05-14', '05-15', '05-27', '05-28', '05-31', '06-01', '06-16', '08-17'],
      ...['08-25', '12-24', '12-25'],
    ].map((d) => `2026-${d}`),
  )

/**
 * `addWorkingDays` as date-fns users write it: step one business day at a time in the office's
 * zone, skipping every date in the holiday set. Returns the instant `days` working days later at
 * the same wall-clock time.
 */
export function createDateFnsAddWorkingDays({ timeZone = 'Asia/Jakarta', holidays = holidays20252026 } = {}) {
  const set = new Set(holidays)
  return function addWorkingDaysDateFns(instant, days) {
    let date = new TZDate(instant, timeZone)
    for (let i = 0; i < days; i++) {
      do date = addBusinessDays(date, 1)
      while (set.has(format(date, 'yyyy-MM-dd')))
    }
    return new Date(date.getTime())
  }
}
