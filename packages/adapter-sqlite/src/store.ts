import type {
  Ak1Store,
  AttachmentRecord,
  AuditEntry,
  AuditStreamQuery,
  CalendarVersionQuery,
  CasePage,
  CaseQuery,
  ClaimOptions,
  CommandRecord,
  CommitInput,
  DueRow,
  Json,
  OutboxRow,
  Sealer,
  StoredCase,
} from '@ak1/core/ports'
import {
  AdapterError,
  ConfigError,
  ConflictError,
  createRecordCodec,
  createSealer,
  defaultStreamBatch,
  filterStream,
  inInstantRange,
  SealedWithoutKeyError,
  streamCasesByPages,
  streamPages,
  streamRecordsByPages,
} from '@ak1/core/ports'
import Database from 'better-sqlite3'
import { encodeCalendarCursor, planCalendarList } from './calendar-query'
import { scrubStaleCopies } from './convert'
import {
  type Body,
  encryptedWithoutKey,
  encryptionMode,
  frameAttachment,
  modeChanged,
  openEncryption,
  rememberKeys,
  reseal,
  rotationKey,
  setMeta,
  undecryptable,
  unframeAttachment,
  unreadable,
} from './encryption'
import { conflicts, invalid, storeId, toStoreError } from './errors'
import { compareKeys, encodeCursor, instantMs, planList } from './list-query'
import { type MigrationInfo, migrate, migrationInfo } from './migrations'
import { type EncryptionKeyInput, resolveOptions, type SqliteStoreOptions } from './options'
import { createSqliteRecords } from './records'

/** Options of {@link SqliteStore.backup}. */
export interface BackupOptions {
  /**
   * Pages copied per step; between steps the store's own writes go on. When another process writes
   * meanwhile, SQLite restarts the copy, so after the first restart the rest is copied in one step.
   * @default 1000
   */
  pagesPerStep?: number
}

/** What {@link SqliteStore.rotateKey} re-encrypted. */
export interface RotationResult {
  /** Id of the key everything is now encrypted with. */
  keyId: string
  /** Case bodies re-encrypted (and their NIK lookups recomputed). */
  cases: number
  /** Record bodies (complaints, card records...) re-encrypted. */
  records: number
  /** Audit entries re-encrypted. */
  auditEntries: number
  /** Command results re-encrypted. */
  commands: number
  /** Outbox rows whose payload, result and error were re-encrypted. */
  outboxRows: number
  /** Attachments re-encrypted (and their lookups recomputed). */
  attachments: number
}

/** A key for {@link SqliteStore.rotateKey}: a bare 32-byte key, or one with the id to file it under. */
export type RotationKey = EncryptionKeyInput | { id: string; key: EncryptionKeyInput }

/**
 * The four storage ports (`CaseStore`, `WorkQueue`, `SequenceAllocator`, `AttachmentStore`) on
 * SQLite, plus what only a file database can do.
 */
export interface SqliteStore extends Ak1Store {
  readonly id: 'sqlite'
  readonly capabilities: {
    readonly durable: true
    readonly encryption: boolean
    readonly inCommit: true
    readonly calendarIndex: true
  }
  listByCalendarVersion(query: CalendarVersionQuery): Promise<CasePage>
  /** Path of the database file (`''` or `':memory:'` for an in-memory connection). */
  readonly filename: string
  /**
   * Copies the database to `path` with SQLite's online backup API while writes go on. The copy is a
   * consistent snapshot; to restore, stop the application, copy the backup over the database file
   * (removing any `-wal` and `-shm` files beside it), and open it with {@link createSqliteStore}
   * (with the same `encryptionKey`, if any).
   */
  backup(path: string, options?: BackupOptions): Promise<{ totalPages: number }>
  /** Schema version of the file, the newest this package knows, and the steps applied. */
  migrations(): Promise<MigrationInfo>
  /**
   * Re-encrypts every encrypted value under `key` in one transaction and makes it the current key;
   * the old keys stay usable for reading until the store is reopened without them. Other processes
   * on the same file must be reopened with a keyring holding the new key. Fails with `ConfigError`
   * when the store was opened without `encryptionKey`.
   */
  rotateKey(key: RotationKey): Promise<RotationResult>
  /** Writes the WAL into the database file and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`). */
  checkpoint(): Promise<void>
}

interface CaseRow {
  id: string
  version: number
  office_code: string
  state: string
  awaiting: string | null
  channel: string
  tracking_code: string
  nik_lookup: string
  created_at: string
  updated_at: string
  due_at: string | null
  due_ms: number | null
  final: number
  incidents: number
  calendar_version: string | null
  body: string | Buffer
}

interface OutboxDbRow {
  seq: number
  id: string
  case_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  payload: string | Buffer
  status: OutboxRow['status']
  available_at: string
  attempts: number
  lease_owner: string | null
  lease_until: string | null
  last_error: string | Buffer | null
  result: string | Buffer | null
  created_at: string
  finished_at: string | null
}

interface DueDbRow {
  id: string
  case_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  due_at: string
  status: 'pending' | 'done'
  lease_owner: string | null
  lease_until: string | null
}

/** The named parameters of a case row's INSERT and UPDATE. */
interface CaseRowInput {
  id: string
  version: number
  officeCode: string
  state: string
  awaiting: string | null
  channel: string
  trackingCode: string
  nikLookup: string
  createdAt: string
  updatedAt: string
  dueAt: string | null
  dueMs: number | null
  final: 0 | 1
  calendarVersion: string | null
  body: string | Buffer
}

/**
 * Opens (creating when missing) a SQLite database as the {@link CaseStore} of @ak1: WAL journal,
 * `synchronous=NORMAL` (or `FULL`), a busy timeout, foreign keys on, the schema migrated forward.
 * Every `commit` is one `BEGIN IMMEDIATE` transaction whose version check runs inside it, so
 * several processes can share the file without losing an update. With `encryptionKey`, personal
 * data is stored encrypted (AES-256-GCM) and the NIK is found by a keyed hash.
 *
 * @throws {ConfigError} for bad options (naming them), a file from a newer schema, or a missing or
 * wrong encryption key.
 * @throws {AdapterError} when the file cannot be opened.
 *
 * @example
 * ```ts
 * import { createAk1Service, balongbendo } from '@ak1/core'
 * import { createSqliteStore } from '@ak1/adapter-sqlite'
 *
 * const store = createSqliteStore({ filename: 'ak1.sqlite', encryptionKey: process.env.AK1_KEY })
 * const service = createAk1Service({ standard: balongbendo, store })
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const o = resolveOptions(options)
  const owned = o.database === undefined
  let db: Database.Database
  try {
    db = o.database ?? new Database(o.filename as string)
  } catch (error) {
    throw toStoreError('open', error)
  }
  let sealer: Sealer | undefined
  try {
    db.pragma(`busy_timeout = ${o.busyTimeoutMs}`)
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${o.synchronous}`)
    db.pragma('foreign_keys = ON')
    // Freed pages are zeroed, so no personal data lingers in the file after an update.
    if (o.keyring) db.pragma('secure_delete = ON')
    migrate(db)
    sealer = o.keyring ? createSealer(o.keyring) : undefined
    openEncryption(db, sealer)
    if (sealer) scrubStaleCopies(db)
  } catch (error) {
    if (owned) db.close()
    throw toStoreError('open', error)
  }

  // ---- encoding of the sealed columns --------------------------------------------------------

  // Personal data goes through core's codec (clear, packed, or sealed under the current key).
  const codec = createRecordCodec(() => sealer)
  const writeText = (text: string, aad: string, compress = false) =>
    codec.encode(text, aad, compress) as string | Buffer
  const readText = (value: string | Buffer, aad: string): string => {
    try {
      return codec.decode(value, aad)
    } catch (error) {
      if (error instanceof SealedWithoutKeyError) throw encryptedWithoutKey()
      throw undecryptable(aad, error)
    }
  }
  const writeJson = (value: Json | undefined, aad: string, compress = false) =>
    writeText(JSON.stringify(value ?? null), aad, compress)
  const readJson = <T = Json>(value: string | Buffer, aad: string): T => {
    const text = readText(value, aad)
    try {
      return JSON.parse(text) as T
    } catch (error) {
      throw unreadable(aad, error)
    }
  }
  const nikLookup = (nik: string) => codec.lookup('nik', nik)
  const nikLookups = (nik: string) => codec.lookups('nik', nik)
  const attachmentLookup = (sha: string) => codec.lookup('sha256', sha)
  const attachmentLookups = (sha: string) => codec.lookups('sha256', sha)

  const toCase = (row: CaseRow): StoredCase => {
    const body = readJson<Body>(row.body, `case:${row.id}`)
    if (body === null || typeof body !== 'object')
      throw unreadable(`case:${row.id}`, new Error('not an object'))
    return {
      id: row.id,
      version: row.version,
      officeCode: row.office_code,
      state: row.state,
      awaiting: row.awaiting,
      channel: row.channel as StoredCase['channel'],
      applicantNik: body.applicantNik ?? row.nik_lookup,
      trackingCode: row.tracking_code,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      dueAt: row.due_at,
      final: row.final === 1,
      ...(row.calendar_version === null ? {} : { calendarVersion: row.calendar_version }),
      personal: body.personal,
      data: body.data,
    }
  }
  const toOutbox = (row: OutboxDbRow): OutboxRow => ({
    id: row.id,
    caseId: row.case_id,
    aggregateKind: row.aggregate_kind,
    officeCode: row.office_code,
    kind: row.kind,
    payload: readJson(row.payload, `outbox:${row.id}:payload`),
    availableAt: row.available_at,
    status: row.status,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error === null ? null : readText(row.last_error, `outbox:${row.id}:last_error`),
    result: row.result === null ? null : readJson(row.result, `outbox:${row.id}:result`),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  })
  const toDue = (row: DueDbRow): DueRow => ({
    id: row.id,
    caseId: row.case_id,
    aggregateKind: row.aggregate_kind,
    officeCode: row.office_code,
    kind: row.kind,
    dueAt: row.due_at,
    status: row.status,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
  })

  // ---- statements, prepared once ---------------------------------------------------------------

  const caseColumns =
    'id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at, updated_at, due_at, due_ms, final, incidents, calendar_version, body'
  const dueColumns =
    'id, case_id, aggregate_kind, office_code, kind, due_at, status, lease_owner, lease_until'
  const s = {
    encryptionMode: db.prepare("SELECT value FROM ak1_meta WHERE key = 'encryption'").pluck(),
    loadCase: db.prepare(`SELECT ${caseColumns} FROM ak1_cases WHERE id = ?`),
    caseVersion: db.prepare('SELECT version FROM ak1_cases WHERE id = ?').pluck(),
    insertCase: db.prepare(
      `INSERT INTO ak1_cases (id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup,
         created_at, updated_at, due_at, due_ms, final, calendar_version, body)
       VALUES (@id, @version, @officeCode, @state, @awaiting, @channel, @trackingCode, @nikLookup,
         @createdAt, @updatedAt, @dueAt, @dueMs, @final, @calendarVersion, @body)`,
    ),
    caseIndexed: db.prepare(
      `SELECT version, office_code AS officeCode, state, awaiting, tracking_code AS trackingCode,
         nik_lookup AS nikLookup, due_ms AS dueMs, final, calendar_version AS calendarVersion
       FROM ak1_cases WHERE id = ?`,
    ),
    insertOffice: db.prepare('INSERT OR IGNORE INTO ak1_offices (code) VALUES (?)'),
    offices: db.prepare('SELECT code FROM ak1_offices ORDER BY code').pluck(),
    insertAudit: db.prepare(
      'INSERT INTO ak1_audit (case_id, seq, kind, office_code, entry) VALUES (?, ?, ?, ?, ?)',
    ),
    timeline: db.prepare('SELECT seq, entry FROM ak1_audit WHERE case_id = ? ORDER BY seq'),
    commandExists: db.prepare('SELECT 1 FROM ak1_commands WHERE scope = ? AND id = ?').pluck(),
    getCommand: db.prepare(
      'SELECT scope, id, case_id, kind, result, at FROM ak1_commands WHERE scope = ? AND id = ?',
    ),
    insertCommand: db.prepare(
      'INSERT INTO ak1_commands (scope, id, case_id, kind, result, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    trackingHolder: db
      .prepare('SELECT id FROM ak1_cases WHERE office_code = ? AND tracking_code = ?')
      .pluck(),
    insertOutbox: db.prepare(
      `INSERT INTO ak1_outbox (id, case_id, aggregate_kind, office_code, kind, payload, status, available_at,
         available_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ),
    outboxStatus: db.prepare('SELECT case_id, status FROM ak1_outbox WHERE id = ?'),
    outboxRetryFailed: db.prepare(
      `UPDATE ak1_outbox SET status = 'pending', attempts = 0, available_at = ?, available_ms = ?, finished_at = NULL,
         lease_owner = NULL, lease_until = NULL, lease_ms = NULL WHERE id = ? AND status = 'failed'`,
    ),
    outboxResolveFailed: db.prepare(
      `UPDATE ak1_outbox SET status = 'resolved', finished_at = ?, lease_owner = NULL, lease_until = NULL,
         lease_ms = NULL WHERE id = ? AND status = 'failed'`,
    ),
    addIncidents: db.prepare('UPDATE ak1_cases SET incidents = incidents + ? WHERE id = ?'),
    listOutbox: db.prepare('SELECT * FROM ak1_outbox WHERE case_id = ? ORDER BY seq'),
    claimOutbox: db.prepare(
      `SELECT * FROM ak1_outbox INDEXED BY ak1_outbox_claim
       WHERE status = 'pending' AND available_ms <= @now AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY available_ms, id LIMIT @limit`,
    ),
    claimOfficeOutbox: db.prepare(
      `SELECT * FROM ak1_outbox INDEXED BY ak1_outbox_office_claim
       WHERE office_code = @office AND status = 'pending' AND available_ms <= @now
         AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY available_ms, id LIMIT @limit`,
    ),
    leaseOutbox: db.prepare(
      'UPDATE ak1_outbox SET lease_owner = ?, lease_until = ?, lease_ms = ?, attempts = attempts + 1 WHERE seq = ?',
    ),
    completeOutbox: db.prepare(
      `UPDATE ak1_outbox SET status = 'done', result = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL,
         lease_ms = NULL WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
    ),
    retryOutbox: db.prepare(
      `UPDATE ak1_outbox SET available_at = ?, available_ms = ?, last_error = ?, lease_owner = NULL,
         lease_until = NULL, lease_ms = NULL WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
    ),
    releaseOutbox: db.prepare(
      `UPDATE ak1_outbox SET attempts = MAX(0, attempts - 1), available_at = COALESCE(@at, available_at),
         available_ms = COALESCE(@ms, available_ms), lease_owner = NULL, lease_until = NULL, lease_ms = NULL
       WHERE id = @id AND status = 'pending' AND lease_owner = @owner`,
    ),
    failOutbox: db.prepare(
      `UPDATE ak1_outbox SET status = 'failed', last_error = ?, finished_at = ?, lease_owner = NULL,
         lease_until = NULL, lease_ms = NULL WHERE id = ? AND status = 'pending' AND lease_owner = ?
       RETURNING case_id`,
    ),
    dueDone: db.prepare(
      `UPDATE ak1_due SET status = 'done', lease_owner = NULL, lease_until = NULL, lease_ms = NULL
       WHERE id = ? AND case_id = ?`,
    ),
    deletePendingDue: db.prepare("DELETE FROM ak1_due WHERE case_id = ? AND status = 'pending'"),
    insertDue: db.prepare(
      `INSERT INTO ak1_due (id, case_id, aggregate_kind, office_code, kind, due_at, due_ms, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ),
    claimDue: db.prepare(
      `SELECT ${dueColumns} FROM ak1_due INDEXED BY ak1_due_claim
       WHERE status = 'pending' AND due_ms <= @now AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY due_ms, id LIMIT @limit`,
    ),
    claimOfficeDue: db.prepare(
      `SELECT ${dueColumns} FROM ak1_due INDEXED BY ak1_due_office_claim
       WHERE office_code = @office AND status = 'pending' AND due_ms <= @now AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY due_ms, id LIMIT @limit`,
    ),
    auditPage: db.prepare(
      `SELECT case_id, seq, kind, entry FROM ak1_audit INDEXED BY ak1_audit_office
       WHERE office_code = @office AND (case_id, seq) > (@afterId, @afterSeq) AND (@kind IS NULL OR kind = @kind)
       ORDER BY case_id, seq LIMIT @limit`,
    ),
    leaseDue: db.prepare('UPDATE ak1_due SET lease_owner = ?, lease_until = ?, lease_ms = ? WHERE id = ?'),
    releaseDue: db.prepare(
      `UPDATE ak1_due SET lease_owner = NULL, lease_until = NULL, lease_ms = NULL
       WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
    ),
    sequence: db.prepare('SELECT value FROM ak1_sequences WHERE name = ? AND scope = ?').pluck(),
    setSequence: db.prepare(
      `INSERT INTO ak1_sequences (name, scope, value) VALUES (?, ?, ?)
       ON CONFLICT (name, scope) DO UPDATE SET value = excluded.value`,
    ),
    insertAttachment: db.prepare(
      'INSERT OR IGNORE INTO ak1_attachments (lookup, content_type, size, bytes) VALUES (?, ?, ?, ?)',
    ),
    attachmentExists: db.prepare('SELECT 1 FROM ak1_attachments WHERE lookup = ?').pluck(),
    getAttachment: db.prepare(
      'SELECT lookup, content_type, size, bytes FROM ak1_attachments WHERE lookup = ?',
    ),
  }
  const dynamic = new Map<string, Database.Statement>()
  const prepared = (sql: string): Database.Statement => {
    let stmt = dynamic.get(sql)
    if (!stmt) {
      if (dynamic.size > 256) dynamic.clear()
      stmt = db.prepare(sql)
      dynamic.set(sql, stmt)
    }
    return stmt
  }

  // ---- the commit ------------------------------------------------------------------------------

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
  const caseUpdates = new Map<string, Database.Statement>()
  /**
   * The UPDATE of a case row. SQLite rewrites the entries of every index whose columns the SET names,
   * changed or not; naming only the indexed columns whose value changed keeps a command from
   * dirtying every index of the table (about 4 pages fewer per commit for a step change).
   */
  const updateCaseStatement = (old: IndexedColumns, row: CaseRowInput): Database.Statement => {
    let sets =
      'version = @version, channel = @channel, created_at = @createdAt, updated_at = @updatedAt, due_at = @dueAt, body = @body'
    for (const [key, column] of indexedCaseColumns) if (old[key] !== row[key]) sets += `, ${column} = @${key}`
    let stmt = caseUpdates.get(sets)
    if (!stmt) {
      stmt = db.prepare(`UPDATE ak1_cases SET ${sets} WHERE id = @id AND version = @expected`)
      caseUpdates.set(sets, stmt)
    }
    return stmt
  }

  /** Another process may have encrypted the file since this one opened it. */
  const checkMode = () => {
    const mode = s.encryptionMode.get() as string | undefined
    if ((mode === encryptionMode) !== (sealer !== undefined)) throw modeChanged()
  }

  const commitTx = db.transaction((given: CommitInput) => {
    checkMode()
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
    const taken = isRecord
      ? (oldRecord !== undefined && oldRecord.kind !== kind) || s.caseVersion.get(first.id) !== undefined
      : records.exists(first.id)
    if (taken) throw conflicts.unique(`id ${first.id}`)
    const current = isRecord ? oldRecord?.version : old?.version
    if (given.expectedVersion === null) {
      if (current !== undefined) throw conflicts.exists(first.id, current)
    } else if (current !== given.expectedVersion) {
      throw conflicts.version(first.id, given.expectedVersion, current)
    }
    // Sequence values are taken inside this transaction (BEGIN IMMEDIATE: one writer at a time, so
    // no other commit takes the same value), then handed to `complete` before the audit entry is
    // sealed. A failure later rolls the values back with everything else: no gap.
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
    const scope = input.command?.scope ?? ''
    if (input.command && s.commandExists.get(scope, input.command.id) !== undefined)
      throw conflicts.command(input.command.id)
    if (input.record) {
      if (!records.write(oldRecord, input.record, input.expectedVersion))
        throw conflicts.version(next.id, input.expectedVersion!, records.indexed(next.id)?.version)
    } else writeCase(input.case!, old, input.expectedVersion)
    s.insertOffice.run(next.officeCode)

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
        writeJson(entry as unknown as Json, `audit:${next.id}:${entry.seq}`),
      )
    }

    for (const [i, o] of input.outbox.entries()) {
      s.insertOutbox.run(
        o.id,
        o.caseId,
        o.aggregateKind ?? kind,
        next.officeCode,
        o.kind,
        writeJson(o.payload, `outbox:${o.id}:payload`),
        o.availableAt,
        instantMs(o.availableAt, ['outbox', i, 'availableAt']),
        next.updatedAt,
      )
    }

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

    if (input.command)
      s.insertCommand.run(
        scope,
        input.command.id,
        next.id,
        kind,
        // Results are kept only to answer a repeated command; the engine's are whole case views.
        writeJson(input.command.result, `command:${input.command.id}`, true),
        next.updatedAt,
      )
  })

  /** Writes the case row of a commit: checks its tracking code in its office, inserts or updates. */
  function writeCase(c: StoredCase, old: IndexedColumns | undefined, expectedVersion: number | null): void {
    if (old === undefined || old.trackingCode !== c.trackingCode || old.officeCode !== c.officeCode) {
      const holder = s.trackingHolder.get(c.officeCode, c.trackingCode) as string | undefined
      if (holder !== undefined && holder !== c.id)
        throw new ConflictError(`Kode lacak ${c.trackingCode} sudah dipakai di kantor ${c.officeCode}.`, {
          messageEn: `Tracking code ${c.trackingCode} is already used at office ${c.officeCode}.`,
        })
    }
    const body: Body = sealer
      ? { applicantNik: c.applicantNik, personal: c.personal, data: c.data }
      : { personal: c.personal, data: c.data }
    const row: CaseRowInput = {
      id: c.id,
      version: c.version,
      officeCode: c.officeCode,
      state: c.state,
      awaiting: c.awaiting,
      channel: c.channel,
      trackingCode: c.trackingCode,
      nikLookup: nikLookup(c.applicantNik),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      dueAt: c.dueAt,
      dueMs: c.dueAt === null ? null : instantMs(c.dueAt, ['case', 'dueAt']),
      final: c.final ? 1 : 0,
      calendarVersion: c.calendarVersion ?? null,
      body: writeJson(body as unknown as Json, `case:${c.id}`),
    }
    if (expectedVersion === null) s.insertCase.run(row)
    else if (updateCaseStatement(old!, row).run({ ...row, expected: expectedVersion }).changes !== 1)
      throw conflicts.version(c.id, expectedVersion, s.caseVersion.get(c.id) as number | undefined)
  }

  const records = createSqliteRecords(db, { write: (v, aad) => writeJson(v, aad), read: readJson }, prepared)

  /** The instant, row limit and lease end of a claim. */
  const claimWindow = (o: ClaimOptions) => {
    const now = instantMs(o.now, ['now'])
    const until = now + o.leaseMs
    return { now, limit: Math.max(0, Math.floor(o.limit)), until, leaseUntil: new Date(until).toISOString() }
  }

  const claimOutboxTx = db.transaction((o: ClaimOptions) => {
    const { now, limit, until, leaseUntil } = claimWindow(o)
    const rows = (
      o.officeCode === undefined
        ? s.claimOutbox.all({ now, limit })
        : s.claimOfficeOutbox.all({ now, limit, office: o.officeCode })
    ) as OutboxDbRow[]
    for (const row of rows) {
      s.leaseOutbox.run(o.owner, leaseUntil, until, row.seq)
      row.lease_owner = o.owner
      row.lease_until = leaseUntil
      row.attempts += 1
    }
    return rows.map(toOutbox)
  })

  const failOutboxTx = db.transaction((id: string, owner: string, at: string, error: string): boolean => {
    const row = s.failOutbox.get(writeText(error, `outbox:${id}:last_error`), at, id, owner) as
      | { case_id: string }
      | undefined
    if (!row) return false
    s.addIncidents.run(1, row.case_id)
    return true
  })

  const claimDueTx = db.transaction((o: ClaimOptions) => {
    const { now, limit, until, leaseUntil } = claimWindow(o)
    const rows = (
      o.officeCode === undefined
        ? s.claimDue.all({ now, limit })
        : s.claimOfficeDue.all({ now, limit, office: o.officeCode })
    ) as DueDbRow[]
    for (const row of rows) {
      s.leaseDue.run(o.owner, leaseUntil, until, row.id)
      row.lease_owner = o.owner
      row.lease_until = leaseUntil
    }
    return rows.map(toDue)
  })

  // ---- list --------------------------------------------------------------------------------------

  const listTx = db.transaction((query: CaseQuery): CasePage => {
    const plan = planList(query, () => s.offices.all() as string[], nikLookups)
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
      ? rows.slice(0, plan.limit).map(toCase)
      : keys.map((k) => toCase(s.loadCase.get(k.id) as CaseRow))
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
      items: page.map((k) => toCase(s.loadCase.get(k.id) as CaseRow)),
      nextCursor: keys.length > plan.limit && last ? encodeCalendarCursor(last) : null,
    }
  })

  /** A page of the office's audit entries after the cursor (`[caseId, seq]`), by aggregate id and seq. */
  const auditPage = (query: AuditStreamQuery, cursor: string | undefined) => {
    const [afterId, afterSeq] = cursor === undefined ? ['', 0] : (JSON.parse(cursor) as [string, number])
    const limit = query.batchSize ?? defaultStreamBatch
    const rows = s.auditPage.all({
      office: query.officeCode,
      kind: query.kind ?? null,
      afterId,
      afterSeq,
      limit,
    }) as Array<{ case_id: string; seq: number; entry: string | Buffer }>
    const last = rows.at(-1)
    return {
      items: rows.map((r) => readJson<AuditEntry>(r.entry, `audit:${r.case_id}:${r.seq}`)),
      nextCursor: rows.length === limit && last ? JSON.stringify([last.case_id, last.seq]) : null,
    }
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  let closed = false
  const run = async <T>(operation: string, fn: () => T): Promise<T> => {
    if (closed)
      throw new AdapterError(`Penyimpanan sqlite sudah ditutup (${operation})`, {
        messageEn: `The sqlite store is closed (${operation})`,
        adapterId: storeId,
        operation,
        retryable: false,
      })
    try {
      return fn()
    } catch (error) {
      throw toStoreError(operation, error)
    }
  }

  const store: SqliteStore = {
    id: 'sqlite',
    capabilities: { durable: true, encryption: sealer !== undefined, inCommit: true, calendarIndex: true },

    listByCalendarVersion: (query) => run('listByCalendarVersion', () => calendarListTx(query)),
    filename: db.name,

    load: (caseId) =>
      run('load', () => {
        const row = s.loadCase.get(caseId) as CaseRow | undefined
        return row ? toCase(row) : null
      }),

    commit: (input) =>
      run('commit', () => {
        commitTx.immediate(input)
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
          result: readJson(row.result, `command:${row.id}`),
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

    streamCases: (query) => streamCasesByPages(store.list, query),

    streamRecords: (query) => streamRecordsByPages(store.listRecords, query),

    streamAudit: (query) =>
      filterStream(
        streamPages((cursor) => run('streamAudit', () => auditPage(query, cursor))),
        (e) => inInstantRange(e.at, query.from, query.to),
      ),

    currentSequence: (name, scope) =>
      run('currentSequence', () => (s.sequence.get(name, scope) as number | undefined) ?? 0),

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
      run('listOutbox', () => (s.listOutbox.all(caseId) as OutboxDbRow[]).map(toOutbox)),

    listOutboxOf: (caseIds) =>
      run('listOutboxOf', () => {
        const out = new Map<string, OutboxRow[]>(caseIds.map((id) => [id, []]))
        for (let i = 0; i < caseIds.length; i += 500) {
          const ids = caseIds.slice(i, i + 500)
          const sql = `SELECT * FROM ak1_outbox WHERE case_id IN (${ids.map(() => '?').join(', ')}) ORDER BY case_id, seq`
          for (const row of prepared(sql).all(...ids) as OutboxDbRow[])
            out.get(row.case_id)?.push(toOutbox(row))
        }
        return out
      }),

    claimDue: (o) => run('claimDue', () => claimDueTx.immediate(o)),

    releaseDue: (id, owner) => run('releaseDue', () => s.releaseDue.run(id, owner).changes === 1),

    putAttachment: (a) =>
      run('putAttachment', () => {
        checkMode()
        // Stored once per sha256, whichever key looked it up.
        if (attachmentLookups(a.sha256).some((l) => s.attachmentExists.get(l) !== undefined)) return
        const lookup = attachmentLookup(a.sha256)
        s.insertAttachment.run(lookup, a.contentType, a.size, sealAttachment(a.sha256, a.bytes, lookup))
      }),

    getAttachment: (sha256) =>
      run('getAttachment', () => {
        for (const lookup of attachmentLookups(sha256)) {
          const row = s.getAttachment.get(lookup) as
            | { lookup: string; content_type: string; size: number; bytes: Buffer }
            | undefined
          if (!row) continue
          const record: AttachmentRecord = {
            sha256,
            contentType: row.content_type,
            size: row.size,
            bytes: openAttachment(row.bytes, row.lookup),
          }
          return record
        }
        return null
      }),

    close: async () => {
      if (closed) return
      closed = true
      if (owned) db.close()
    },

    backup: async (path, backupOptions = {}) => {
      await run('backup', () => undefined)
      let step = backupOptions.pagesPerStep ?? 1000
      let lastRemaining = Number.POSITIVE_INFINITY
      try {
        const result = await db.backup(path, {
          progress: ({ totalPages, remainingPages }) => {
            // A restart (another process wrote) shows as more pages left than before.
            if (remainingPages > lastRemaining) step = totalPages + 1
            lastRemaining = remainingPages
            return step
          },
        })
        return { totalPages: result.totalPages }
      } catch (error) {
        throw toStoreError('backup', error)
      }
    },

    migrations: () => run('migrations', () => migrationInfo(db)),

    rotateKey: (key) =>
      run('rotateKey', () => {
        if (!sealer || !o.keyring)
          throw new ConfigError('rotateKey butuh penyimpanan yang dibuka dengan encryptionKey.', {
            messageEn: 'rotateKey needs a store opened with encryptionKey.',
            keys: ['encryptionKey'],
          })
        const { id, bytes } = rotationKey(key)
        const existing = o.keyring.keys.get(id)
        if (existing && !existing.equals(bytes))
          throw new ConfigError(`Id kunci ${id} sudah dipakai untuk kunci lain.`, {
            messageEn: `Key id ${id} is already used for another key.`,
            keys: ['encryptionKey'],
          })
        const keys = new Map(o.keyring.keys)
        keys.set(id, bytes)
        const next = createSealer({ current: id, keys })
        const counts = db
          .transaction(() => {
            rememberKeys(db, next)
            const result = reseal(db, sealer, next)
            setMeta(db, 'keys_in_use', JSON.stringify([id]))
            return result
          })
          .immediate()
        o.keyring = { current: id, keys }
        sealer = next
        return { keyId: id, ...counts }
      }),

    checkpoint: () =>
      run('checkpoint', () => {
        db.pragma('wal_checkpoint(TRUNCATE)')
      }),
  }
  return store

  function sealAttachment(sha256: string, bytes: Uint8Array, lookup: string): Buffer {
    if (!sealer) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return sealer.seal(frameAttachment(sha256, bytes), `attachment:${lookup}`)
  }

  function openAttachment(stored: Buffer, lookup: string): Uint8Array {
    if (!sealer) return new Uint8Array(stored)
    let plain: Buffer
    try {
      plain = sealer.open(stored, `attachment:${lookup}`)
    } catch (error) {
      throw undecryptable(`attachment:${lookup}`, error)
    }
    return new Uint8Array(unframeAttachment(plain).bytes)
  }
}
