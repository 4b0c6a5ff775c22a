// The working-time baseline: date-fns' addBusinessDays in Asia/Jakarta plus a holiday loop, the
// way working days are usually added with date-fns.
import { TZDate } from '@date-fns/tz'
import { addBusinessDays, format } from 'date-fns'

/**
 * `addWorkingDays` as date-fns users write it: step one business day at a time in the office's
 * zone, skipping every date in the holiday set (`YYYY-MM-DD` days, the caller's: the bench passes
 * core's `indonesiaHolidays`). Returns the instant `days` working days later at the same wall-clock
 * time.
 */
export function createDateFnsAddWorkingDays({ timeZone, holidays }) {
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
