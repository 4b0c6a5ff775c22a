import type { Ak1Store, CalendarVersionQuery, CasePage, Sealer } from '@ak1/core/ports'
import { AdapterError, createSealer, streamCasesByPages, streamRecordsByPages } from '@ak1/core/ports'
import Database from 'better-sqlite3'
import { createSqliteAttachments } from './attachments'
import { createCommit } from './commit'
import { createStoreContext, type Run, type RunNow } from './context'
import { scrubStaleCopies } from './convert'
import { openEncryption } from './encryption'
import { storeId, toStoreError } from './errors'
import { createFactsStream } from './facts'
import { backupDatabase, rotateStoreKey } from './maintenance'
import { type MigrationInfo, migrate, migrationInfo } from './migrations'
import { type EncryptionKeyInput, resolveOptions, type SqliteStoreOptions } from './options'
import { createSqliteQueue } from './queue'
import { createSqliteReads } from './reads'
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

  const ctx = createStoreContext(db, () => sealer)
  const { writeJson, readJson } = ctx.codec
  const records = createSqliteRecords(
    db,
    { write: (v, aad) => writeJson(v, aad), read: readJson },
    ctx.prepared,
  )
  const commit = createCommit(ctx, records)

  let closed = false
  const runNow: RunNow = <T>(operation: string, fn: () => T): T => {
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
  const run: Run = async (operation, fn) => runNow(operation, fn)

  const store: SqliteStore = {
    id: 'sqlite',
    capabilities: { durable: true, encryption: sealer !== undefined, inCommit: true, calendarIndex: true },
    filename: db.name,

    ...createSqliteReads(ctx, records, run),

    commit: (input) => run('commit', () => commit(input)),

    streamCases: (query) => streamCasesByPages(store.list, query),

    streamCaseFacts: createFactsStream(ctx, run),

    streamRecords: (query) => streamRecordsByPages(store.listRecords, query),

    ...createSqliteQueue(ctx, run, runNow),

    ...createSqliteAttachments(ctx, run),

    close: async () => {
      if (closed) return
      closed = true
      if (owned) db.close()
    },

    backup: async (path, backupOptions = {}) => {
      await run('backup', () => undefined)
      return backupDatabase(db, path, backupOptions)
    },

    migrations: () => run('migrations', () => migrationInfo(db)),

    rotateKey: (key) =>
      run('rotateKey', () => {
        const rotated = rotateStoreKey(db, sealer, o.keyring, key)
        o.keyring = rotated.keyring
        sealer = rotated.sealer
        return rotated.result
      }),

    checkpoint: () =>
      run('checkpoint', () => {
        db.pragma('wal_checkpoint(TRUNCATE)')
      }),
  }
  return store
}
