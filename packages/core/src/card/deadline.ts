import { checkPinnedStandard } from './open'
import { cardPlan, isOpenSlot, planDiff } from './plan'
import type { CardContext, CardDeadline, CardDecision, CardRecord } from './record'

/**
 * Decides a card deadline when its due row fires: `expire` makes an active card `kedaluwarsa`;
 * `report_window_closed` marks an unfilled reporting box missed, and lapses the card
 * (`tidak_lapor`) when `card.reporting.missed` is `lapse`. A deadline that no longer applies (the box
 * was filled, the card closed) changes nothing: the decision returns the record as it was, so a
 * repeated due row is harmless.
 *
 * @throws {ConfigError} when the context's standard is not the one the record pinned.
 * @example
 * ```ts
 * const { record: next, effects } = decideCardDeadline(record, { kind: 'expire', id, at }, ctx)
 * ```
 */
export function decideCardDeadline(
  record: CardRecord,
  deadline: CardDeadline,
  ctx: CardContext,
): CardDecision {
  checkPinnedStandard(record, ctx)
  const { standard, now } = ctx
  const unchanged: CardDecision = {
    record,
    effects: { reminders: { schedule: [], cancel: [] }, deadlines: { schedule: [], cancel: [] } },
    audit: {
      event: 'CARD_DEADLINE',
      from: record.state,
      to: record.state,
      details: { kind: deadline.kind, applied: false },
    },
  }
  if (record.state !== 'aktif' || now.getTime() < Date.parse(deadline.at)) return unchanged
  const at = now.toISOString()
  let next: CardRecord
  if (deadline.kind === 'expire') {
    if (now.getTime() < Date.parse(record.expiresAt)) return unchanged
    next = { ...record, state: 'kedaluwarsa', endedAt: at }
  } else {
    const slot = record.reporting.find((s) => s.index === deadline.reportIndex)
    if (slot === undefined || !isOpenSlot(slot) || now.getTime() < Date.parse(slot.closesAt)) return unchanged
    const lapse = standard.card.reporting.missed === 'lapse'
    next = {
      ...record,
      reporting: record.reporting.map((s) => (s.index === slot.index ? { ...s, missedAt: at } : s)),
      ...(lapse ? { state: 'tidak_lapor' as const, endedAt: at } : {}),
    }
  }
  const effects = planDiff(cardPlan(record, standard, now), cardPlan(next, standard, now), now)
  const details = {
    kind: deadline.kind,
    applied: true,
    ...(deadline.reportIndex === undefined ? {} : { reportIndex: deadline.reportIndex }),
  }
  return {
    record: next,
    effects,
    audit: { event: 'CARD_DEADLINE', from: record.state, to: next.state, details },
  }
}
