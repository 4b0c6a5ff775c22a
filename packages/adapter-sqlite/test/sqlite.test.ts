import type { CaseQuery, Ak1Store as CaseStore } from '@ak1/core/ports'
import {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  buildUpdate,
} from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditStreamSql } from '../src/audit-stream'
import { createSqliteStore, latestSchemaVersion, type SqliteStore } from '../src/index'
import { encodeCursor, planList } from '../src/list-query'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
const open: Array<{ close(): unknown }> = []
beforeEach(() => {
  tmp = tempDir()
})
afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
  tmp.remove()
})

function store(options: Partial<Parameters<typeof createSqliteStore>[0]> = {}): SqliteStore {
  // Clear unless the test gives a key: the store needs the choice made explicitly.
  const choice = options.encryptionKey === undefined ? { plaintext: true } : {}
  const s = createSqliteStore({ filename: tmp.file(), ...choice, ...options } as Parameters<
    typeof createSqliteStore
  >[0])
  open.push(s)
  return s
}

function raw(file = tmp.file()): Database.Database {
  const db = new Database(file)
  open.push(db)
  return db
}

/** Every row of every table, for "nothing changed" checks. */
function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'ak1_%' ORDER BY name")
    .pluck()
    .all() as string[]
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]))
}

describe('createSqliteStore() opening a file', () => {
  it('rejects bad options with a ConfigError naming each bad key, in Indonesian and English', () => {
    const attempt = () =>
      createSqliteStore({
        filename: tmp.file(),
        synchronous: 'OFF',
        busyTimeoutMs: -1,
        encryptionKey: 'too-short',
        colour: 'red',
      } as unknown as Parameters<typeof createSqliteStore>[0])
    expect(attempt).toThrow(expect.objectContaining({ code: 'CONFIG' }))
    try {
      attempt()
    } catch (error) {
      const e = error as { keys: string[]; message: string; messageEn: string }
      expect([...e.keys].sort()).toEqual(['busyTimeoutMs', 'colour', 'encryptionKey', 'synchronous'])
      expect(e.message).toMatch(/^Opsi createSqliteStore tidak valid: .*synchronous/)
      expect(e.messageEn).toMatch(/^Invalid createSqliteStore options: .*32-byte key/)
    }
  })

  it('needs exactly one of filename and database', () => {
    expect(() => createSqliteStore({} as Parameters<typeof createSqliteStore>[0])).toThrow(
      expect.objectContaining({ code: 'CONFIG', keys: ['filename'] }),
    )
    const db = raw(tmp.file('other.sqlite'))
    expect(() =>
      createSqliteStore({ filename: tmp.file(), database: db } as unknown as Parameters<
        typeof createSqliteStore
      >[0]),
    ).toThrow(expect.objectContaining({ code: 'CONFIG' }))
  })

  it('sets WAL, synchronous NORMAL, the busy timeout and foreign keys on the connection', async () => {
    const db = raw()
    const s = createSqliteStore({ database: db, plaintext: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    await s.close()
    // A database the caller gave stays open.
    expect(db.open).toBe(true)
  })

  it('sets synchronous FULL and the busy timeout when asked', () => {
    const db = raw()
    createSqliteStore({ database: db, plaintext: true, synchronous: 'FULL', busyTimeoutMs: 250 })
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(250)
  })

  it('migrates a new file to the latest schema and records each step, once', async () => {
    const s = store()
    expect(await s.migrations()).toMatchObject({ version: latestSchemaVersion, latest: latestSchemaVersion })
    await s.close()
    store() // opening again applies nothing
    const db = raw()
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    expect(db.prepare('SELECT version FROM ak1_schema ORDER BY version').pluck().all()).toEqual(
      Array.from({ length: latestSchemaVersion }, (_, i) => i + 1),
    )
  })

  it('refuses a file written by a newer schema with a ConfigError, leaving it untouched', async () => {
    await store().close()
    const db = raw()
    db.pragma(`user_version = ${latestSchemaVersion + 1}`)
    const before = dump(db)
    db.close()
    expect(() => createSqliteStore({ filename: tmp.file(), plaintext: true })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('lebih baru') }),
    )
    expect(dump(raw())).toEqual(before)
  })

  it('reports a file it cannot open as an AdapterError', () => {
    expect(() =>
      createSqliteStore({ filename: tmp.file('missing-dir/x/ak1.sqlite'), plaintext: true }),
    ).toThrow(expect.objectContaining({ code: 'ADAPTER', adapterId: 'sqlite', operation: 'open' }))
  })

  it('fails every call after close() with an AdapterError', async () => {
    const s = store()
    await s.close()
    await expect(s.load('x')).rejects.toMatchObject({ code: 'ADAPTER', retryable: false })
  })
})

describe('commit() seen through raw SQL', () => {
  it('writes the case, audit, outbox, due rows, sequence and command in their tables', async () => {
    const s = store()
    const c = buildStoredCase({ id: 'case-1' })
    await s.commit(
      buildCreate(c, {
        outbox: [buildOutboxRow('out-1', c.id)],
        due: [buildDueRow('due-1', c.id)],
        sequences: [{ name: 'tracking', scope: 'balongbendo:2026', value: 1 }],
        command: { id: 'cmd-1', result: { ok: true } },
      }),
    )
    const db = raw()
    expect(db.prepare('SELECT version, state, awaiting, final, nik_lookup FROM ak1_cases').all()).toEqual([
      { version: 1, state: 'verifikasi', awaiting: 'petugas', final: 0, nik_lookup: c.applicantNik },
    ])
    expect(db.prepare('SELECT case_id, seq FROM ak1_audit').all()).toEqual([{ case_id: 'case-1', seq: 1 }])
    expect(db.prepare('SELECT id, status, attempts FROM ak1_outbox').all()).toEqual([
      { id: 'out-1', status: 'pending', attempts: 0 },
    ])
    expect(db.prepare('SELECT id, status FROM ak1_due').all()).toEqual([{ id: 'due-1', status: 'pending' }])
    expect(db.prepare('SELECT name, scope, value FROM ak1_sequences').all()).toEqual([
      { name: 'tracking', scope: 'balongbendo:2026', value: 1 },
    ])
    expect(db.prepare('SELECT id, case_id FROM ak1_commands').all()).toEqual([
      { id: 'cmd-1', case_id: 'case-1' },
    ])
  })

  it('a commit that fails late (sequence claim) leaves every table byte for byte as it was', async () => {
    const s = store()
    const c = buildStoredCase({ id: 'case-1' })
    await s.commit(buildCreate(c, { sequences: [{ name: 'register', scope: 'x', value: 1 }] }))
    const before = dump(raw())
    const failing = buildUpdate(
      c,
      { state: 'validasi' },
      {
        outbox: [buildOutboxRow('out-9', c.id)],
        due: [buildDueRow('due-9', c.id)],
        command: { id: 'cmd-9', result: null },
        sequences: [{ name: 'register', scope: 'x', value: 3 }],
      },
    )
    await expect(s.commit(failing)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(dump(raw())).toEqual(before)
  })

  it('two connections on one file: the stale one gets a ConflictError and the stored row keeps the winner', async () => {
    const a = store()
    const b = store()
    const c = buildStoredCase({ id: 'case-1' })
    await a.commit(buildCreate(c))
    const loadedByB = (await b.load(c.id))!
    await a.commit(buildUpdate(c, { state: 'validasi' }))
    await expect(b.commit(buildUpdate(loadedByB, { state: 'ditolak', final: true }))).rejects.toMatchObject({
      code: 'CONFLICT',
      expected: 1,
      actual: 2,
      message: expect.stringContaining('sudah berubah'),
      messageEn: expect.stringContaining('has changed'),
    })
    expect(raw().prepare('SELECT version, state FROM ak1_cases').get()).toEqual({
      version: 2,
      state: 'validasi',
    })
  })

  it('a write lock held by another connection gives a retryable AdapterError, and the commit goes through after', async () => {
    const s = store({ busyTimeoutMs: 50 })
    const c = buildStoredCase({ id: 'case-1' })
    const locker = raw()
    locker.exec('BEGIN IMMEDIATE')
    await expect(s.commit(buildCreate(c))).rejects.toMatchObject({
      code: 'ADAPTER',
      adapterId: 'sqlite',
      operation: 'commit',
      retryable: true,
    })
    locker.exec('ROLLBACK')
    await s.commit(buildCreate(c))
    expect(raw().prepare('SELECT count(*) FROM ak1_cases').pluck().get()).toBe(1)
  })

  it('a failed outbox row counts as an incident on the case until a commit retries or resolves it', async () => {
    const s = store()
    const c = buildStoredCase({ id: 'case-1' })
    await s.commit(buildCreate(c, { outbox: [buildOutboxRow('out-1', c.id), buildOutboxRow('out-2', c.id)] }))
    const now = '2026-03-02T01:00:00.000Z'
    await s.claimOutbox({ now, limit: 10, owner: 'w', leaseMs: 1000 })
    await s.failOutbox('out-1', 'w', { at: now, error: 'SMTP 550' })
    await s.failOutbox('out-2', 'w', { at: now, error: 'SMTP 550' })
    const incidents = () => raw().prepare('SELECT incidents FROM ak1_cases').pluck().get()
    expect(incidents()).toBe(2)
    const v2 = buildUpdate(c, {}, { outboxChanges: [{ id: 'out-1', action: 'resolve', at: now }] })
    await s.commit(v2)
    expect(incidents()).toBe(1)
    await s.commit(buildUpdate(v2.case, {}, { outboxChanges: [{ id: 'out-2', action: 'retry', at: now }] }))
    expect(incidents()).toBe(0)
    expect(raw().prepare('SELECT id, status FROM ak1_outbox ORDER BY id').all()).toEqual([
      { id: 'out-1', status: 'resolved' },
      { id: 'out-2', status: 'pending' },
    ])
  })

  it('keeps a long command result compressed, and gives it back exactly, clear or encrypted and re-keyed', async () => {
    const result = {
      view: Array.from({ length: 200 }, (_, i) => ({ step: `langkah-${i}`, at: '2026-03-02T01:00:00.000Z' })),
    }
    const length = JSON.stringify(result).length
    for (const [name, options] of [
      ['clear.sqlite', {}],
      ['encrypted.sqlite', { encryptionKey: 'a'.repeat(64) }],
    ] as const) {
      const s = store({ filename: tmp.file(name), ...options })
      await s.commit(buildCreate(buildStoredCase({ id: 'case-1' }), { command: { id: 'cmd-1', result } }))
      expect((await s.getCommand('cmd-1'))?.result).toEqual(result)
      if ('encryptionKey' in options) {
        await s.rotateKey('b'.repeat(64))
        expect((await s.getCommand('cmd-1'))?.result).toEqual(result)
      }
      const stored = raw(tmp.file(name)).prepare('SELECT result FROM ak1_commands').pluck().get() as Buffer
      expect(stored.length).toBeLessThan(length / 4)
      if (!('encryptionKey' in options)) expect(stored[0]).toBe(2)
    }
  })

  it('stores each attachment once per sha256', async () => {
    const s = store()
    const bytes = new Uint8Array([1, 2, 3])
    await s.putAttachment({ sha256: 'ab'.repeat(32), contentType: 'image/jpeg', size: 3, bytes })
    await s.putAttachment({ sha256: 'ab'.repeat(32), contentType: 'image/jpeg', size: 3, bytes })
    expect(raw().prepare('SELECT count(*) FROM ak1_attachments').pluck().get()).toBe(1)
  })
})

describe('list() query plans', () => {
  const cursorId = encodeCursor({ order: 'id', id: 'case-5' })
  const cursorDue = encodeCursor({ order: 'due', dueMs: 0, id: 'case-5' })
  const t = '2026-03-05T01:00:00.000Z'
  // The index each filter combination must be served by.
  const cases: Array<[CaseQuery, string]> = [
    [{}, 'sqlite_autoindex_ak1_cases_1'],
    [{ cursor: cursorId }, 'sqlite_autoindex_ak1_cases_1'],
    [{ officeCode: 'balongbendo' }, 'ak1_cases_office'],
    [{ state: 'verifikasi' }, 'ak1_cases_state'],
    [{ state: ['verifikasi', 'validasi'], cursor: cursorId }, 'ak1_cases_state'],
    [{ state: 'verifikasi', awaiting: 'petugas', officeCode: 'balongbendo' }, 'ak1_cases_state'],
    [{ awaiting: 'petugas' }, 'ak1_cases_awaiting'],
    [
      { awaiting: 'petugas', officeCode: 'balongbendo', final: false, cursor: cursorId },
      'ak1_cases_awaiting',
    ],
    [{ overdueAt: t }, 'ak1_cases_overdue'],
    [{ overdueAt: t, cursor: cursorDue }, 'ak1_cases_overdue'],
    [{ overdueAt: t, awaiting: 'camat', officeCode: 'balongbendo' }, 'ak1_cases_overdue'],
    [{ overdueAt: t, state: ['verifikasi', 'validasi'] }, 'ak1_cases_overdue'],
    [{ incident: true }, 'ak1_cases_incident'],
    [{ incident: true, state: 'verifikasi' }, 'ak1_cases_state'],
    [{ final: false }, 'ak1_cases_open'],
    [{ dueBefore: t }, 'ak1_cases_open'],
    [{ applicantNik: '3515010101900001' }, 'ak1_cases_nik'],
    [{ applicantNik: '3515010101900001', state: 'selesai' }, 'ak1_cases_nik'],
    [{ trackingCode: 'AK1-0001' }, 'ak1_cases_tracking'],
  ]
  it.each(cases)('list(%j) searches %s in page order, with no full table scan', async (query, index) => {
    await store().close()
    const db = raw()
    const plan = planList(
      query,
      () => ['balongbendo', 'krian'],
      (nik) => [nik],
    )
    expect(plan).not.toBeNull()
    for (const params of plan!.scans) {
      const steps = (
        db.prepare(`EXPLAIN QUERY PLAN ${plan!.sql}`).all(...params) as Array<{ detail: string }>
      ).map((r) => r.detail)
      expect(steps[0]).toMatch(new RegExp(`^(SEARCH|SCAN) ak1_cases USING (COVERING )?INDEX ${index}\\b`))
      // Only the point lookups (a handful of rows) may be sorted after the search.
      if (index !== 'ak1_cases_nik') expect(steps).toHaveLength(1)
      // A scan without a search is the primary key read in order, stopped by LIMIT.
      if (steps[0]!.startsWith('SCAN')) expect(index).toBe('sqlite_autoindex_ak1_cases_1')
    }
  })

  it('timeline, outbox and due claims read by their indexes', async () => {
    await store().close()
    const db = raw()
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ')
    expect(plan("SELECT seq, entry FROM ak1_audit WHERE case_id = 'x' ORDER BY seq")).toBe(
      'SEARCH ak1_audit USING PRIMARY KEY (case_id=?)',
    )
    // Claims search the one partial index of pending rows, in claim order (no sort).
    expect(
      plan(
        "SELECT * FROM ak1_outbox WHERE office_code = 'krian' AND status = 'pending' AND available_ms <= 5 AND (lease_ms IS NULL OR lease_ms <= 5) ORDER BY available_ms, id LIMIT 10",
      ),
    ).toBe('SEARCH ak1_outbox USING INDEX ak1_outbox_claim (office_code=? AND available_ms<?)')
    expect(
      plan(
        "SELECT * FROM ak1_due WHERE office_code = 'krian' AND status = 'pending' AND due_ms <= 5 AND (lease_ms IS NULL OR lease_ms <= 5) ORDER BY due_ms, id LIMIT 10",
      ),
    ).toBe('SEARCH ak1_due USING INDEX ak1_due_claim (office_code=? AND due_ms<?)')
    // A case's outbox rows are one range of the table itself; a row by id goes through its index.
    expect(plan("SELECT * FROM ak1_outbox WHERE case_id = 'x' ORDER BY seq")).toBe(
      'SEARCH ak1_outbox USING PRIMARY KEY (case_id=?)',
    )
    expect(plan("SELECT case_id, status FROM ak1_outbox WHERE id = 'x'")).toBe(
      'SEARCH ak1_outbox USING INDEX ak1_outbox_id (id=?)',
    )
    expect(plan("SELECT body FROM ak1_case_cold WHERE id = 'x'")).toMatch(
      /^SEARCH ak1_case_cold USING INDEX sqlite_autoindex_ak1_case_cold_1 \(id=\?\)/,
    )
  })

  it("the office's audit stream walks the office's aggregates by their indexes and each one's entries by the primary key (no audit index, no sort)", async () => {
    await store().close()
    const db = raw()
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail)
    const ids = { office: 'krian', after: '', limit: 10 }
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'ak1_audit_office'").pluck().get(),
    ).toBe(0)
    expect(plan(auditStreamSql.caseIds, ids)).toEqual([
      'SEARCH ak1_cases USING COVERING INDEX ak1_cases_office (office_code=? AND id>?)',
    ])
    expect(plan(auditStreamSql.recordIds, { ...ids, kind: 'complaint' })).toEqual([
      'SEARCH ak1_records USING COVERING INDEX ak1_records_office (office_code=? AND kind=? AND id>?)',
    ])
    expect(plan(auditStreamSql.nextKind, { office: 'krian', after: '' })).toEqual([
      'SEARCH ak1_records USING COVERING INDEX ak1_records_office (office_code=? AND kind>?)',
    ])
    expect(
      plan(auditStreamSql.entries, { id: 'x', afterSeq: 0, office: 'krian', kind: null, limit: 10 }),
    ).toEqual(['SEARCH ak1_audit USING PRIMARY KEY (case_id=? AND seq>?)'])
    // The commit's audit insert writes the table alone (a WITHOUT ROWID table keyed by case_id, seq).
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ak1_audit'")
        .pluck()
        .all(),
    ).toEqual([])
  })

  it('writes each outbox row into three b-trees: the table, its id index and the claim index while pending', async () => {
    await store().close()
    const db = raw()
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ak1_outbox' ORDER BY name",
      )
      .all() as Array<{ name: string; sql: string | null }>
    expect(indexes.map((i) => i.name)).toEqual(['ak1_outbox_claim', 'ak1_outbox_id'])
    expect(indexes[0]!.sql).toMatch(/WHERE status = 'pending'$/)
    const table = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'ak1_outbox'")
      .pluck()
      .get() as string
    expect(table).toMatch(/WITHOUT ROWID$/)
  })

  it('pages correctly when the query spans more offices than it scans one by one', async () => {
    const s = store()
    const expected: string[] = []
    for (let i = 0; i < 80; i++) {
      const id = `case-${String(i).padStart(3, '0')}`
      await s.commit(
        buildCreate(buildStoredCase({ id, officeCode: `office-${i % 70}`, state: i % 2 ? 'a' : 'b' })),
      )
      if (i % 2) expected.push(id)
    }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await s.list({ state: 'a', limit: 6, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(expected)
  })
})

describe('the encryption mode is part of the file', () => {
  it('a file holding encrypted data cannot be opened without a key', async () => {
    const s = store({ encryptionKey: 'a'.repeat(64) })
    await s.commit(buildCreate(buildStoredCase({ id: 'case-1' })))
    await s.close()
    expect(() => createSqliteStore({ filename: tmp.file(), plaintext: true })).toThrow(
      expect.objectContaining({ code: 'CONFIG', keys: ['encryptionKey'] }),
    )
  })

  it('the audit entries of an encrypted store come back exactly as committed', async () => {
    const s: CaseStore = store({ encryptionKey: 'a'.repeat(64) })
    const c = buildStoredCase({ id: 'case-1' })
    const entry = buildAuditEntry(c.id, 1, { details: { note: 'berkas lengkap' } })
    await s.commit(buildCreate(c, { audit: [entry] }))
    expect(await s.timeline(c.id)).toEqual([entry])
  })
})
