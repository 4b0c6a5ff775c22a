import type { AuditEntry, CommitInput, Json, SequenceClaim, StoredCase, StoredRecord } from '@ak1/core/ports'
import { ConflictError, commandAad, instantMs } from '@ak1/core/ports'
import type { Columns } from './columns'
import { conflicts, invalid } from './errors'
import type { Query } from './session'

/** A case body as stored: personal data, the engine's data, and (sealed) the NIK. @internal */
export type Body = { applicantNik?: string; personal: Json; data: Json }

/**
 * Takes the sequence values of a commit. The counter rows are locked in one sorted order (so two
 * commits never deadlock on them), read, checked against claimed values, and written back, all in
 * the commit's transaction: a commit that fails later rolls the numbers back, so there is no gap,
 * and a concurrent commit waits for the row instead of taking the same value.
 */
async function takeSequences(q: Query, t: string, officeCode: string, claims: readonly SequenceClaim[]) {
  const keys = [...new Map(claims.map((c) => [JSON.stringify([c.name, c.scope]), c])).entries()].sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
  )
  const stored = new Map<string, number>()
  for (const [key, c] of keys) {
    // One statement creates the counter row when missing and locks it (ON CONFLICT DO UPDATE locks).
    const { rows } = await q<{ value: string }>(
      `INSERT INTO ${t}.ak1_sequences AS s (name, scope, office_code, value) VALUES ($1, $2, $3, 0)
       ON CONFLICT (name, scope) DO UPDATE SET value = s.value RETURNING s.value`,
      [c.name, c.scope, officeCode],
    )
    stored.set(key, Number(rows[0]?.value ?? 0))
  }
  const values: number[] = []
  for (const claim of claims) {
    const key = JSON.stringify([claim.name, claim.scope])
    const current = stored.get(key) ?? 0
    if (claim.value !== undefined && claim.value !== current + 1)
      throw conflicts.sequence(claim.name, claim.scope, claim.value, current)
    stored.set(key, current + 1)
    values.push(current + 1)
  }
  await q(
    `UPDATE ${t}.ak1_sequences s SET value = x.v FROM unnest($1::text[], $2::text[], $3::bigint[]) AS x(n, sc, v)
     WHERE s.name = x.n AND s.scope = x.sc`,
    [keys.map(([, c]) => c.name), keys.map(([, c]) => c.scope), keys.map(([key]) => stored.get(key))],
  )
  return values
}

/** The one aggregate a commit carries: a case, or a record of some kind. */
export interface Aggregate {
  kind: string
  id: string
  officeCode: string
  version: number
  updatedAt: string
}

/** The aggregate of a commit; a `ValidationError` unless it carries exactly one. @internal */
export function aggregateOf(input: CommitInput): Aggregate {
  const c = input.case
  const r = input.record
  if ((c === undefined) === (r === undefined))
    throw invalid(
      ['case'],
      'one_aggregate',
      'commit membawa tepat satu agregat: case atau record',
      'a commit carries exactly one aggregate: case or record',
    )
  return c
    ? { kind: 'case', id: c.id, officeCode: c.officeCode, version: c.version, updatedAt: c.updatedAt }
    : { kind: r!.kind, id: r!.id, officeCode: r!.officeCode, version: r!.version, updatedAt: r!.updatedAt }
}

/** The record row's parameters, in the order of the INSERT's columns. */
function recordParams(r: StoredRecord, cols: Columns): unknown[] {
  return [
    r.id,
    r.kind,
    r.officeCode,
    r.version,
    r.state,
    r.caseId ?? null,
    r.key ?? null,
    JSON.stringify(r.attributes ?? {}),
    r.dueAt ?? null,
    r.final,
    r.createdAt,
    instantMs(r.createdAt, ['record', 'createdAt']),
    r.updatedAt,
    cols.writeJson({ personal: r.personal, data: r.data }, `record:${r.id}`),
  ]
}

/** Inserts or updates (checking the version in the same statement) the aggregate's row. @internal */
export async function writeAggregate(q: Query, t: string, cols: Columns, input: CommitInput, agg: Aggregate) {
  const expected = input.expectedVersion
  const table = input.case ? 'ak1_cases' : 'ak1_records'
  if (expected === null)
    await q(`INSERT INTO ${t}.ak1_aggregates (id, kind, office_code) VALUES ($1, $2, $3)`, [
      agg.id,
      agg.kind,
      agg.officeCode,
    ])
  let changed: number | null
  if (input.case) {
    const params = caseParams(input.case, cols)
    changed =
      expected === null
        ? (
            await q(
              `INSERT INTO ${t}.ak1_cases (id, office_code, version, state, awaiting, channel, tracking_code, nik_lookup,
                 created_at, updated_at, due_at, due_ms, final, calendar_version, body, created_ms, facts)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb)`,
              [...params, instantMs(input.case.createdAt, ['case', 'createdAt']), factsParam(input.case)],
            )
          ).rowCount
        : (
            await q(
              `UPDATE ${t}.ak1_cases SET office_code = $2, version = $3, state = $4, awaiting = $5, channel = $6,
                 tracking_code = $7, nik_lookup = $8, created_at = $9, updated_at = $10, due_at = $11, due_ms = $12,
                 final = $13, calendar_version = $14, body = $15, facts = $17::jsonb
               WHERE id = $1 AND version = $16`,
              [...params, expected, factsParam(input.case)],
            )
          ).rowCount
  } else {
    const params = recordParams(input.record!, cols)
    changed =
      expected === null
        ? (
            await q(
              `INSERT INTO ${t}.ak1_records (id, kind, office_code, version, state, case_id, key, attributes, due_at,
                 final, created_at, created_ms, updated_at, body)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14)`,
              params,
            )
          ).rowCount
        : (
            await q(
              `UPDATE ${t}.ak1_records SET office_code = $3, version = $4, state = $5, case_id = $6, key = $7,
                 attributes = $8::jsonb, due_at = $9, final = $10, created_at = $11, created_ms = $12, updated_at = $13,
                 body = $14
               WHERE id = $1 AND kind = $2 AND version = $15`,
              [...params, expected],
            )
          ).rowCount
  }
  if (changed !== 1) {
    const found = await q<{ version: number }>(`SELECT version FROM ${t}.${table} WHERE id = $1`, [agg.id])
    throw conflicts.version(agg.id, expected, found.rows[0]?.version)
  }
}

/** Appends audit entries of the aggregate, each sealed under its own row. @internal */
export async function insertAudit(
  q: Query,
  t: string,
  cols: Columns,
  c: Aggregate,
  audit: readonly AuditEntry[],
) {
  if (!audit.length) return
  await q(
    `INSERT INTO ${t}.ak1_audit (aggregate_id, seq, office_code, at, entry, aggregate_kind, at_ms)
       SELECT $1, s, $2, a, e, $6, ms FROM unnest($3::int[], $4::text[], $5::bytea[], $7::bigint[]) AS x(s, a, e, ms)`,
    [
      c.id,
      c.officeCode,
      audit.map((e) => e.seq),
      audit.map((e) => e.at),
      audit.map((e) => cols.writeJson(e as unknown as Json, `audit:${c.id}:${e.seq}`)),
      c.kind,
      audit.map((e, i) => instantMs(e.at, ['audit', i, 'at'])),
    ],
  )
}

/** The case's report facts as a jsonb parameter (clear: they hold no personal data). */
function factsParam(c: StoredCase): string | null {
  return c.facts === undefined ? null : JSON.stringify(c.facts)
}

/** The case row's parameters, in the order of the INSERT's columns. */
function caseParams(c: StoredCase, cols: Columns): unknown[] {
  const body: Body = cols.sealed
    ? { applicantNik: c.applicantNik, personal: c.personal, data: c.data }
    : { personal: c.personal, data: c.data }
  return [
    c.id,
    c.officeCode,
    c.version,
    c.state,
    c.awaiting,
    c.channel,
    c.trackingCode,
    cols.lookup('nik', c.applicantNik),
    c.createdAt,
    c.updatedAt,
    c.dueAt,
    c.dueAt === null ? null : instantMs(c.dueAt, ['case', 'dueAt']),
    c.final,
    c.calendarVersion ?? null,
    cols.writeJson(body as unknown as Json, `case:${c.id}`),
  ]
}

/**
 * Writes one command inside the caller's transaction: the sequence values, the case row checked
 * against its version in the one UPDATE statement (or inserted), audit entries, outbox rows and
 * changes, due rows and the command id, all carrying the case's office.
 * @internal
 */
export async function writeCommit(q: Query, t: string, cols: Columns, given: CommitInput): Promise<void> {
  const first = aggregateOf(given)
  if (given.sequences?.length) {
    // A cheap early answer for a stale read, before any counter row is locked.
    const table = given.case ? 'ak1_cases' : 'ak1_records'
    const before = await q<{ version: number }>(`SELECT version FROM ${t}.${table} WHERE id = $1`, [first.id])
    const current = before.rows[0]?.version
    if (given.expectedVersion === null ? current !== undefined : current !== given.expectedVersion)
      throw conflicts.version(first.id, given.expectedVersion, current)
  }

  const values = given.sequences?.length ? await takeSequences(q, t, first.officeCode, given.sequences) : []
  const input: CommitInput = given.complete ? { ...given, ...given.complete(values) } : given
  const agg = aggregateOf(input)
  if (agg.id !== first.id || agg.kind !== first.kind)
    throw invalid(
      ['case', 'id'],
      'case_id',
      'complete() tidak boleh mengganti id agregat',
      'complete() may not change the aggregate id',
    )
  const nextVersion = (input.expectedVersion ?? 0) + 1
  if (agg.version !== nextVersion)
    throw invalid(
      [agg.kind === 'case' ? 'case' : 'record', 'version'],
      'case_version',
      `versi harus ${nextVersion} (versi yang diharapkan + 1), bukan ${agg.version}`,
      `the version must be ${nextVersion} (expected version + 1), not ${agg.version}`,
    )
  await writeAggregate(q, t, cols, input, agg)
  const c = agg
  if (input.expectedVersion === null)
    await q(`INSERT INTO ${t}.ak1_offices (office_code) VALUES ($1) ON CONFLICT DO NOTHING`, [c.officeCode])

  for (const [i, entry] of input.audit.entries())
    if (entry.caseId !== c.id)
      throw invalid(
        ['audit', i, 'caseId'],
        'audit_case',
        `entri audit harus milik kasus ${c.id}`,
        `the audit entry must belong to case ${c.id}`,
      )
  await insertAudit(q, t, cols, c, input.audit)

  if (input.outbox.length)
    await q(
      `INSERT INTO ${t}.ak1_outbox (id, office_code, aggregate_id, kind, payload, status, available_at, available_ms, created_at, aggregate_kind)
       SELECT i, o, a, k, p, 'pending', av, ms, $2, ak
       FROM unnest($9::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::bigint[], $1::text[])
         WITH ORDINALITY AS x(o, i, a, k, p, av, ms, ak, n)
       ORDER BY n`,
      [
        input.outbox.map((o) => o.aggregateKind ?? c.kind),
        c.updatedAt,
        input.outbox.map((o) => o.id),
        input.outbox.map((o) => o.caseId),
        input.outbox.map((o) => o.kind),
        input.outbox.map((o) => cols.writeJson(o.payload, `outbox:${o.id}:payload`)),
        input.outbox.map((o) => o.availableAt),
        input.outbox.map((o, i) => instantMs(o.availableAt, ['outbox', i, 'availableAt'])),
        input.outbox.map((o) => o.officeCode ?? c.officeCode),
      ],
    )

  for (const [i, change] of (input.outboxChanges ?? []).entries()) {
    const at = instantMs(change.at, ['outboxChanges', i, 'at'])
    const changed =
      change.action === 'retry'
        ? await q(
            `UPDATE ${t}.ak1_outbox SET status = 'pending', attempts = 0, available_at = $3, available_ms = $4,
               finished_at = NULL, lease_owner = NULL, lease_until = NULL, lease_ms = NULL
             WHERE id = $1 AND aggregate_id = $2 AND status = 'failed'`,
            [change.id, c.id, change.at, at],
          )
        : await q(
            `UPDATE ${t}.ak1_outbox SET status = 'resolved', finished_at = $3, lease_owner = NULL, lease_until = NULL,
               lease_ms = NULL WHERE id = $1 AND aggregate_id = $2 AND status = 'failed'`,
            [change.id, c.id, change.at],
          )
    if (changed.rowCount !== 1)
      throw new ConflictError(`Baris outbox ${change.id} bukan insiden terbuka kasus ${c.id}.`, {
        messageEn: `Outbox row ${change.id} is not an open incident of case ${c.id}.`,
      })
    await q(`UPDATE ${t}.ak1_cases SET incidents = incidents - 1 WHERE id = $1`, [c.id])
  }

  if (input.dueDone?.length)
    await q(
      `UPDATE ${t}.ak1_due SET status = 'done', lease_owner = NULL, lease_until = NULL, lease_ms = NULL
       WHERE id = ANY($1) AND aggregate_id = $2`,
      [input.dueDone, c.id],
    )
  if (input.due) {
    await q(`DELETE FROM ${t}.ak1_due WHERE aggregate_id = $1 AND status = 'pending'`, [c.id])
    if (input.due.length)
      await q(
        `INSERT INTO ${t}.ak1_due (id, office_code, aggregate_id, kind, due_at, due_ms, status, aggregate_kind)
         SELECT i, o, a, k, d, ms, 'pending', ak
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS x(o, i, a, k, d, ms, ak)`,
        [
          input.due.map((d) => d.officeCode ?? c.officeCode),
          input.due.map((d) => d.id),
          input.due.map((d) => d.caseId),
          input.due.map((d) => d.kind),
          input.due.map((d) => d.dueAt),
          input.due.map((d, i) => instantMs(d.dueAt, ['due', i, 'dueAt'])),
          input.due.map((d) => d.aggregateKind ?? c.kind),
        ],
      )
  }

  if (input.command)
    await q(
      `INSERT INTO ${t}.ak1_commands (scope, id, office_code, aggregate_id, result, at, aggregate_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        input.command.scope ?? '',
        input.command.id,
        c.officeCode,
        c.id,
        // Results are kept only to answer a repeated command; the engine's are whole case views.
        cols.writeJson(input.command.result, commandAad(input.command.scope ?? '', input.command.id), true),
        c.updatedAt,
        c.kind,
      ],
    )
}
