import { cardRecordKind } from '../card/holder'
import { type CardStatistics, checkCardPeriod, createCardStatistics } from '../card/statistics'
import { callPort } from '../errors/errors'
import type { EngineContext } from './context'

/**
 * The Disnaker statistics of the service's office: one streamed store query over the card records
 * (`streamRecords`, a page at a time), reading only their state and plain attributes. Memory holds
 * the table's cells, not the rows. @internal
 */
export function createCardStatisticsQuery(ctx: EngineContext) {
  return async (period: { from: string; to: string }): Promise<CardStatistics> => {
    const checked = checkCardPeriod(period ?? { from: undefined, to: undefined })
    const stats = createCardStatistics(ctx.officeCode, checked)
    const rows = ctx.store.streamRecords({ officeCode: ctx.officeCode, kind: cardRecordKind })
    await callPort(ctx.store.id, 'streamRecords', async () => {
      for await (const row of rows) stats.add(row)
    })
    return stats.result()
  }
}
