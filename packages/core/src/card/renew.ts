import { InvalidTransitionError } from '../errors/errors'
import { cardPlan, planDiff } from './plan'
import type { CardContext, CardDecision, CardRecord } from './record'

/**
 * Ends a card that a renewal (perpanjangan) replaced, once the renewal issued the new card: state
 * `diperpanjang`, linked to the new card and its case, every pending reminder and deadline
 * cancelled. Pure: the caller commits the record and its audit entry (`CARD_RENEWED`, with both card
 * numbers and no personal data).
 *
 * @throws {InvalidTransitionError} when the card is no longer active.
 * @example
 * ```ts
 * const d = renewCardRecord(old, { caseId: renewal.id, cardNumber: renewal.card.number }, { standard, now, actor })
 * ```
 */
export function renewCardRecord(
  record: CardRecord,
  by: { caseId: string; cardNumber: string },
  ctx: CardContext,
): CardDecision {
  if (record.state !== 'aktif') {
    throw new InvalidTransitionError(`Kartu ${record.cardNumber} tidak aktif lagi (status ${record.state})`, {
      messageEn: `Card ${record.cardNumber} is no longer active (state ${record.state})`,
      state: record.state,
      event: 'CARD_RENEWED',
    })
  }
  const { standard, now } = ctx
  const next: CardRecord = {
    ...record,
    state: 'diperpanjang',
    endedAt: now.toISOString(),
    renewedBy: { caseId: by.caseId, cardNumber: by.cardNumber },
  }
  return {
    record: next,
    effects: planDiff(cardPlan(record, standard, now), cardPlan(next, standard, now), now),
    audit: {
      event: 'CARD_RENEWED',
      from: record.state,
      to: next.state,
      details: { cardNumber: record.cardNumber, renewedBy: by.cardNumber, renewalCaseId: by.caseId },
    },
  }
}
