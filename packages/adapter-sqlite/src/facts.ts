import type { CaseFacts, CaseFactsQuery, CaseFactsRow } from '@ak1/core/ports'
import { caseFactsOfRow, defaultStreamBatch, instantMs } from '@ak1/core/ports'
import type { Run, StoreContext } from './context'
import { readFacts } from './rows'

/** A row of the report stream: the plain columns of `ak1_cases` and its clear facts. */
interface FactsRow extends CaseFactsRow {
  created_ms: number
  facts: Buffer | null
}

const factsColumns =
  'id, version, office_code, state, channel, tracking_code, created_at, created_ms, updated_at, final, incidents, facts'

/**
 * `streamCaseFacts` over the index `(office_code, created_ms, id)`: a keyset-paged range read of the
 * plain columns and the clear `facts` column, never the sealed body, so no personal data is opened
 * (nor the key needed). Ordered by created instant, then id.
 * @internal
 */
export function createFactsStream({ prepared }: StoreContext, run: Run) {
  const page = (query: CaseFactsQuery, after: [number, string] | undefined, limit: number): FactsRow[] => {
    const where = ['office_code = @office']
    if (query.createdFrom !== undefined) where.push('created_ms >= @from')
    if (query.createdTo !== undefined) where.push('created_ms < @to')
    if (after) where.push('(created_ms, id) > (@afterMs, @afterId)')
    const sql = `SELECT ${factsColumns} FROM ak1_cases INDEXED BY ak1_cases_created
      WHERE ${where.join(' AND ')} ORDER BY created_ms, id LIMIT ${limit}`
    return prepared(sql).all({
      office: query.officeCode,
      from: query.createdFrom === undefined ? null : instantMs(query.createdFrom, ['createdFrom']),
      to: query.createdTo === undefined ? null : instantMs(query.createdTo, ['createdTo']),
      afterMs: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
    }) as FactsRow[]
  }
  const toFacts = (r: FactsRow): CaseFacts => caseFactsOfRow(r, r.facts === null ? null : readFacts(r))
  return async function* streamCaseFacts(query: CaseFactsQuery): AsyncGenerator<CaseFacts, void, undefined> {
    const limit = query.batchSize ?? defaultStreamBatch
    let after: [number, string] | undefined
    for (;;) {
      const rows = await run('streamCaseFacts', () => page(query, after, limit))
      for (const r of rows) yield toFacts(r)
      const last = rows.at(-1)
      if (rows.length < limit || !last) return
      after = [last.created_ms, last.id]
    }
  }
}
