// Schema step 4: records, and audit/outbox/due/command rows by aggregate kind and office without a
// foreign key to ak1_cases. A file of schema 3 with data in every table is brought forward intact.
import { buildRecordCreate, buildStoredCase, buildStoredRecord, buildUpdate } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { migrations } from '../src/migrations'
import { openAtSchema } from './helpers/schema-file'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

const at = '2026-03-02T01:00:00.000Z'

/** A clear file of schema 3 holding one case with an audit entry, an outbox row, a due row and a command. */
function schema3File(): string {
  const file = tmp.file()
  const db = openAtSchema(file, 3, at)
  db.exec(`INSERT INTO ak1_meta (key, value) VALUES ('encryption', 'none')`)
  db.exec(`INSERT INTO ak1_offices (code) VALUES ('krian')`)
  const c = buildStoredCase({ id: 'case-old', officeCode: 'krian' })
  db.prepare(
    `INSERT INTO ak1_cases (id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at,
       updated_at, due_at, due_ms, final, body) VALUES (?, 1, 'krian', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?)`,
  ).run(
    c.id,
    c.state,
    c.awaiting,
    c.channel,
    c.trackingCode,
    c.applicantNik,
    at,
    at,
    JSON.stringify({ personal: c.personal, data: c.data }),
  )
  const entry = { caseId: c.id, seq: 1, at, event: 'SUBMIT', hash: 'h1', prevHash: '0'.repeat(64) }
  db.prepare('INSERT INTO ak1_audit (case_id, seq, entry) VALUES (?, 1, ?)').run(c.id, JSON.stringify(entry))
  db.prepare(
    `INSERT INTO ak1_outbox (id, case_id, kind, payload, status, available_at, available_ms, created_at)
     VALUES ('out-old', ?, 'notice', '{"template":"diterima"}', 'pending', ?, ?, ?)`,
  ).run(c.id, at, Date.parse(at), at)
  db.prepare(
    `INSERT INTO ak1_due (id, case_id, kind, due_at, due_ms, status) VALUES ('due-old', ?, 'breached', ?, ?, 'pending')`,
  ).run(c.id, at, Date.parse(at))
  db.prepare(
    `INSERT INTO ak1_commands (scope, id, case_id, result, at) VALUES ('krian', 'cmd-old', ?, '{"ok":true}', ?)`,
  ).run(c.id, at)
  db.close()
  return file
}

describe('schema step 4', () => {
  it('brings a schema 3 file forward with every row kept, now carrying its kind and office', async () => {
    const store = createSqliteStore({ filename: schema3File(), plaintext: true })
    try {
      expect((await store.migrations()).version).toBe(migrations.at(-1)!.version)
      const c = (await store.load('case-old'))!
      expect(c).toMatchObject({ id: 'case-old', officeCode: 'krian', personal: { nama: 'Siti Aminah' } })
      expect((await store.timeline('case-old')).map((e) => [e.caseId, e.seq, e.event])).toEqual([
        ['case-old', 1, 'SUBMIT'],
      ])
      expect((await store.getCommand('cmd-old', 'krian'))?.result).toEqual({ ok: true })
      const outbox = await store.listOutbox('case-old')
      expect(outbox.map((r) => [r.id, r.aggregateKind, r.officeCode, r.status])).toEqual([
        ['out-old', 'case', 'krian', 'pending'],
      ])
      const far = '2027-01-01T00:00:00.000Z'
      const claimOptions = { now: far, limit: 10, owner: 'w', leaseMs: 1000 }
      expect(await store.claimOutbox({ ...claimOptions, officeCode: 'balongbendo' })).toEqual([])
      expect((await store.claimOutbox({ ...claimOptions, officeCode: 'krian' })).map((r) => r.id)).toEqual([
        'out-old',
      ])
      expect((await store.claimDue({ ...claimOptions, officeCode: 'krian' })).map((r) => r.id)).toEqual([
        'due-old',
      ])
      const audit: string[] = []
      for await (const e of store.streamAudit({ officeCode: 'krian' })) audit.push(`${e.caseId}#${e.seq}`)
      expect(audit).toEqual(['case-old#1'])
      // The old case commits on, and records now live beside it.
      await store.commit({ ...buildUpdate(c, { state: 'registrasi' }), audit: [] })
      await store.commit(buildRecordCreate(buildStoredRecord({ id: 'complaint-1', officeCode: 'krian' })))
      expect((await store.loadRecord('complaint', 'complaint-1'))?.officeCode).toBe('krian')
    } finally {
      await store.close()
    }
  })

  it('keeps no foreign key from the audit, outbox, due and command tables to ak1_cases', async () => {
    const store = createSqliteStore({ filename: schema3File(), plaintext: true })
    await store.close()
    const db = new Database(tmp.file(), { readonly: true })
    try {
      for (const table of ['ak1_audit', 'ak1_outbox', 'ak1_due', 'ak1_commands']) {
        expect(db.pragma(`foreign_key_list(${table})`), table).toEqual([])
      }
    } finally {
      db.close()
    }
  })
})
