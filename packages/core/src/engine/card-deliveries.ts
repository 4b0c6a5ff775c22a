import { cardRecordId } from '../card/holder'
import type { EngineContext } from './context'
import { deliveriesOf } from './deliveries'
import { checkOutboxRows } from './store-answers'
import type { CaseView } from './types'

/**
 * The case view with its holder's card reminders added to its deliveries (each marked
 * `aggregate: 'card'`): the outbox rows of the case's card record, read in one query once the case
 * is handed over with a card. Incidents stay the case's own (a card row is retried on the card).
 * @internal
 */
export async function withCardDeliveries(ctx: EngineContext, view: CaseView): Promise<CaseView> {
  if (!view.final || !view.card) return view
  const recordId = cardRecordId(view.id)
  const answer = await ctx.port('listOutbox', () => ctx.store.listOutbox(recordId))
  const rows = checkOutboxRows(ctx.store.id, 'listOutbox', answer)
  if (rows.length === 0) return view
  const own = view.deliveries
  view.deliveries = [...own, ...deliveriesOf(rows).map((d) => ({ ...d, aggregate: 'card' as const }))]
  return view
}
