import type { AuditEntry, CalendarVersionQuery, CasePage, CaseQuery, CommandRecord } from '@ak1/core/ports'
import { filterStream, inInstantRange, openCommandResult, streamPages } from '@ak1/core/ports'
import { createAuditPages } from './audit-stream'
import { encodeCalendarCursor, planCalendarList } from './calendar-query'
import type { Run, StoreContext } from './context'
import { compareKeys, encodeCursor, planList } from './list-query'
import type { SqliteRecords } from './records'
import type { CaseRow } from './rows'
import { caseColumns } from './statements'
import type { SqliteStore } from './store'

/** The reading methods of the store: cases, lists, commands, timelines, the audit stream, records. @internal */
export type SqliteReads = Pick<
  SqliteStore,
  | 'listByCalendarVersion'
  | 'load'
  | 'getCommand'
  | 'timeline'
  | 'list'
  | 'loadRecord'
  | 'listRecords'
  | 'streamAudit'
  | 'currentSequence'
>

/** The list queries, each read in one transaction: by the indexed filters, and by calendar version. */
function listTransactions({ db, s, prepared, codec, rows: r }: StoreContext) {
  const listTx = db.transaction((query: CaseQuery): CasePage => {
    const plan = planList(query, () => s.offices.all() as string[], codec.nikLookups)
    if (!plan) return { items: [], nextCursor: null }
    type Key = { id: string; due_ms: number | null }
    let keys: Key[] = []
    let rows: CaseRow[] | undefined
    if (plan.scans.length === 1) {
      // One scan reads the rows themselves; several read keys first, and rows only for the page.
      rows = prepared(plan.sql.replace('SELECT id, due_ms FROM', `SELECT ${caseColumns} FROM`)).all(
        ...(plan.scans[0] ?? []),
      ) as CaseRow[]
      keys = rows
    } else {
      const stmt = prepared(plan.sql)
      for (const params of plan.scans) keys.push(...(stmt.all(...params) as Key[]))
      keys.sort((a, b) => compareKeys(plan.order, a, b))
    }
    const more = keys.length > plan.limit
    keys = keys.slice(0, plan.limit)
    const items = rows
      ? rows.slice(0, plan.limit).map(r.toCase)
      : keys.map((k) => r.toCase(s.loadCase.get(k.id) as CaseRow))
    const last = keys.at(-1)
    const nextCursor =
      more && last
        ? encodeCursor(
            plan.order === 'due'
              ? { order: 'due', dueMs: last.due_ms ?? 0, id: last.id }
              : { order: 'id', id: last.id },
          )
        : null
    return { items, nextCursor }
  })

  const calendarListTx = db.transaction((query: CalendarVersionQuery): CasePage => {
    const plan = planCalendarList(query)
    const keys: Array<{ id: string; calendar_version: string }> = []
    for (const scan of plan.scans) {
      if (keys.length > plan.limit) break
      keys.push(...(prepared(scan.sql).all(...scan.params) as typeof keys))
    }
    const page = keys.slice(0, plan.limit)
    const last = page.at(-1)
    return {
      items: page.map((k) => r.toCase(s.loadCase.get(k.id) as CaseRow)),
      nextCursor: keys.length > plan.limit && last ? encodeCalendarCursor(last) : null,
    }
  })

  return { listTx, calendarListTx }
}

/** Reads cases, commands, timelines, the audit stream, sequences and records. @internal */
export function createSqliteReads(ctx: StoreContext, records: SqliteRecords, run: Run): SqliteReads {
  const { db, s, codec, rows: r } = ctx
  const { readJson } = codec
  const { listTx, calendarListTx } = listTransactions(ctx)

  const auditPage = createAuditPages(ctx)

  return {
    listByCalendarVersion: (query) => run('listByCalendarVersion', () => calendarListTx(query)),

    load: (caseId) =>
      run('load', () => {
        const row = s.loadCase.get(caseId) as CaseRow | undefined
        return row ? r.toCase(row) : null
      }),

    getCommand: (commandId, scope = '') =>
      run('getCommand', () => {
        const row = s.getCommand.get(scope, commandId) as
          | { scope: string; id: string; case_id: string; kind: string; result: string | Buffer; at: string }
          | undefined
        if (!row) return null
        const record: CommandRecord = {
          id: row.id,
          scope: row.scope,
          caseId: row.case_id,
          ...(row.kind === 'case' ? {} : { aggregateKind: row.kind }),
          result: openCommandResult(readJson, row),
          at: row.at,
        }
        return record
      }),

    timeline: (caseId) =>
      run('timeline', () =>
        (s.timeline.all(caseId) as Array<{ seq: number; entry: string | Buffer }>).map((r) =>
          readJson<AuditEntry>(r.entry, `audit:${caseId}:${r.seq}`),
        ),
      ),

    list: (query) => run('list', () => listTx.deferred(query)),

    loadRecord: (kind, id) => run('loadRecord', () => records.load(kind, id)),

    listRecords: (query) => run('listRecords', () => db.transaction(records.list).deferred(query)),

    streamAudit: (query) =>
      filterStream(
        streamPages((cursor) => run('streamAudit', () => auditPage(query, cursor))),
        (e) => inInstantRange(e.at, query.from, query.to),
      ),

    currentSequence: (name, scope) =>
      run('currentSequence', () => (s.sequence.get(name, scope) as number | undefined) ?? 0),
  }
}
