// Schema step 7: the audit table loses its office index (one b-tree fewer per commit). The office's
// audit stream walks the office's cases and records by their own indexes instead, in the same order
// (aggregate id, then seq) that the index gave, on a file brought forward from schema 6 and on a new
// one with many aggregates of several kinds and offices.
import type { AuditEntry, StoredCase, StoredRecord } from '@ak1/core/ports'
import {
  buildCreate,
  buildRecordCreate,
  buildRecordUpdate,
  buildStoredCase,
  buildStoredRecord,
  buildUpdate,
} from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setMeta } from '../src/encryption'
import { createSqliteStore, type SqliteStore } from '../src/index'
import { migrations } from '../src/migrations'
import { openAtSchema } from './helpers/schema-file'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

const at = '2026-03-02T01:00:00.000Z'

const collect = async (it: AsyncIterable<AuditEntry>) => {
  const out: string[] = []
  for await (const e of it) out.push(`${e.caseId}#${e.seq}`)
  return out
}

const indexNames = (file: string): string[] => {
  const db = new Database(file, { readonly: true })
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .pluck()
      .all() as string[]
  } finally {
    db.close()
  }
}

/**
 * A file of schema 6 as that version wrote it (clear): at krian a case `k-2` with two entries and
 * records `k-1` (complaint) and `k-3` (card); at balongbendo a case `k-0`.
 */
function schema6File(): string {
  const file = tmp.file()
  const db = openAtSchema(file, 6, at)
  setMeta(db, 'encryption', 'none')
  db.exec(`INSERT INTO ak1_offices (code) VALUES ('krian'), ('balongbendo')`)
  const insertCase = db.prepare(
    `INSERT INTO ak1_cases (id, version, office_code, state, awaiting, channel, tracking_code, nik_lookup, created_at,
       updated_at, due_at, due_ms, final, body, created_ms) VALUES (?, ?, ?, 'verifikasi', 'petugas', 'tatap_muka', ?,
       '3515010101900001', ?, ?, NULL, NULL, 0, ?, ?)`,
  )
  const body = JSON.stringify({ personal: { nama: 'Siti Aminah' }, data: {} })
  insertCase.run('k-2', 2, 'krian', 'AK1-k-2', at, at, body, Date.parse(at))
  insertCase.run('k-0', 1, 'balongbendo', 'AK1-k-0', at, at, body, Date.parse(at))
  const insertRecord = db.prepare(
    `INSERT INTO ak1_records (id, kind, version, office_code, state, case_id, key, attributes, due_at, due_ms, final,
       created_at, created_ms, updated_at, body) VALUES (?, ?, 1, 'krian', 'diterima', NULL, NULL, '{}', NULL, NULL, 0,
       ?, ?, ?, ?)`,
  )
  insertRecord.run('k-1', 'complaint', at, Date.parse(at), at, body)
  insertRecord.run('k-3', 'card', at, Date.parse(at), at, body)
  const insertAudit = db.prepare(
    'INSERT INTO ak1_audit (case_id, seq, kind, office_code, entry) VALUES (?, ?, ?, ?, ?)',
  )
  const entry = (id: string, seq: number, kind: string, office: string) =>
    insertAudit.run(
      id,
      seq,
      kind,
      office,
      JSON.stringify({ caseId: id, seq, at, event: 'SUBMIT', hash: `h${seq}`, prevHash: '0'.repeat(64) }),
    )
  entry('k-2', 1, 'case', 'krian')
  entry('k-2', 2, 'case', 'krian')
  entry('k-1', 1, 'complaint', 'krian')
  entry('k-3', 1, 'card', 'krian')
  entry('k-0', 1, 'case', 'balongbendo')
  db.close()
  return file
}

describe('schema step 7', () => {
  it('drops the office index of the audit table from a schema 6 file; the office stream keeps its entries and order', async () => {
    const file = schema6File()
    expect(indexNames(file)).toContain('ak1_audit_office')
    const store = createSqliteStore({ filename: file, plaintext: true })
    try {
      expect((await store.migrations()).version).toBe(migrations.at(-1)!.version)
      expect(migrations.at(-1)!.version).toBeGreaterThanOrEqual(7)
      expect(indexNames(file)).not.toContain('ak1_audit_office')
      for (const batchSize of [1, 2, 200]) {
        expect(
          await collect(store.streamAudit({ officeCode: 'krian', batchSize })),
          `batch ${batchSize}`,
        ).toEqual(['k-1#1', 'k-2#1', 'k-2#2', 'k-3#1'])
      }
      expect(await collect(store.streamAudit({ officeCode: 'krian', kind: 'card' }))).toEqual(['k-3#1'])
      expect(await collect(store.streamAudit({ officeCode: 'krian', kind: 'case' }))).toEqual([
        'k-2#1',
        'k-2#2',
      ])
      expect(await collect(store.streamAudit({ officeCode: 'balongbendo' }))).toEqual(['k-0#1'])
      // The old case commits on; its new entry joins the stream in place.
      const c = (await store.load('k-2'))!
      await store.commit(buildUpdate(c, { state: 'validasi' }))
      expect(await collect(store.streamAudit({ officeCode: 'krian', batchSize: 3 }))).toEqual([
        'k-1#1',
        'k-2#1',
        'k-2#2',
        'k-2#3',
        'k-3#1',
      ])
    } finally {
      await store.close()
    }
  })
})

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('the office audit stream without the index', () => {
  it('gives what the index gave: every entry of the office, by aggregate id then seq, for every kind and page size', async () => {
    const file = tmp.file()
    const store: SqliteStore = createSqliteStore({ filename: file, plaintext: true })
    const rnd = random(7)
    const offices = ['balongbendo', 'krian']
    const kinds = ['complaint', 'card', 'box_opening']
    try {
      for (let n = 0; n < 90; n++) {
        const id = `${'abcdefgh'[Math.floor(rnd() * 8)]}${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}-${n}`
        const officeCode = offices[Math.floor(rnd() * offices.length)]!
        const commits = 1 + Math.floor(rnd() * 3)
        if (rnd() < 0.5) {
          let c: StoredCase = buildStoredCase({ id, officeCode })
          await store.commit(buildCreate(c))
          for (let i = 1; i < commits; i++) {
            const next = buildUpdate(c, { state: `s${i}` })
            await store.commit(next)
            c = next.case
          }
        } else {
          let r: StoredRecord = buildStoredRecord({ id, officeCode, kind: kinds[n % kinds.length]! })
          await store.commit(buildRecordCreate(r))
          for (let i = 1; i < commits; i++) {
            const next = buildRecordUpdate(r, { state: `s${i}` })
            await store.commit(next)
            r = next.record
          }
        }
      }
      const db = new Database(file, { readonly: true })
      // What the office index gave: the office's entries by aggregate id, then seq.
      const reference = (office: string, kind?: string) =>
        db
          .prepare(
            `SELECT case_id || '#' || seq FROM ak1_audit WHERE office_code = ? AND (? IS NULL OR kind = ?)
             ORDER BY case_id, seq`,
          )
          .pluck()
          .all(office, kind ?? null, kind ?? null) as string[]
      try {
        for (const office of offices) {
          expect(reference(office).length).toBeGreaterThan(40)
          for (const kind of [undefined, 'case', ...kinds]) {
            const expected = reference(office, kind)
            expect(expected.length, `${office} ${kind}`).toBeGreaterThan(0)
            for (const batchSize of [1, 2, 7, 64, 200]) {
              const got = await collect(
                store.streamAudit({ officeCode: office, batchSize, ...(kind ? { kind } : {}) }),
              )
              expect(got, `${office} ${kind ?? 'all'} batch ${batchSize}`).toEqual(expected)
            }
          }
        }
      } finally {
        db.close()
      }
    } finally {
      await store.close()
    }
  })
})
