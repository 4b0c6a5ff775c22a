import { cardSchedule, startOfDayInZone } from '../card/dates'
import type { Standard } from '../standard/schema'
import type { CaseCard } from './types'

/**
 * The card issued at printing. Its reporting dates and validity come from the card module's
 * {@link cardSchedule}: counted from registration (the register-book entry, the SK's step 2.1, as
 * Permenaker 39/2016 says) or from issue, as the standard's `card.countFrom` says, on the office's
 * calendar days. Each date is given as the instant its day starts in the office zone, so reading it
 * in that zone gives the day printed on the card.
 * @internal
 */
export function issueCard(
  standard: Standard,
  at: { registeredAt: string; issuedAt: Date },
  number: string,
): CaseCard {
  const zone = standard.calendar.timeZone
  const issuedAt = at.issuedAt.toISOString()
  const schedule = cardSchedule({ registeredAt: at.registeredAt, issuedAt }, standard.card, zone)
  const instant = (day: string) => startOfDayInZone(day, zone).toISOString()
  return {
    number,
    issuedAt,
    registeredAt: at.registeredAt,
    countFrom: schedule.countFrom,
    validUntil: instant(schedule.validUntil),
    reportingDueDates: schedule.reportingDates.map(instant),
  }
}
