import { ConfigError, ForbiddenError } from '../errors/errors'
import { addDaysToDay, cardSchedule, startOfDayInZone } from './dates'
import { cardPlan, planDiff } from './plan'
import type { CardContext, CardDecision, CardRecord, CardReportingSlot } from './record'

/** What {@link openCardRecord} needs from the case at hand-over. */
export interface OpenCardInput {
  /** The record's id. */
  id: string
  caseId: string
  cardNumber: string
  /** The register-book entry (ISO), the SK's step 2.1. */
  registeredAt: string
  /** Printing (ISO). */
  issuedAt: string
  /** The expired card this one renews, for a holder registering again. */
  previousCardNumber?: string
}

/**
 * Opens the holder's card record at hand-over: state `aktif`, the reporting boxes with their
 * windows, and every reminder and deadline to schedule. Pure: the caller commits the record, its
 * due rows and its audit entry.
 *
 * @throws {ConfigError} when the context's standard is not the one the case pinned.
 * @throws {ForbiddenError} when the actor's role is unknown to the standard.
 * @example
 * ```ts
 * const { record, effects } = openCardRecord(
 *   { id: 'kartu-1', caseId, cardNumber: view.card.number, registeredAt, issuedAt },
 *   { standard: balongbendo, now: new Date(), actor: { id: 'u-2', role: 'operator' } },
 * )
 * ```
 */
export function openCardRecord(input: OpenCardInput, ctx: CardContext): CardDecision {
  const { standard, now, actor } = ctx
  if (!standard.roles.some((r) => r.id === actor.role)) {
    throw new ForbiddenError('role', `Peran ${actor.role} tidak dikenal standar pelayanan`, {
      messageEn: `Role ${actor.role} is unknown to the service standard`,
    })
  }
  const zone = standard.calendar.timeZone
  const schedule = cardSchedule(input, standard.card, zone)
  const { earlyDays, graceDays } = standard.card.reporting
  const reporting: CardReportingSlot[] = schedule.reportingDates.map((dueDate, i) => ({
    index: i + 1,
    dueDate,
    opensAt: startOfDayInZone(addDaysToDay(dueDate, -earlyDays), zone).toISOString(),
    closesAt: startOfDayInZone(addDaysToDay(dueDate, graceDays + 1), zone).toISOString(),
  }))
  const record: CardRecord = {
    id: input.id,
    caseId: input.caseId,
    cardNumber: input.cardNumber,
    standard: { id: standard.id, version: standard.version, hash: standard.hash },
    state: 'aktif',
    registeredAt: input.registeredAt,
    issuedAt: input.issuedAt,
    countFrom: schedule.countFrom,
    validUntil: schedule.validUntil,
    expiresAt: schedule.expiresAt,
    reporting,
    details: {},
    ...(input.previousCardNumber === undefined ? {} : { previousCardNumber: input.previousCardNumber }),
  }
  const effects = planDiff({ reminders: [], deadlines: [] }, cardPlan(record, standard, now), now)
  return {
    record,
    effects,
    audit: {
      event: 'CARD_OPENED',
      from: null,
      to: 'aktif',
      details: {
        cardNumber: record.cardNumber,
        countFrom: record.countFrom,
        reportingDates: schedule.reportingDates,
        validUntil: record.validUntil,
        ...(record.previousCardNumber === undefined ? {} : { previousCardNumber: record.previousCardNumber }),
      },
    },
  }
}

/** Refuses a context whose standard is not the one the record pinned. @internal */
export function checkPinnedStandard(record: CardRecord, ctx: CardContext): void {
  if (record.standard.hash !== ctx.standard.hash) {
    throw new ConfigError(
      `Kartu ${record.cardNumber} terikat standar ${record.standard.id} ${record.standard.version}; standar yang diberikan berbeda`,
      {
        messageEn: `Card ${record.cardNumber} is bound to standard ${record.standard.id} ${record.standard.version}; a different one was given`,
        keys: ['standard'],
      },
    )
  }
}
