// Schema step 5: fewer pages per commit. A file of schema 4 (clear or encrypted) with data in every
// table is brought forward intact; its case bodies are split into a hot row and a cold row at their
// next commit; and a complete case through the real engine never needs an overflow page.
import { balongbendo, createAk1Service } from '@ak1/core'
import { createSealer, type Json, type StoredCase } from '@ak1/core/ports'
import { buildStoredCase, buildUpdate, sampleApplication } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createColumnCodec } from '../src/codec'
import { encryptionMode, rememberKeys, setMeta } from '../src/encryption'
import { createSqliteStore } from '../src/index'
import { resolveOptions } from '../src/options'
import { openAtSchema } from './helpers/schema-file'
import { tempDir, testKey } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

const at = '2026-03-02T01:00:00.000Z'
const nik = '3515010101900001'
const key = testKey(7)

/** A case whose data holds what schema 5 moves to the cold row: verifications and the checklist. */
const oldCase: StoredCase = buildStoredCase({
  id: 'case-old',
  officeCode: 'krian',
  applicantNik: nik,
  personal: { nama: 'Siti Aminah', kk: '3515010101900009', contacts: { mobile: '081234567890' } },
  data: {
    format: 1,
    verified: { ktp_asli: { by: 'petugas-1', role: 'petugas', stepId: 'penerimaan', at } },
    snapshot: {
      state: 'verifikasi',
      context: {
        checklist: { ktp_asli: { required: true, at: 'penerimaan' } },
        verified: { ktp_asli: { by: 'petugas-1', role: 'petugas', stepId: 'penerimaan' } },
        visits: ['penerimaan', 'verifikasi'],
      },
    },
    audit: { seq: 1, hash: 'h1' },
  },
})

/**
 * A file of schema 4 as that version wrote it: the case body whole in `ak1_cases.body` (sealed when
 * `sealed`), two cases' outbox rows with interleaved global sequence numbers, a pending due row.
 */
function schema4File(sealed: boolean): string {
  const file = tmp.file()
  const db = openAtSchema(file, 4, at)
  const sealer = sealed
    ? createSealer(resolveOptions({ filename: file, encryptionKey: key }).keyring!)
    : undefined
  const codec = createColumnCodec(() => sealer)
  if (sealer) {
    rememberKeys(db, sealer)
    setMeta(db, 'encryption', encryptionMode)
    setMeta(db, 'keys_in_use', JSON.stringify([sealer.currentId]))
  } else setMeta(db, 'encryption', 'none')
  db.exec(`INSERT INTO ak1_offices (code) VALUES ('krian')`)
  const c = oldCase
  const body: Json = sealed
    ? { applicantNik: c.applicantNik, personal: c.personal, data: c.data }
    : { personal: c.personal, data: c.data }
  const insertCase = db.prepare(
    `INSERT INTO ak1_cases (id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at,
       updated_at, due_at, due_ms, final, body) VALUES (?, 1, 'krian', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?)`,
  )
  insertCase.run(
    c.id,
    c.state,
    c.awaiting,
    c.channel,
    c.trackingCode,
    codec.nikLookup(nik),
    at,
    at,
    codec.writeJson(body, `case:${c.id}`),
  )
  const entry = { caseId: c.id, seq: 1, at, event: 'SUBMIT', hash: 'h1', prevHash: '0'.repeat(64) }
  db.prepare(`INSERT INTO ak1_audit (case_id, seq, office_code, entry) VALUES (?, 1, 'krian', ?)`).run(
    c.id,
    codec.writeJson(entry, `audit:${c.id}:1`),
  )
  const outbox = db.prepare(
    `INSERT INTO ak1_outbox (seq, id, case_id, office_code, kind, payload, status, available_at, available_ms, created_at)
     VALUES (?, ?, ?, 'krian', 'notice', ?, ?, ?, ?, ?)`,
  )
  const row = (seq: number, id: string, caseId: string, status: string) =>
    outbox.run(
      seq,
      id,
      caseId,
      codec.writeJson({ template: id }, `outbox:${id}:payload`),
      status,
      at,
      Date.parse(at),
      at,
    )
  row(7, 'out-a', c.id, 'done')
  row(8, 'out-other', 'case-other', 'done')
  row(9, 'out-b', c.id, 'pending')
  db.prepare(
    `INSERT INTO ak1_due (id, case_id, office_code, kind, due_at, due_ms, status) VALUES ('due-old', ?, 'krian', 'breached', ?, ?, 'pending')`,
  ).run(c.id, at, Date.parse(at))
  db.close()
  return file
}

const openStore = (file: string, sealed: boolean) =>
  sealed
    ? createSqliteStore({ filename: file, encryptionKey: key })
    : createSqliteStore({ filename: file, plaintext: true })

describe.each([
  ['clear', false],
  ['encrypted', true],
])('schema step 5 on a %s file of schema 4', (_name, sealed) => {
  it('keeps every row, claims by the new indexes, and splits the case body at its next commit', async () => {
    const file = schema4File(sealed)
    const store = openStore(file, sealed)
    try {
      expect((await store.migrations()).version).toBe(5)
      expect(await store.load('case-old')).toEqual({
        ...oldCase,
        version: 1,
        createdAt: at,
        updatedAt: at,
        dueAt: null,
      })
      expect((await store.listOutbox('case-old')).map((r) => [r.id, r.status])).toEqual([
        ['out-a', 'done'],
        ['out-b', 'pending'],
      ])
      const claim = { now: '2027-01-01T00:00:00.000Z', limit: 10, owner: 'w', leaseMs: 1000 }
      expect((await store.claimOutbox(claim)).map((r) => r.id)).toEqual(['out-b'])
      expect((await store.claimDue({ ...claim, officeCode: 'krian' })).map((r) => r.id)).toEqual(['due-old'])
      expect(await store.completeOutbox('out-b', 'w', { at, result: { ok: true } })).toBe(true)

      const before = (await store.load('case-old'))!
      const next = { ...(before.data as object), audit: { seq: 2, hash: 'h2' } }
      await store.commit({
        ...buildUpdate(before, { state: 'validasi', data: next }),
        outbox: [{ id: 'out-c', caseId: 'case-old', kind: 'notice', payload: { n: 3 }, availableAt: at }],
      })
      const after = (await store.load('case-old'))!
      expect(after).toMatchObject({ version: 2, state: 'validasi', personal: oldCase.personal, data: next })
      expect((await store.listOutbox('case-old')).map((r) => [r.id, r.status])).toEqual([
        ['out-a', 'done'],
        ['out-b', 'done'],
        ['out-c', 'pending'],
      ])
    } finally {
      await store.close()
    }

    const db = new Database(file, { readonly: true })
    try {
      // The new row follows the case's rows; the cold row holds the personal data and verifications.
      expect(db.prepare("SELECT seq FROM ak1_outbox WHERE id = 'out-c'").pluck().get()).toBe(10)
      const hot = db.prepare("SELECT body FROM ak1_cases WHERE id = 'case-old'").pluck().get() as
        | string
        | Buffer
      const cold = db.prepare("SELECT body FROM ak1_case_cold WHERE id = 'case-old'").pluck().get() as
        | string
        | Buffer
      if (sealed) {
        for (const blob of [hot, cold]) expect(Buffer.isBuffer(blob)).toBe(true)
        for (const secret of ['Siti Aminah', nik, '081234567890'])
          expect(Buffer.concat([hot as Buffer, cold as Buffer]).includes(secret), secret).toBe(false)
      } else {
        const h = JSON.parse(hot as string)
        expect(h.personal).toBeUndefined()
        expect(h.data.verified).toBeUndefined()
        expect(h.data.snapshot.context).toEqual({ visits: ['penerimaan', 'verifikasi'] })
        expect(JSON.parse(cold as string)).toMatchObject({ personal: oldCase.personal })
      }
    } finally {
      db.close()
    }
  })
})

/** The overflow pages of a table's b-tree (SQLite's `dbstat`). */
const overflowPages = (db: Database.Database, table: string) =>
  db
    .prepare("SELECT count(*) FROM dbstat WHERE name = ? AND pagetype = 'overflow'")
    .pluck()
    .get(table) as number

describe.each([
  ['clear', false],
  ['encrypted', true],
])('a case body of the real engine on a %s file', (_name, sealed) => {
  it('never needs an overflow page, from submission to hand-over; the cold row is written only when it changes', async () => {
    const file = tmp.file()
    const store = openStore(file, sealed)
    const service = createAk1Service({ standard: balongbendo, store })
    const officers = [
      { id: 'petugas-1', role: 'petugas' },
      { id: 'operator-1', role: 'operator' },
      { id: 'admin-1', role: 'admin' },
      { id: 'camat-1', role: 'camat' },
    ]
    const db = new Database(file, { readonly: true })
    const coldWrites = new Set<string>()
    const coldOf = () => {
      const b = db.prepare('SELECT body FROM ak1_case_cold').pluck().get() as string | Buffer
      return Buffer.from(b).toString('base64')
    }
    try {
      let view = await service.submit(sampleApplication(), { actor: officers[0]!, channel: 'tatap_muka' })
      coldWrites.add(coldOf())
      let commits = 1
      while (!view.final) {
        const moves = await Promise.all(officers.map((a) => service.availableActions(view.id, a)))
        const i = moves.findIndex((m) =>
          m.some((a) => a.type !== 'REJECT' && a.type !== 'RETURN' && a.type !== 'WITHDRAW'),
        )
        expect(i, `stuck at ${view.state}`).toBeGreaterThanOrEqual(0)
        const action = moves[i]!.find(
          (a) => a.type !== 'REJECT' && a.type !== 'RETURN' && a.type !== 'WITHDRAW',
        )!
        const event = action.needs ? { type: action.type, verified: action.needs } : { type: action.type }
        view = await service.act(view.id, event as never, {
          actor: officers[i]!,
          expectedVersion: view.version,
        })
        commits++
        expect(overflowPages(db, 'ak1_cases'), view.state).toBe(0)
        coldWrites.add(coldOf())
      }
      expect(view.state).toBe('selesai')
      expect(commits).toBeGreaterThanOrEqual(10)
      // Set at submission, then once more when the requirements are verified.
      expect(coldWrites.size).toBe(2)
      expect((await service.get(view.id)).application).toEqual(sampleApplication())
    } finally {
      db.close()
      await store.close()
    }
  })
})
