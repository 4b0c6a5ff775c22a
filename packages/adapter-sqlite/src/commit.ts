import { createHash } from 'node:crypto'
import type { CommitInput, Json, StoredCase, StoredRecord } from '@ak1/core/ports'
import { ConflictError, commandAad, instantMs } from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import { type ColdPart, splitCaseBody } from './case-body'
import type { StoreContext } from './context'
import type { Body } from './encryption'
import { conflicts, invalid } from './errors'
import type { RecordIndexed, SqliteRecords } from './records'
import { type CaseRowInput, packFacts } from './rows'
import type { Statements } from './statements'

/** The stored values of the case columns that some index covers. */
type IndexedColumns = Pick<CaseRowInput, (typeof indexedCaseColumns)[number][0]> & { version: number }
const indexedCaseColumns = [
  ['officeCode', 'office_code'],
  ['state', 'state'],
  ['awaiting', 'awaiting'],
  ['trackingCode', 'tracking_code'],
  ['nikLookup', 'nik_lookup'],
  ['dueMs', 'due_ms'],
  ['final', 'final'],
  ['calendarVersion', 'calendar_version'],
] as const

/** Gives the UPDATE of a case row, from its stored indexed values and the new row. */
type CaseUpdate = (old: IndexedColumns, row: CaseRowInput) => Database.Statement

/**
 * The UPDATE of a case row. SQLite rewrites the entries of every index whose columns the SET names,
 * changed or not; naming only the indexed columns whose value changed keeps a command from
 * dirtying every index of the table (about 4 pages fewer per commit for a step change).
 */
function caseUpdateStatements(db: Database.Database): CaseUpdate {
  const caseUpdates = new Map<string, Database.Statement>()
  return (old: IndexedColumns, row: CaseRowInput): Database.Statement => {
    let sets =
      'version = @version, channel = @channel, created_at = @createdAt, updated_at = @updatedAt, due_at = @dueAt, body = @body, facts = @facts'
    for (const [key, column] of indexedCaseColumns) if (old[key] !== row[key]) sets += `, ${column} = @${key}`
    let stmt = caseUpdates.get(sets)
    if (!stmt) {
      stmt = db.prepare(`UPDATE ak1_cases SET ${sets} WHERE id = @id AND version = @expected`)
      caseUpdates.set(sets, stmt)
    }
    return stmt
  }
}

/** What the commit found stored for its aggregate before writing. */
interface Found {
  isRecord: boolean
  first: StoredCase | StoredRecord
  kind: string
  old: IndexedColumns | undefined
  oldRecord: RecordIndexed | undefined
}

/** Writes the case row of a commit: checks its tracking code in its office, inserts or updates. */
function writeCase(
  ctx: StoreContext,
  updateCaseStatement: CaseUpdate,
  c: StoredCase,
  old: IndexedColumns | undefined,
  expectedVersion: number | null,
  cache: ColdCache,
): ColdSeen {
  const { s, codec, sealer } = ctx
  if (old === undefined || old.trackingCode !== c.trackingCode || old.officeCode !== c.officeCode) {
    const holder = s.trackingHolder.get(c.officeCode, c.trackingCode) as string | undefined
    if (holder !== undefined && holder !== c.id)
      throw new ConflictError(`Kode lacak ${c.trackingCode} sudah dipakai di kantor ${c.officeCode}.`, {
        messageEn: `Tracking code ${c.trackingCode} is already used at office ${c.officeCode}.`,
      })
  }
  const body: Body = sealer()
    ? { applicantNik: c.applicantNik, personal: c.personal, data: c.data }
    : { personal: c.personal, data: c.data }
  const { hot, cold } = splitCaseBody(body)
  const row: CaseRowInput = {
    id: c.id,
    version: c.version,
    officeCode: c.officeCode,
    state: c.state,
    awaiting: c.awaiting,
    channel: c.channel,
    trackingCode: c.trackingCode,
    nikLookup: codec.nikLookup(c.applicantNik),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    dueAt: c.dueAt,
    dueMs: c.dueAt === null ? null : instantMs(c.dueAt, ['case', 'dueAt']),
    final: c.final ? 1 : 0,
    calendarVersion: c.calendarVersion ?? null,
    body: codec.writeJson(hot as unknown as Json, `case:${c.id}`),
    facts: c.facts === undefined ? null : packFacts(c.facts),
    createdMs: instantMs(c.createdAt, ['case', 'createdAt']),
  }
  if (expectedVersion === null) s.insertCase.run(row)
  else if (updateCaseStatement(old!, row).run({ ...row, expected: expectedVersion }).changes !== 1)
    throw conflicts.version(c.id, expectedVersion, s.caseVersion.get(c.id) as number | undefined)
  return writeCold(ctx, cache, c, cold, old?.version)
}

/**
 * What this connection last wrote or found as a case's cold part, by case id: the case version of
 * that commit and a fingerprint of the clear text (the text itself on a plaintext store, its SHA-256
 * on an encrypted one, so no personal data stays in memory). Every change to a cold row is made by a
 * case commit, which raises the case's version; so when the version read inside the commit's
 * transaction is the one remembered, the stored cold part is the one remembered, even if another
 * process wrote to the file meanwhile. Entries are set only after their transaction commits.
 * Bounded: the oldest entry goes once it holds {@link coldCacheSize}.
 * @internal
 */
export interface ColdCache {
  /** The fingerprint remembered for the case at `version`, if any. */
  get(id: string, version: number): string | undefined
  /** Remembers the fingerprint of the case's cold part at `version`. */
  set(id: string, version: number, fingerprint: string): void
}

/** How many cases' cold fingerprints a store remembers. @internal */
export const coldCacheSize = 1024

/** A bounded {@link ColdCache}. @internal */
export function createColdCache(size = coldCacheSize): ColdCache {
  const entries = new Map<string, { version: number; fingerprint: string }>()
  return {
    get: (id, version) => {
      const e = entries.get(id)
      return e?.version === version ? e.fingerprint : undefined
    },
    set: (id, version, fingerprint) => {
      entries.delete(id)
      if (entries.size >= size) entries.delete(entries.keys().next().value as string)
      entries.set(id, { version, fingerprint })
    },
  }
}

/** The cold part written or confirmed by a commit, remembered once the transaction commits. */
interface ColdSeen {
  id: string
  version: number
  fingerprint: string
}

/**
 * Writes the cold part of a case body when it differs from the stored one (it seldom does: the
 * personal data and the verifications are set once). The stored part is compared in clear, since a
 * sealed value differs at every write: through the cache when it knows the stored version, else read
 * back. Returns what the commit leaves stored, for the cache.
 */
function writeCold(
  { s, codec, sealer }: StoreContext,
  cache: ColdCache,
  c: StoredCase,
  cold: ColdPart,
  storedVersion: number | undefined,
): ColdSeen {
  const aad = `case-cold:${c.id}`
  const text = JSON.stringify(cold)
  const fingerprint = sealer() ? createHash('sha256').update(text).digest('base64') : text
  const seen = { id: c.id, version: c.version, fingerprint }
  if (storedVersion !== undefined) {
    const known = cache.get(c.id, storedVersion)
    if (known === fingerprint) return seen
    if (known === undefined) {
      const stored = s.coldBody.get(c.id) as string | Buffer | undefined
      if (stored !== undefined && codec.readText(stored, aad) === text) return seen
    }
  }
  s.putCold.run(c.id, codec.writeText(text, aad))
  return seen
}

/** Checks that the commit carries one aggregate, free of the other kind, at the expected version. */
function findAggregate(s: Statements, records: SqliteRecords, given: CommitInput): Found {
  if ((given.case === undefined) === (given.record === undefined))
    throw invalid(
      ['case'],
      'aggregate',
      'commit harus membawa tepat satu dari case dan record',
      'a commit must carry exactly one of case and record',
    )
  const isRecord = given.record !== undefined
  const first = (given.case ?? given.record)!
  const kind = given.record?.kind ?? 'case'
  const old = isRecord ? undefined : (s.caseIndexed.get(first.id) as IndexedColumns | undefined)
  const oldRecord = isRecord ? records.indexed(first.id) : undefined
  // A stored case's id was checked free of records when it was created, and a record's create
  // checks the cases, so only a new case needs the records looked up.
  const taken = isRecord
    ? (oldRecord !== undefined && oldRecord.kind !== kind) || s.caseVersion.get(first.id) !== undefined
    : old === undefined && records.exists(first.id)
  if (taken) throw conflicts.unique(`id ${first.id}`)
  const current = isRecord ? oldRecord?.version : old?.version
  if (given.expectedVersion === null) {
    if (current !== undefined) throw conflicts.exists(first.id, current)
  } else if (current !== given.expectedVersion) {
    throw conflicts.version(first.id, given.expectedVersion, current)
  }
  return { isRecord, first, kind, old, oldRecord }
}

/**
 * Sequence values are taken inside this transaction (BEGIN IMMEDIATE: one writer at a time, so
 * no other commit takes the same value), then handed to `complete` before the audit entry is
 * sealed. A failure later rolls the values back with everything else: no gap.
 */
function takeSequences(s: Statements, given: CommitInput): number[] {
  const takenValues = new Map<string, number>()
  const values: number[] = []
  for (const claim of given.sequences ?? []) {
    const key = JSON.stringify([claim.name, claim.scope])
    const stored =
      takenValues.get(key) ?? (s.sequence.get(claim.name, claim.scope) as number | undefined) ?? 0
    if (claim.value !== undefined && claim.value !== stored + 1)
      throw conflicts.sequence(claim.name, claim.scope, claim.value, stored)
    s.setSequence.run(claim.name, claim.scope, stored + 1)
    takenValues.set(key, stored + 1)
    values.push(stored + 1)
  }
  return values
}

/** The input after `complete`, and its aggregate (same id and kind, the next version). */
function completed(given: CommitInput, values: number[], { isRecord, first }: Found) {
  const input: CommitInput = given.complete ? { ...given, ...given.complete(values) } : given
  const next = (isRecord ? input.record : input.case)!
  if (next?.id !== first.id || (isRecord ? input.case : input.record) !== undefined)
    throw invalid(
      [isRecord ? 'record' : 'case', 'id'],
      'case_id',
      'complete() tidak boleh mengganti id atau jenis agregat',
      'complete() may not change the id or kind of the aggregate',
    )

  const nextVersion = (input.expectedVersion ?? 0) + 1
  if (next.version !== nextVersion)
    throw invalid(
      [isRecord ? 'record' : 'case', 'version'],
      'case_version',
      `versi kasus harus ${nextVersion} (versi yang diharapkan + 1), bukan ${next.version}`,
      `the case version must be ${nextVersion} (expected version + 1), not ${next.version}`,
    )
  return { input, next }
}

/** Appends the audit entries and inserts the outbox rows of the commit. */
function writeAuditAndOutbox(
  { s, codec }: StoreContext,
  input: CommitInput,
  next: StoredCase | StoredRecord,
  kind: string,
): void {
  for (const [i, entry] of input.audit.entries()) {
    if (entry.caseId !== next.id)
      throw invalid(
        ['audit', i, 'caseId'],
        'audit_case',
        `entri audit harus milik agregat ${next.id}`,
        `the audit entry must belong to aggregate ${next.id}`,
      )
    s.insertAudit.run(
      next.id,
      entry.seq,
      kind,
      next.officeCode,
      codec.writeJson(entry as unknown as Json, `audit:${next.id}:${entry.seq}`),
    )
  }

  for (const [i, o] of input.outbox.entries()) {
    s.insertOutbox.run({
      caseId: o.caseId,
      id: o.id,
      aggregateKind: o.aggregateKind ?? kind,
      officeCode: next.officeCode,
      kind: o.kind,
      payload: codec.writeJson(o.payload, `outbox:${o.id}:payload`),
      availableAt: o.availableAt,
      availableMs: instantMs(o.availableAt, ['outbox', i, 'availableAt']),
      createdAt: next.updatedAt,
    })
  }
}

/** Retries or resolves the case's failed outbox rows, and replaces or closes its due rows. */
function writeIncidentsAndDue(
  s: Statements,
  input: CommitInput,
  next: StoredCase | StoredRecord,
  kind: string,
): void {
  for (const [i, change] of (input.outboxChanges ?? []).entries()) {
    const found = s.outboxStatus.get(change.id) as { case_id: string; status: string } | undefined
    if (!found || found.case_id !== next.id || found.status !== 'failed')
      throw new ConflictError(`Baris outbox ${change.id} bukan insiden terbuka kasus ${next.id}.`, {
        messageEn: `Outbox row ${change.id} is not an open incident of case ${next.id}.`,
      })
    if (change.action === 'retry')
      s.outboxRetryFailed.run(change.at, instantMs(change.at, ['outboxChanges', i, 'at']), change.id)
    else s.outboxResolveFailed.run(change.at, change.id)
    s.addIncidents.run(-1, next.id)
  }

  for (const id of input.dueDone ?? []) s.dueDone.run(id, next.id)
  if (input.due) {
    s.deletePendingDue.run(next.id)
    for (const [i, d] of input.due.entries())
      s.insertDue.run(
        d.id,
        d.caseId,
        d.aggregateKind ?? kind,
        next.officeCode,
        d.kind,
        d.dueAt,
        instantMs(d.dueAt, ['due', i, 'dueAt']),
      )
  }
}

/**
 * The commit: one `BEGIN IMMEDIATE` transaction that checks the aggregate and its version, takes the
 * sequence values, then writes the aggregate, its audit entries, outbox and due rows and the command
 * record; once it has committed, the case's cold part is remembered in `cache`. @internal
 */
export function createCommit(
  ctx: StoreContext,
  records: SqliteRecords,
  cache: ColdCache = createColdCache(),
): (given: CommitInput) => void {
  const { db, s, codec } = ctx
  const updateCaseStatement = caseUpdateStatements(db)

  const tx = db.transaction((given: CommitInput): ColdSeen | undefined => {
    ctx.checkMode()
    const found = findAggregate(s, records, given)
    const { kind, old, oldRecord } = found
    const values = takeSequences(s, given)
    const { input, next } = completed(given, values, found)
    const scope = input.command?.scope ?? ''
    if (input.command && s.commandExists.get(scope, input.command.id) !== undefined)
      throw conflicts.command(input.command.id)
    let cold: ColdSeen | undefined
    if (input.record) {
      if (!records.write(oldRecord, input.record, input.expectedVersion))
        throw conflicts.version(next.id, input.expectedVersion!, records.indexed(next.id)?.version)
    } else cold = writeCase(ctx, updateCaseStatement, input.case!, old, input.expectedVersion, cache)
    // The office is listed by the commit that created the aggregate there.
    if ((old ?? oldRecord)?.officeCode !== next.officeCode) s.insertOffice.run(next.officeCode)

    writeAuditAndOutbox(ctx, input, next, kind)
    writeIncidentsAndDue(s, input, next, kind)

    if (input.command)
      s.insertCommand.run(
        scope,
        input.command.id,
        next.id,
        kind,
        // Results are kept only to answer a repeated command; the engine's are whole case views.
        codec.writeJson(input.command.result, commandAad(scope, input.command.id), true),
        next.updatedAt,
      )
    return cold
  })
  return (given) => {
    const cold = tx.immediate(given)
    if (cold) cache.set(cold.id, cold.version, cold.fingerprint)
  }
}
