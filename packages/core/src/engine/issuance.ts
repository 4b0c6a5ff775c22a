import { TZDate } from '@date-fns/tz'
import { addMonths } from 'date-fns'
import type { Standard } from '../standard/schema'
import type { CaseCard } from './types'

/**
 * The card issued at printing, valid `validityMonths`, with a report due every
 * `reportingIntervalMonths`. Months are counted on the office's calendar (`calendar.timeZone`),
 * not in UTC: a card printed at 06.30 WIB on 1 July has its first report on 1 January, WIB, and
 * the month's last day clamps (31 August + 6 months = the end of February).
 * @internal
 */
export function issueCard(standard: Standard, at: Date, number: string): CaseCard {
  const { validityMonths, reportingIntervalMonths } = standard.card
  const local = new TZDate(at.getTime(), standard.calendar.timeZone)
  const plus = (months: number) => new Date(addMonths(local, months).getTime()).toISOString()
  const reportingDueDates: string[] = []
  for (let m = reportingIntervalMonths; m <= validityMonths; m += reportingIntervalMonths) {
    reportingDueDates.push(plus(m))
  }
  return { number, issuedAt: at.toISOString(), validUntil: plus(validityMonths), reportingDueDates }
}
