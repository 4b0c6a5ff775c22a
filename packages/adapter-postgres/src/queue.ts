import type { ClaimOptions, DueRow, OutboxRow, WorkQueue } from '@ak1/core/ports'
import { instantMs } from '@ak1/core/ports'
import type { Columns } from './columns'
import type { Session } from './session'

/** An outbox row as PostgreSQL returns it. @internal */
export interface OutboxDbRow {
  id: string
  aggregate_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  payload: Buffer
  status: OutboxRow['status']
  available_at: string
  available_ms: string
  attempts: number
  lease_owner: string | null
  lease_until: string | null
  last_error: Buffer | null
  result: Buffer | null
  created_at: string
  finished_at: string | null
}

interface DueDbRow {
  id: string
  aggregate_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  due_at: string
  due_ms: string
  status: 'pending' | 'done'
  lease_owner: string | null
  lease_until: string | null
}

/** Claims may name one office: a worker per office, or one for all. */
export type OfficeClaimOptions = ClaimOptions & { officeCode?: string }

const byKey =
  <R extends { id: string }>(ms: (r: R) => number) =>
  (a: R, b: R) =>
    ms(a) - ms(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The outbox row of a stored row. @internal */
export function toOutbox(cols: Columns, row: OutboxDbRow): OutboxRow {
  return {
    id: row.id,
    caseId: row.aggregate_id,
    aggregateKind: row.aggregate_kind,
    officeCode: row.office_code,
    kind: row.kind,
    payload: cols.readJson(row.payload, `outbox:${row.id}:payload`),
    availableAt: row.available_at,
    status: row.status,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error === null ? null : cols.readText(row.last_error, `outbox:${row.id}:last_error`),
    result: row.result === null ? null : cols.readJson(row.result, `outbox:${row.id}:result`),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

/**
 * The `WorkQueue` on PostgreSQL: rows are claimed with `FOR UPDATE SKIP LOCKED` in the UPDATE that
 * leases them, so several workers on several servers never take the same row and never wait on each
 * other; a lease that ran out (its worker died) makes the row claimable again. @internal
 */
export function createQueue(
  session: Session,
  t: string,
  cols: Columns,
): Omit<WorkQueue, 'id' | 'capabilities'> & {
  claimOutbox(o: OfficeClaimOptions): Promise<OutboxRow[]>
  claimDue(o: OfficeClaimOptions): Promise<DueRow[]>
} {
  const window = (o: OfficeClaimOptions) => {
    const now = instantMs(o.now, ['now'])
    const until = now + o.leaseMs
    const office = o.officeCode === undefined ? '' : 'AND office_code = $6'
    const params: unknown[] = [
      now,
      Math.max(0, Math.floor(o.limit)),
      o.owner,
      new Date(until).toISOString(),
      until,
    ]
    if (o.officeCode !== undefined) params.push(o.officeCode)
    return { office, params }
  }
  /** An UPDATE of a row leased by `$2` that ends its lease. */
  const leased = (set: string) =>
    `UPDATE ${t}.ak1_outbox SET ${set}, lease_owner = NULL, lease_until = NULL, lease_ms = NULL
     WHERE id = $1 AND status = 'pending' AND lease_owner = $2`
  const changed = async (operation: string, sql: string, params: unknown[]) =>
    session.read(operation, async (q) => (await q(sql, params)).rowCount === 1)

  return {
    claimOutbox: (o) =>
      session.read('claimOutbox', async (q) => {
        const { office, params } = window(o)
        const { rows } = await q<OutboxDbRow>(
          `WITH picked AS (
             SELECT seq FROM ${t}.ak1_outbox
             WHERE status = 'pending' AND available_ms <= $1 AND (lease_ms IS NULL OR lease_ms <= $1) ${office}
             ORDER BY available_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE ${t}.ak1_outbox o SET lease_owner = $3, lease_until = $4, lease_ms = $5, attempts = attempts + 1
           FROM picked WHERE o.seq = picked.seq RETURNING o.*`,
          params,
        )
        return rows.sort(byKey((r) => Number(r.available_ms))).map((r) => toOutbox(cols, r))
      }),

    completeOutbox: (id, owner, done) =>
      changed('completeOutbox', leased(`status = 'done', result = $3, finished_at = $4`), [
        id,
        owner,
        cols.writeJson(done.result, `outbox:${id}:result`),
        done.at,
      ]),

    retryOutbox: (id, owner, retry) =>
      changed('retryOutbox', leased('available_at = $3, available_ms = $4, last_error = $5'), [
        id,
        owner,
        retry.availableAt,
        instantMs(retry.availableAt, ['availableAt']),
        cols.writeText(retry.error, `outbox:${id}:last_error`),
      ]),

    releaseOutbox: (id, owner, release) => {
      const at = release?.availableAt ?? null
      return changed(
        'releaseOutbox',
        leased(
          'attempts = GREATEST(0, attempts - 1), available_at = COALESCE($3, available_at), available_ms = COALESCE($4, available_ms)',
        ),
        [id, owner, at, at === null ? null : instantMs(at, ['availableAt'])],
      )
    },

    failOutbox: (id, owner, failure) =>
      session.read('failOutbox', async (q) => {
        // The dead letter and the incident count of its case change in one statement.
        const { rows } = await q<{ n: number }>(
          `WITH failed AS (
             UPDATE ${t}.ak1_outbox SET status = 'failed', last_error = $3, finished_at = $4, lease_owner = NULL,
               lease_until = NULL, lease_ms = NULL
             WHERE id = $1 AND status = 'pending' AND lease_owner = $2 RETURNING aggregate_id),
           counted AS (
             UPDATE ${t}.ak1_cases c SET incidents = incidents + 1 FROM failed WHERE c.id = failed.aggregate_id RETURNING 1)
           SELECT (SELECT count(*) FROM failed)::int AS n, (SELECT count(*) FROM counted)::int AS c`,
          [id, owner, cols.writeText(failure.error, `outbox:${id}:last_error`), failure.at],
        )
        return rows[0]?.n === 1
      }),

    listOutbox: (caseId) =>
      session.read('listOutbox', async (q) => {
        const { rows } = await q<OutboxDbRow>(
          `SELECT * FROM ${t}.ak1_outbox WHERE aggregate_id = $1 ORDER BY seq`,
          [caseId],
        )
        return rows.map((r) => toOutbox(cols, r))
      }),

    listOutboxOf: (caseIds) =>
      session.read('listOutboxOf', async (q) => {
        const out = new Map<string, OutboxRow[]>(caseIds.map((id) => [id, []]))
        const { rows } = await q<OutboxDbRow>(
          `SELECT * FROM ${t}.ak1_outbox WHERE aggregate_id = ANY($1::text[]) ORDER BY aggregate_id, seq`,
          [[...caseIds]],
        )
        for (const row of rows) out.get(row.aggregate_id)?.push(toOutbox(cols, row))
        return out
      }),

    claimDue: (o) =>
      session.read('claimDue', async (q) => {
        const { office, params } = window(o)
        const { rows } = await q<DueDbRow>(
          `WITH picked AS (
             SELECT id FROM ${t}.ak1_due
             WHERE status = 'pending' AND due_ms <= $1 AND (lease_ms IS NULL OR lease_ms <= $1) ${office}
             ORDER BY due_ms, id LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE ${t}.ak1_due d SET lease_owner = $3, lease_until = $4, lease_ms = $5
           FROM picked WHERE d.id = picked.id
           RETURNING d.id, d.aggregate_id, d.aggregate_kind, d.office_code, d.kind, d.due_at, d.due_ms, d.status, d.lease_owner, d.lease_until`,
          params,
        )
        return rows.sort(byKey((r) => Number(r.due_ms))).map(
          (r): DueRow => ({
            id: r.id,
            caseId: r.aggregate_id,
            aggregateKind: r.aggregate_kind,
            officeCode: r.office_code,
            kind: r.kind,
            dueAt: r.due_at,
            status: r.status,
            leaseOwner: r.lease_owner,
            leaseUntil: r.lease_until,
          }),
        )
      }),

    releaseDue: (id, owner) =>
      changed(
        'releaseDue',
        `UPDATE ${t}.ak1_due SET lease_owner = NULL, lease_until = NULL, lease_ms = NULL
         WHERE id = $1 AND status = 'pending' AND lease_owner = $2`,
        [id, owner],
      ),
  }
}
