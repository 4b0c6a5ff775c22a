import type { Ak1Store, ClaimOptions, OutboxRow } from '@ak1/core/ports'
import { instantMs } from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import type { Run, RunNow, StoreContext } from './context'
import type { DueDbRow, OutboxDbRow } from './rows'
import type { Statements } from './statements'

/** The work-queue methods of the store (outbox and due rows). @internal */
export type SqliteQueue = Pick<
  Ak1Store,
  | 'claimOutbox'
  | 'completeOutbox'
  | 'retryOutbox'
  | 'releaseOutbox'
  | 'failOutbox'
  | 'listOutbox'
  | 'listOutboxOf'
  | 'listOutboxNow'
  | 'claimDue'
  | 'releaseDue'
>

/** The instant, row limit and lease end of a claim. */
const claimWindow = (o: ClaimOptions) => {
  const now = instantMs(o.now, ['now'])
  const until = now + o.leaseMs
  return { now, limit: Math.max(0, Math.floor(o.limit)), until, leaseUntil: new Date(until).toISOString() }
}

/**
 * The rows a claim takes: its office's, or (without an office) the first `limit` of every office's,
 * merged. The claim indexes lead with the office (one index per table, not one more for claims
 * across offices); the offices are few, each scan stops at `limit`.
 */
function claimRows<T>(
  s: Statements,
  o: ClaimOptions,
  params: { now: number; limit: number },
  statement: Database.Statement,
  order: (row: T) => [number, string],
): T[] {
  if (o.officeCode !== undefined) return statement.all({ ...params, office: o.officeCode }) as T[]
  const rows: T[] = []
  for (const office of s.offices.all() as string[])
    rows.push(...(statement.all({ ...params, office }) as T[]))
  return rows
    .map((row) => ({ row, key: order(row) }))
    .sort((a, b) => a.key[0] - b.key[0] || (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0))
    .slice(0, params.limit)
    .map((x) => x.row)
}

/** The claims (one `BEGIN IMMEDIATE` each) and the outbox failure, which counts an incident. */
function queueTransactions({ db, s, codec, rows: r }: StoreContext) {
  const claimOutboxTx = db.transaction((o: ClaimOptions) => {
    const { now, limit, until, leaseUntil } = claimWindow(o)
    const rows = claimRows<OutboxDbRow>(s, o, { now, limit }, s.claimOfficeOutbox, (row) => [
      row.available_ms,
      row.id,
    ])
    for (const row of rows) {
      s.leaseOutbox.run(o.owner, leaseUntil, until, row.case_id, row.seq)
      row.lease_owner = o.owner
      row.lease_until = leaseUntil
      row.attempts += 1
    }
    return rows.map(r.toOutbox)
  })

  const failOutboxTx = db.transaction((id: string, owner: string, at: string, error: string): boolean => {
    const row = s.failOutbox.get(codec.writeText(error, `outbox:${id}:last_error`), at, id, owner) as
      | { case_id: string }
      | undefined
    if (!row) return false
    s.addIncidents.run(1, row.case_id)
    return true
  })

  const claimDueTx = db.transaction((o: ClaimOptions) => {
    const { now, limit, until, leaseUntil } = claimWindow(o)
    const rows = claimRows<DueDbRow>(s, o, { now, limit }, s.claimOfficeDue, (row) => [row.due_ms, row.id])
    for (const row of rows) {
      s.leaseDue.run(o.owner, leaseUntil, until, row.id)
      row.lease_owner = o.owner
      row.lease_until = leaseUntil
    }
    return rows.map(r.toDue)
  })

  return { claimOutboxTx, failOutboxTx, claimDueTx }
}

/** The work queue on `ak1_outbox` and `ak1_due`: claims under a lease, completion, retries, failures. @internal */
export function createSqliteQueue(ctx: StoreContext, run: Run, runNow: RunNow): SqliteQueue {
  const { s, codec, prepared, rows: r } = ctx
  const { writeText, writeJson } = codec
  const { claimOutboxTx, failOutboxTx, claimDueTx } = queueTransactions(ctx)
  return {
    claimOutbox: (o) => run('claimOutbox', () => claimOutboxTx.immediate(o)),

    completeOutbox: (id, owner, done) =>
      run(
        'completeOutbox',
        () =>
          s.completeOutbox.run(writeJson(done.result, `outbox:${id}:result`), done.at, id, owner).changes ===
          1,
      ),

    retryOutbox: (id, owner, retry) =>
      run(
        'retryOutbox',
        () =>
          s.retryOutbox.run(
            retry.availableAt,
            instantMs(retry.availableAt, ['availableAt']),
            writeText(retry.error, `outbox:${id}:last_error`),
            id,
            owner,
          ).changes === 1,
      ),

    releaseOutbox: (id, owner, release) =>
      run('releaseOutbox', () => {
        const at = release?.availableAt ?? null
        const ms = at === null ? null : instantMs(at, ['availableAt'])
        return s.releaseOutbox.run({ id, owner, at, ms }).changes === 1
      }),

    failOutbox: (id, owner, failure) =>
      run('failOutbox', () => failOutboxTx.immediate(id, owner, failure.at, failure.error)),

    listOutbox: (caseId) =>
      run('listOutbox', () => (s.listOutbox.all(caseId) as OutboxDbRow[]).map(r.toOutbox)),

    // Synchronous, as better-sqlite3 reads: the engine reads a case's rows only when it needs them.
    listOutboxNow: (caseId) =>
      runNow('listOutboxNow', () => (s.listOutbox.all(caseId) as OutboxDbRow[]).map(r.toOutbox)),

    listOutboxOf: (caseIds) =>
      run('listOutboxOf', () => {
        const out = new Map<string, OutboxRow[]>(caseIds.map((id) => [id, []]))
        for (let i = 0; i < caseIds.length; i += 500) {
          const ids = caseIds.slice(i, i + 500)
          const sql = `SELECT * FROM ak1_outbox WHERE case_id IN (${ids.map(() => '?').join(', ')}) ORDER BY case_id, seq`
          for (const row of prepared(sql).all(...ids) as OutboxDbRow[])
            out.get(row.case_id)?.push(r.toOutbox(row))
        }
        return out
      }),

    claimDue: (o) => run('claimDue', () => claimDueTx.immediate(o)),

    releaseDue: (id, owner) => run('releaseDue', () => s.releaseDue.run(id, owner).changes === 1),
  }
}
