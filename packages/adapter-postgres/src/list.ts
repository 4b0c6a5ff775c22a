import type { CalendarVersionQuery, CaseQuery } from '@ak1/core/ports'
import { pageCursors as cursors, instantMs, pageSize } from '@ak1/core/ports'

/** A keyset-paged SELECT of case ids: its WHERE clause and parameters, order and page size. @internal */
export interface ListPlan {
  sql: string
  params: unknown[]
  order: 'id' | 'due'
  limit: number
}

/**
 * Plans `list()` as one keyset-paged query (never OFFSET) over the case indexes, each leading with
 * the office. `nikLookups` are the stored lookup values of a NIK (the NIK, or its keyed hashes).
 * @internal
 */
export function planList(
  t: string,
  query: CaseQuery & { createdFrom?: string; createdTo?: string },
  nikLookups: (nik: string) => string[],
): ListPlan {
  const limit = pageSize(query.limit)
  const order: 'id' | 'due' = query.overdueAt !== undefined ? 'due' : 'id'
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql.replace(/\?/g, () => `$${params.push(values.shift())}`))
  }
  if (query.officeCode !== undefined) add('office_code = ?', query.officeCode)
  if (query.state !== undefined)
    add('state = ANY(?::text[])', Array.isArray(query.state) ? query.state : [query.state])
  if (query.awaiting !== undefined) add('awaiting = ?', query.awaiting)
  if (query.trackingCode !== undefined) add('tracking_code = ?', query.trackingCode)
  if (query.applicantNik !== undefined) add('nik_lookup = ANY(?::text[])', nikLookups(query.applicantNik))
  if (query.overdueAt !== undefined)
    add('NOT final AND due_ms IS NOT NULL AND due_ms < ?', instantMs(query.overdueAt, ['overdueAt']))
  if (query.dueBefore !== undefined)
    add('NOT final AND due_ms IS NOT NULL AND due_ms <= ?', instantMs(query.dueBefore, ['dueBefore']))
  if (query.createdFrom !== undefined) add('created_ms >= ?', instantMs(query.createdFrom, ['createdFrom']))
  if (query.createdTo !== undefined) add('created_ms < ?', instantMs(query.createdTo, ['createdTo']))
  if (query.incident !== undefined) where.push(query.incident ? 'incidents > 0' : 'incidents = 0')
  if (query.final !== undefined) where.push(query.final ? 'final' : 'NOT final')
  if (query.cursor !== undefined) {
    if (order === 'due')
      add('(due_ms, id) > (?, ?)', ...cursors.decode(query.cursor, 'd', ['number', 'string']))
    else add('id > ?', ...cursors.decode(query.cursor, 'i', ['string']))
  }
  const sql = `SELECT * FROM ${t}.ak1_cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order === 'due' ? 'due_ms, id' : 'id'} LIMIT ${limit + 1}`
  return { sql, params, order, limit }
}

/**
 * Plans `listByCalendarVersion` over the partial index `ak1_cases_calendar` (office, version, id of
 * open cases with a clock): the excluded versions are left out, the rest read in index order from
 * the cursor on. @internal
 */
export function planCalendarList(t: string, query: CalendarVersionQuery): ListPlan {
  const limit = pageSize(query.limit)
  const params: unknown[] = [query.officeCode, [...query.exclude]]
  let after = ''
  if (query.cursor !== undefined) {
    params.push(...cursors.decode(query.cursor, 'c', ['string', 'string']))
    after = 'AND (calendar_version, id) > ($3, $4)'
  }
  const sql = `SELECT * FROM ${t}.ak1_cases
    WHERE office_code = $1 AND NOT final AND calendar_version IS NOT NULL AND NOT (calendar_version = ANY($2::text[])) ${after}
    ORDER BY calendar_version, id LIMIT ${limit + 1}`
  return { sql, params, order: 'id', limit }
}
