import type {
  AuditEntry,
  AuditStreamQuery,
  RecordPage,
  RecordQuery,
  RecordStreamQuery,
  StoredRecord,
} from '@ak1/core/ports'
import { pageCursors as cursors, instantMs, pageSize } from '@ak1/core/ports'
import type { Columns } from './columns'
import type { Session } from './session'

interface RecordRow {
  id: string
  kind: string
  office_code: string
  version: number
  state: string
  case_id: string | null
  key: string | null
  attributes: StoredRecord['attributes']
  due_at: string | null
  final: boolean
  created_at: string
  updated_at: string
  body: Buffer
}

/** A SELECT's WHERE clause built with numbered parameters. */
function conditions() {
  const where: string[] = []
  const params: unknown[] = []
  return {
    where,
    params,
    add(sql: string, ...values: unknown[]) {
      where.push(sql.replace(/\?/g, () => `$${params.push(values.shift())}`))
    },
  }
}

/**
 * The records (complaints, card records, SKM responses...) and the streamed reads of reports:
 * keyset pages by id, never OFFSET, so a stream of any length holds one page in memory. Lists and
 * streams read from the replica when one is configured. @internal
 */
export function createRecordReads(session: Session, t: string, cols: Columns, replica: boolean) {
  const toRecord = (row: RecordRow): StoredRecord => {
    const body = cols.readJson<{ personal: StoredRecord['personal']; data: StoredRecord['data'] }>(
      row.body,
      `record:${row.id}`,
    )
    return {
      kind: row.kind,
      id: row.id,
      version: row.version,
      officeCode: row.office_code,
      state: row.state,
      caseId: row.case_id,
      key: row.key,
      attributes: row.attributes,
      dueAt: row.due_at,
      final: row.final,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      personal: body.personal,
      data: body.data,
    }
  }

  const recordPage = (query: RecordQuery, limit: number, fromReplica: boolean): Promise<RecordPage> => {
    const c = conditions()
    c.add('office_code = ?', query.officeCode)
    c.add('kind = ?', query.kind)
    if (query.state !== undefined) c.add('state = ANY(?::text[])', [query.state].flat())
    if (query.caseId !== undefined) c.add('case_id = ?', query.caseId)
    if (query.key !== undefined) c.add('key = ?', query.key)
    if (query.final !== undefined) c.where.push(query.final ? 'final' : 'NOT final')
    for (const [name, value] of Object.entries(query.attributes ?? {})) {
      if (value === null) c.add('(attributes ->> ?::text) IS NULL', name)
      else c.add('attributes @> ?::jsonb', JSON.stringify({ [name]: value }))
    }
    if (query.createdFrom !== undefined)
      c.add('created_ms >= ?', instantMs(query.createdFrom, ['createdFrom']))
    if (query.createdTo !== undefined) c.add('created_ms < ?', instantMs(query.createdTo, ['createdTo']))
    if (query.cursor !== undefined) c.add('id > ?', ...cursors.decode(query.cursor, 'r', ['string']))
    return session.read(
      'listRecords',
      async (q) => {
        const { rows } = await q<RecordRow>(
          `SELECT * FROM ${t}.ak1_records WHERE ${c.where.join(' AND ')} ORDER BY id LIMIT ${limit + 1}`,
          c.params,
        )
        const items = rows.slice(0, limit)
        const last = items.at(-1)
        return {
          items: items.map(toRecord),
          nextCursor: rows.length > limit && last ? cursors.encode('r', [last.id]) : null,
        }
      },
      fromReplica && replica ? { replica: true } : undefined,
    )
  }

  return {
    loadRecord: (kind: string, id: string) =>
      session.read('loadRecord', async (q) => {
        const { rows } = await q<RecordRow>(`SELECT * FROM ${t}.ak1_records WHERE id = $1 AND kind = $2`, [
          id,
          kind,
        ])
        return rows[0] ? toRecord(rows[0]) : null
      }),

    listRecords: (query: RecordQuery) => recordPage(query, pageSize(query.limit), true),

    async *streamRecords(query: RecordStreamQuery): AsyncIterable<StoredRecord> {
      const { batchSize, ...filters } = query
      let cursor: string | undefined
      do {
        const page = await recordPage(
          { ...filters, ...(cursor ? { cursor } : {}) },
          pageSize(batchSize ?? 200),
          true,
        )
        yield* page.items
        cursor = page.nextCursor ?? undefined
      } while (cursor)
    },

    async *streamAudit(query: AuditStreamQuery): AsyncIterable<AuditEntry> {
      const limit = pageSize(query.batchSize ?? 200)
      let after: [string, number] | undefined
      for (;;) {
        const c = conditions()
        c.add('office_code = ?', query.officeCode)
        if (query.kind !== undefined) c.add('aggregate_kind = ?', query.kind)
        if (query.from !== undefined) c.add('at_ms >= ?', instantMs(query.from, ['from']))
        if (query.to !== undefined) c.add('at_ms < ?', instantMs(query.to, ['to']))
        if (after) c.add('(aggregate_id, seq) > (?, ?)', ...after)
        const rows = await session.read(
          'streamAudit',
          async (q) =>
            (
              await q<{ aggregate_id: string; seq: number; entry: Buffer }>(
                `SELECT aggregate_id, seq, entry FROM ${t}.ak1_audit WHERE ${c.where.join(' AND ')}
                 ORDER BY aggregate_id, seq LIMIT ${limit}`,
                c.params,
              )
            ).rows,
          replica ? { replica: true } : undefined,
        )
        for (const r of rows) yield cols.readJson<AuditEntry>(r.entry, `audit:${r.aggregate_id}:${r.seq}`)
        const last = rows.at(-1)
        if (!last || rows.length < limit) return
        after = [last.aggregate_id, last.seq]
      }
    },
  }
}
