import { ConfigError } from '@ak1/core/ports'
import type BetterSqlite3 from 'better-sqlite3'
import { caseFactsMigration } from './migration-facts'

/** One forward-only schema step. */
export interface Migration {
  /** 1, 2, 3... */
  version: number
  /** What it does, kept in the `ak1_schema` table. */
  name: string
  /** Rebuilds tables: runs with foreign keys off (the pragma cannot change inside a transaction). */
  rebuilds?: boolean
  up(db: BetterSqlite3.Database): void
}

/** The schema state of a store's file. */
export interface MigrationInfo {
  /** Schema version of the file. */
  version: number
  /** Newest schema version this package knows. */
  latest: number
  /** Every step applied to the file, oldest first. */
  applied: Array<{ version: number; name: string; appliedAt: string }>
}

/** The indexes of `ak1_cases` on its filters, created by migration 1 and again by migration 3's rebuild. */
const caseIndexes = `CREATE INDEX ak1_cases_office ON ak1_cases (office_code, id);
        CREATE INDEX ak1_cases_state ON ak1_cases (office_code, state, id);
        CREATE INDEX ak1_cases_awaiting ON ak1_cases (office_code, awaiting, id) WHERE awaiting IS NOT NULL;
        CREATE INDEX ak1_cases_overdue ON ak1_cases (office_code, due_ms, id)
          WHERE final = 0 AND due_ms IS NOT NULL;
        CREATE INDEX ak1_cases_open ON ak1_cases (office_code, id) WHERE final = 0;
        CREATE INDEX ak1_cases_incident ON ak1_cases (office_code, id) WHERE incidents > 0;
        CREATE INDEX ak1_cases_nik ON ak1_cases (nik_lookup);`

/**
 * The schema. Every list query is served by one of these indexes (see `list-query.ts`); instants
 * are kept as text for reading back and as epoch milliseconds for ordering. Columns named `body`,
 * `entry`, `result`, `payload`, `last_error` and `bytes` hold text in a clear store and sealed
 * blobs in an encrypted one.
 * @internal
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'cases, audit, outbox, due rows, commands, sequences, attachments',
    up(db) {
      db.exec(`
        CREATE TABLE ak1_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE ak1_offices (code TEXT PRIMARY KEY) WITHOUT ROWID;

        CREATE TABLE ak1_cases (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL CHECK (version >= 1),
          office_code TEXT NOT NULL,
          state TEXT NOT NULL,
          awaiting TEXT,
          channel TEXT NOT NULL,
          tracking_code TEXT NOT NULL UNIQUE,
          nik_lookup TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          due_at TEXT,
          due_ms INTEGER,
          final INTEGER NOT NULL CHECK (final IN (0, 1)),
          incidents INTEGER NOT NULL DEFAULT 0 CHECK (incidents >= 0),
          body BLOB NOT NULL
        );
        ${caseIndexes}

        CREATE TABLE ak1_audit (
          case_id TEXT NOT NULL REFERENCES ak1_cases (id),
          seq INTEGER NOT NULL CHECK (seq >= 1),
          entry BLOB NOT NULL,
          PRIMARY KEY (case_id, seq)
        ) WITHOUT ROWID;

        -- A rowid table: results run to a few kilobytes, which a WITHOUT ROWID b-tree would spill
        -- to a mostly empty overflow page each.
        CREATE TABLE ak1_commands (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES ak1_cases (id),
          result BLOB NOT NULL,
          at TEXT NOT NULL
        );

        CREATE TABLE ak1_outbox (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          case_id TEXT NOT NULL REFERENCES ak1_cases (id),
          kind TEXT NOT NULL,
          payload BLOB NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'resolved')),
          available_at TEXT NOT NULL,
          available_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          lease_owner TEXT,
          lease_until TEXT,
          lease_ms INTEGER,
          last_error BLOB,
          result BLOB,
          created_at TEXT NOT NULL,
          finished_at TEXT
        );
        CREATE INDEX ak1_outbox_claim ON ak1_outbox (status, available_ms, seq);
        CREATE INDEX ak1_outbox_case ON ak1_outbox (case_id, seq);

        CREATE TABLE ak1_due (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES ak1_cases (id),
          kind TEXT NOT NULL,
          due_at TEXT NOT NULL,
          due_ms INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
          lease_owner TEXT,
          lease_until TEXT,
          lease_ms INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX ak1_due_claim ON ak1_due (status, due_ms, id);
        CREATE INDEX ak1_due_case ON ak1_due (case_id, status);

        CREATE TABLE ak1_sequences (
          name TEXT NOT NULL,
          scope TEXT NOT NULL,
          value INTEGER NOT NULL CHECK (value >= 0),
          PRIMARY KEY (name, scope)
        ) WITHOUT ROWID;

        CREATE TABLE ak1_attachments (
          lookup TEXT PRIMARY KEY,
          content_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          bytes BLOB NOT NULL
        );
      `)
    },
  },
  {
    version: 2,
    name: 'calendar version of open cases, indexed for the recompute sweep',
    up(db) {
      // Rows written before this step have no value: they are indexed at their next commit.
      db.exec(`
        ALTER TABLE ak1_cases ADD COLUMN calendar_version TEXT;
        CREATE INDEX ak1_cases_calendar ON ak1_cases (office_code, calendar_version, id)
          WHERE calendar_version IS NOT NULL AND final = 0;
      `)
    },
  },
  {
    version: 3,
    name: 'tracking codes unique per office; command ids unique per office (scope)',
    rebuilds: true,
    up(db) {
      const caseColumns =
        'id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at, updated_at, due_at, due_ms, final, incidents, body, calendar_version'
      db.exec(`
        CREATE TABLE ak1_cases_v2 (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL CHECK (version >= 1),
          office_code TEXT NOT NULL,
          state TEXT NOT NULL,
          awaiting TEXT,
          channel TEXT NOT NULL,
          tracking_code TEXT NOT NULL,
          nik_lookup TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          due_at TEXT,
          due_ms INTEGER,
          final INTEGER NOT NULL CHECK (final IN (0, 1)),
          incidents INTEGER NOT NULL DEFAULT 0 CHECK (incidents >= 0),
          body BLOB NOT NULL,
          calendar_version TEXT
        );
        INSERT INTO ak1_cases_v2 (${caseColumns}) SELECT ${caseColumns} FROM ak1_cases;
        DROP TABLE ak1_cases;
        ALTER TABLE ak1_cases_v2 RENAME TO ak1_cases;
        CREATE UNIQUE INDEX ak1_cases_tracking ON ak1_cases (office_code, tracking_code);
        ${caseIndexes}
        CREATE INDEX ak1_cases_calendar ON ak1_cases (office_code, calendar_version, id)
          WHERE calendar_version IS NOT NULL AND final = 0;

        CREATE TABLE ak1_commands_v2 (
          scope TEXT NOT NULL DEFAULT '',
          id TEXT NOT NULL,
          case_id TEXT NOT NULL REFERENCES ak1_cases (id),
          result BLOB NOT NULL,
          at TEXT NOT NULL,
          PRIMARY KEY (scope, id)
        );
        INSERT INTO ak1_commands_v2 (scope, id, case_id, result, at) SELECT '', id, case_id, result, at FROM ak1_commands;
        DROP TABLE ak1_commands;
        ALTER TABLE ak1_commands_v2 RENAME TO ak1_commands;
      `)
    },
  },
  {
    version: 4,
    name: 'records (aggregates other than cases); audit, outbox, due rows and commands by aggregate kind and office, without a foreign key to ak1_cases',
    rebuilds: true,
    up(db) {
      db.exec(`
        CREATE TABLE ak1_records (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind <> 'case'),
          version INTEGER NOT NULL CHECK (version >= 1),
          office_code TEXT NOT NULL,
          state TEXT NOT NULL,
          case_id TEXT,
          key TEXT,
          attributes TEXT NOT NULL,
          due_at TEXT,
          due_ms INTEGER,
          final INTEGER NOT NULL CHECK (final IN (0, 1)),
          created_at TEXT NOT NULL,
          created_ms INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          body BLOB NOT NULL
        );
        CREATE INDEX ak1_records_office ON ak1_records (office_code, kind, id);
        CREATE INDEX ak1_records_state ON ak1_records (office_code, kind, state, id);
        CREATE UNIQUE INDEX ak1_records_key ON ak1_records (office_code, kind, key) WHERE key IS NOT NULL;
        CREATE INDEX ak1_records_case ON ak1_records (case_id) WHERE case_id IS NOT NULL;

        CREATE TABLE ak1_audit_v4 (
          case_id TEXT NOT NULL,
          seq INTEGER NOT NULL CHECK (seq >= 1),
          kind TEXT NOT NULL DEFAULT 'case',
          office_code TEXT NOT NULL,
          entry BLOB NOT NULL,
          PRIMARY KEY (case_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO ak1_audit_v4 (case_id, seq, kind, office_code, entry)
          SELECT a.case_id, a.seq, 'case', c.office_code, a.entry FROM ak1_audit a JOIN ak1_cases c ON c.id = a.case_id;
        DROP TABLE ak1_audit;
        ALTER TABLE ak1_audit_v4 RENAME TO ak1_audit;
        CREATE INDEX ak1_audit_office ON ak1_audit (office_code, case_id, seq);

        CREATE TABLE ak1_commands_v4 (
          scope TEXT NOT NULL DEFAULT '',
          id TEXT NOT NULL,
          case_id TEXT NOT NULL,
          kind TEXT NOT NULL DEFAULT 'case',
          result BLOB NOT NULL,
          at TEXT NOT NULL,
          PRIMARY KEY (scope, id)
        );
        INSERT INTO ak1_commands_v4 (scope, id, case_id, result, at) SELECT scope, id, case_id, result, at FROM ak1_commands;
        DROP TABLE ak1_commands;
        ALTER TABLE ak1_commands_v4 RENAME TO ak1_commands;

        CREATE TABLE ak1_outbox_v4 (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          case_id TEXT NOT NULL,
          aggregate_kind TEXT NOT NULL DEFAULT 'case',
          office_code TEXT NOT NULL,
          kind TEXT NOT NULL,
          payload BLOB NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'resolved')),
          available_at TEXT NOT NULL,
          available_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          lease_owner TEXT,
          lease_until TEXT,
          lease_ms INTEGER,
          last_error BLOB,
          result BLOB,
          created_at TEXT NOT NULL,
          finished_at TEXT
        );
        INSERT INTO ak1_outbox_v4 (seq, id, case_id, aggregate_kind, office_code, kind, payload, status, available_at,
            available_ms, attempts, lease_owner, lease_until, lease_ms, last_error, result, created_at, finished_at)
          SELECT o.seq, o.id, o.case_id, 'case', c.office_code, o.kind, o.payload, o.status, o.available_at,
            o.available_ms, o.attempts, o.lease_owner, o.lease_until, o.lease_ms, o.last_error, o.result, o.created_at,
            o.finished_at
          FROM ak1_outbox o JOIN ak1_cases c ON c.id = o.case_id;
        DROP TABLE ak1_outbox;
        ALTER TABLE ak1_outbox_v4 RENAME TO ak1_outbox;
        CREATE INDEX ak1_outbox_claim ON ak1_outbox (status, available_ms, seq);
        CREATE INDEX ak1_outbox_office_claim ON ak1_outbox (office_code, status, available_ms, seq);
        CREATE INDEX ak1_outbox_case ON ak1_outbox (case_id, seq);

        CREATE TABLE ak1_due_v4 (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL,
          aggregate_kind TEXT NOT NULL DEFAULT 'case',
          office_code TEXT NOT NULL,
          kind TEXT NOT NULL,
          due_at TEXT NOT NULL,
          due_ms INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
          lease_owner TEXT,
          lease_until TEXT,
          lease_ms INTEGER
        ) WITHOUT ROWID;
        INSERT INTO ak1_due_v4 (id, case_id, aggregate_kind, office_code, kind, due_at, due_ms, status, lease_owner,
            lease_until, lease_ms)
          SELECT d.id, d.case_id, 'case', c.office_code, d.kind, d.due_at, d.due_ms, d.status, d.lease_owner,
            d.lease_until, d.lease_ms
          FROM ak1_due d JOIN ak1_cases c ON c.id = d.case_id;
        DROP TABLE ak1_due;
        ALTER TABLE ak1_due_v4 RENAME TO ak1_due;
        CREATE INDEX ak1_due_claim ON ak1_due (status, due_ms, id);
        CREATE INDEX ak1_due_office_claim ON ak1_due (office_code, status, due_ms, id);
        CREATE INDEX ak1_due_case ON ak1_due (case_id, status);
      `)
    },
  },
  {
    version: 5,
    name: 'fewer pages per commit: the cold part of a case body in its own row; outbox rows clustered by case with one partial claim index; one due claim index',
    rebuilds: true,
    up(db) {
      // Case bodies written before this step stay whole (no cold row) and are split at their next
      // commit: an encrypted body cannot be split without the key.
      db.exec(`
        CREATE TABLE ak1_case_cold (
          id TEXT PRIMARY KEY,
          body BLOB NOT NULL
        );

        CREATE TABLE ak1_outbox_v5 (
          case_id TEXT NOT NULL,
          seq INTEGER NOT NULL CHECK (seq >= 1),
          id TEXT NOT NULL,
          aggregate_kind TEXT NOT NULL DEFAULT 'case',
          office_code TEXT NOT NULL,
          kind TEXT NOT NULL,
          payload BLOB NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'resolved')),
          available_at TEXT NOT NULL,
          available_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          lease_owner TEXT,
          lease_until TEXT,
          lease_ms INTEGER,
          last_error BLOB,
          result BLOB,
          created_at TEXT NOT NULL,
          finished_at TEXT,
          PRIMARY KEY (case_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO ak1_outbox_v5 (case_id, seq, id, aggregate_kind, office_code, kind, payload, status, available_at,
            available_ms, attempts, lease_owner, lease_until, lease_ms, last_error, result, created_at, finished_at)
          SELECT case_id, seq, id, aggregate_kind, office_code, kind, payload, status, available_at,
            available_ms, attempts, lease_owner, lease_until, lease_ms, last_error, result, created_at, finished_at
          FROM ak1_outbox;
        DROP TABLE ak1_outbox;
        ALTER TABLE ak1_outbox_v5 RENAME TO ak1_outbox;
        CREATE UNIQUE INDEX ak1_outbox_id ON ak1_outbox (id);
        CREATE INDEX ak1_outbox_claim ON ak1_outbox (office_code, available_ms, id) WHERE status = 'pending';

        DROP INDEX ak1_due_claim;
        DROP INDEX ak1_due_office_claim;
        CREATE INDEX ak1_due_claim ON ak1_due (office_code, due_ms, id) WHERE status = 'pending';
      `)
    },
  },
  caseFactsMigration(6),
  {
    version: 7,
    name: 'no office index on the audit table: the office stream walks the office aggregates by their own indexes',
    up(db) {
      // One b-tree fewer written by every commit (about 1.2 WAL pages); `streamAudit` by office reads
      // the office's case and record ids and each one's entries by the primary key (audit-stream.ts).
      db.exec('DROP INDEX IF EXISTS ak1_audit_office')
    },
  },
]

/** Newest schema version this package knows. */
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0

function fileVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

function newerSchemaError(found: number): ConfigError {
  return new ConfigError(
    `Berkas database ditulis oleh versi @ak1/adapter-sqlite yang lebih baru (skema ${found}; versi ini mengenal sampai skema ${latestSchemaVersion}). Perbarui paket sebelum membuka berkas ini.`,
    {
      messageEn: `The database file was written by a newer @ak1/adapter-sqlite (schema ${found}; this version knows up to schema ${latestSchemaVersion}). Upgrade the package before opening this file.`,
      keys: ['filename'],
    },
  )
}

/**
 * Brings the file to the latest schema: each step in its own `BEGIN IMMEDIATE` transaction,
 * re-checking the version inside it, so two processes opening a new file at once apply each step
 * once. A file from a newer schema fails with `ConfigError`.
 * @internal
 */
export function migrate(db: BetterSqlite3.Database): void {
  const found = fileVersion(db)
  if (found > latestSchemaVersion) throw newerSchemaError(found)
  for (const m of migrations) {
    if (m.version <= found) continue
    const foreignKeys = m.rebuilds === true && db.pragma('foreign_keys', { simple: true }) === 1
    if (foreignKeys) db.pragma('foreign_keys = OFF')
    try {
      step(db, m)
    } finally {
      if (foreignKeys) db.pragma('foreign_keys = ON')
    }
  }
}

/** Applies one migration in its own `BEGIN IMMEDIATE` transaction, re-checking the version inside it. */
function step(db: BetterSqlite3.Database, m: Migration): void {
  db.transaction(() => {
    const now = fileVersion(db)
    if (now > latestSchemaVersion) throw newerSchemaError(now)
    if (now >= m.version) return
    if (now !== m.version - 1) throw new Error(`schema ${now} cannot step to ${m.version}`)
    if (m.version === 1)
      db.exec(
        'CREATE TABLE IF NOT EXISTS ak1_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      )
    m.up(db)
    if (m.rebuilds && (db.pragma('foreign_key_check') as unknown[]).length)
      throw new Error(`schema ${m.version}: a rebuilt table breaks a foreign key`)
    db.prepare('INSERT INTO ak1_schema (version, name, applied_at) VALUES (?, ?, ?)').run(
      m.version,
      m.name,
      new Date().toISOString(),
    )
    db.pragma(`user_version = ${m.version}`)
  }).immediate()
}

/** The file's schema state. @internal */
export function migrationInfo(db: BetterSqlite3.Database): MigrationInfo {
  const applied = db
    .prepare('SELECT version, name, applied_at AS appliedAt FROM ak1_schema ORDER BY version')
    .all() as MigrationInfo['applied']
  return { version: fileVersion(db), latest: latestSchemaVersion, applied }
}
