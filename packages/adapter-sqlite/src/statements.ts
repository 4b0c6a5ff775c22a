import type Database from 'better-sqlite3'

/**
 * The columns of a case row, in the order of `CaseRow`, with the cold part of its body (`NULL` for a
 * row written before schema 5). @internal
 */
export const caseColumns =
  'id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at, updated_at, due_at, due_ms, final, incidents, calendar_version, body, facts, (SELECT body FROM ak1_case_cold k WHERE k.id = ak1_cases.id) AS cold'
const dueColumns =
  'id, case_id, aggregate_kind, office_code, kind, due_at, due_ms, status, lease_owner, lease_until'

/** The names of the store's fixed statements. @internal */
export type StatementName =
  | 'encryptionMode'
  | 'loadCase'
  | 'caseVersion'
  | 'insertCase'
  | 'caseIndexed'
  | 'coldBody'
  | 'putCold'
  | 'insertOffice'
  | 'offices'
  | 'insertAudit'
  | 'timeline'
  | 'commandExists'
  | 'getCommand'
  | 'insertCommand'
  | 'trackingHolder'
  | 'insertOutbox'
  | 'outboxStatus'
  | 'outboxRetryFailed'
  | 'outboxResolveFailed'
  | 'addIncidents'
  | 'listOutbox'
  | 'claimOfficeOutbox'
  | 'leaseOutbox'
  | 'completeOutbox'
  | 'retryOutbox'
  | 'releaseOutbox'
  | 'failOutbox'
  | 'dueDone'
  | 'deletePendingDue'
  | 'insertDue'
  | 'claimOfficeDue'
  | 'leaseDue'
  | 'releaseDue'
  | 'sequence'
  | 'setSequence'
  | 'insertAttachment'
  | 'attachmentExists'
  | 'getAttachment'

/** The store's statements, prepared once. @internal */
export type Statements = Record<StatementName, Database.Statement>

/** Prepares the fixed statements of the cases, audit, commands, outbox, due, sequences and attachments. @internal */
export function prepareStatements(db: Database.Database): Statements {
  return {
    encryptionMode: db.prepare("SELECT value FROM ak1_meta WHERE key = 'encryption'").pluck(),
    loadCase: db.prepare(`SELECT ${caseColumns} FROM ak1_cases WHERE id = ?`),
    caseVersion: db.prepare('SELECT version FROM ak1_cases WHERE id = ?').pluck(),
    insertCase: db.prepare(
      `INSERT INTO ak1_cases (id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup,
         created_at, updated_at, due_at, due_ms, final, calendar_version, body, facts, created_ms)
       VALUES (@id, @version, @officeCode, @state, @awaiting, @channel, @trackingCode, @nikLookup,
         @createdAt, @updatedAt, @dueAt, @dueMs, @final, @calendarVersion, @body, @facts, @createdMs)`,
    ),
    caseIndexed: db.prepare(
      `SELECT version, office_code AS officeCode, state, awaiting, tracking_code AS trackingCode,
         nik_lookup AS nikLookup, due_ms AS dueMs, final, calendar_version AS calendarVersion
       FROM ak1_cases WHERE id = ?`,
    ),
    coldBody: db.prepare('SELECT body FROM ak1_case_cold WHERE id = ?').pluck(),
    putCold: db.prepare(
      'INSERT INTO ak1_case_cold (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
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
      `INSERT INTO ak1_outbox (case_id, seq, id, aggregate_kind, office_code, kind, payload, status, available_at,
         available_ms, created_at)
       VALUES (@caseId, (SELECT coalesce(max(seq), 0) + 1 FROM ak1_outbox WHERE case_id = @caseId), @id,
         @aggregateKind, @officeCode, @kind, @payload, 'pending', @availableAt, @availableMs, @createdAt)`,
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
    claimOfficeOutbox: db.prepare(
      `SELECT * FROM ak1_outbox INDEXED BY ak1_outbox_claim
       WHERE office_code = @office AND status = 'pending' AND available_ms <= @now
         AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY available_ms, id LIMIT @limit`,
    ),
    leaseOutbox: db.prepare(
      `UPDATE ak1_outbox SET lease_owner = ?, lease_until = ?, lease_ms = ?, attempts = attempts + 1
       WHERE case_id = ? AND seq = ?`,
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
    claimOfficeDue: db.prepare(
      `SELECT ${dueColumns} FROM ak1_due INDEXED BY ak1_due_claim
       WHERE office_code = @office AND status = 'pending' AND due_ms <= @now AND (lease_ms IS NULL OR lease_ms <= @now)
       ORDER BY due_ms, id LIMIT @limit`,
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
}

/**
 * A cache of statements whose SQL is built per query (lists, batched reads); cleared once it holds
 * more than 256. @internal
 */
export function createStatementCache(db: Database.Database): (sql: string) => Database.Statement {
  const dynamic = new Map<string, Database.Statement>()
  return (sql: string): Database.Statement => {
    let stmt = dynamic.get(sql)
    if (!stmt) {
      if (dynamic.size > 256) dynamic.clear()
      stmt = db.prepare(sql)
      dynamic.set(sql, stmt)
    }
    return stmt
  }
}
