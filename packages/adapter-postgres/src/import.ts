import type {
  AuditEntry,
  CommandRecord,
  CommitInput,
  DueRow,
  Json,
  OutboxRow,
  StoredCase,
  StoredRecord,
} from '@ak1/core/ports'
import { commandAad, instantMs } from '@ak1/core/ports'
import type { Columns } from './columns'
import { aggregateOf, insertAudit, writeAggregate } from './commit'
import type { Query } from './session'

/** One aggregate as another store holds it, with its whole trail and work rows, to move it over. */
export interface AggregateSnapshot {
  case?: StoredCase
  record?: StoredRecord
  audit: AuditEntry[]
  outbox: OutboxRow[]
  due: DueRow[]
  /**
   * The command ids committed on the aggregate, with their results (opened), so a command repeated
   * after the move gets its first answer instead of running twice. Re-sealed for this store.
   */
  commands?: CommandRecord[]
}

const ms = (value: string | null, path: string) => (value === null ? null : instantMs(value, [path]))

/**
 * Writes a snapshot as it is (version, outbox statuses, attempts and leases, due rows, command ids), in the
 * caller's transaction; an aggregate id already here is a `ConflictError`. @internal
 */
export async function importSnapshot(
  q: Query,
  t: string,
  cols: Columns,
  s: AggregateSnapshot,
): Promise<void> {
  const input: CommitInput = { case: s.case, record: s.record, expectedVersion: null, audit: [], outbox: [] }
  const agg = aggregateOf(input)
  await writeAggregate(q, t, cols, input, agg)
  await q(`INSERT INTO ${t}.ak1_offices (office_code) VALUES ($1) ON CONFLICT DO NOTHING`, [agg.officeCode])
  await insertAudit(q, t, cols, agg, s.audit)
  for (const o of s.outbox)
    await q(
      `INSERT INTO ${t}.ak1_outbox (id, office_code, aggregate_kind, aggregate_id, kind, payload, status, available_at,
         available_ms, attempts, lease_owner, lease_until, lease_ms, last_error, result, created_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        o.id,
        o.officeCode ?? agg.officeCode,
        o.aggregateKind ?? agg.kind,
        agg.id,
        o.kind,
        cols.writeJson(o.payload, `outbox:${o.id}:payload`),
        o.status,
        o.availableAt,
        ms(o.availableAt, 'availableAt'),
        o.attempts,
        o.leaseOwner,
        o.leaseUntil,
        ms(o.leaseUntil, 'leaseUntil'),
        o.lastError === null ? null : cols.writeText(o.lastError, `outbox:${o.id}:last_error`),
        o.result === null ? null : cols.writeJson(o.result as Json, `outbox:${o.id}:result`),
        o.createdAt,
        o.finishedAt,
      ],
    )
  for (const d of s.due)
    await q(
      `INSERT INTO ${t}.ak1_due (id, office_code, aggregate_kind, aggregate_id, kind, due_at, due_ms, status,
         lease_owner, lease_until, lease_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        d.id,
        d.officeCode ?? agg.officeCode,
        d.aggregateKind ?? agg.kind,
        agg.id,
        d.kind,
        d.dueAt,
        ms(d.dueAt, 'dueAt'),
        d.status,
        d.leaseOwner,
        d.leaseUntil,
        ms(d.leaseUntil, 'leaseUntil'),
      ],
    )
  for (const c of s.commands ?? []) {
    const scope = c.scope ?? ''
    await q(
      `INSERT INTO ${t}.ak1_commands (scope, id, office_code, aggregate_id, result, at, aggregate_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        scope,
        c.id,
        agg.officeCode,
        agg.id,
        cols.writeJson(c.result, commandAad(scope, c.id), true),
        c.at,
        agg.kind,
      ],
    )
  }
  const incidents = s.outbox.filter((o) => o.status === 'failed').length
  if (s.case && incidents)
    await q(`UPDATE ${t}.ak1_cases SET incidents = $2 WHERE id = $1`, [agg.id, incidents])
}
