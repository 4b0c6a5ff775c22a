import { inflateRawSync } from 'node:zlib'
// The report stream on SQLite: it reads the clear `facts` column over the (office, created) index and
// never the sealed body; a file written before the facts column gets its created instants and still
// reports the same figures (the engine derives the facts of those cases once).
import { balongbendo, createAk1Service } from '@ak1/core'
import type { Ak1Store } from '@ak1/core/ports'
import { sampleApplication } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('ak1-sqlite-facts-')
})
afterEach(() => tmp.remove())

const petugas = { id: 'petugas-1', role: 'petugas' }
const pemohon = { id: 'p-1', role: 'pemohon', nik: sampleApplication().applicant.nik }
const period = { from: '2026-04-01', to: '2026-04-30' }

/** Three April cases through the real service: two open, one withdrawn. */
async function seed(store: Ak1Store) {
  let now = Date.parse('2026-04-06T02:00:00.000Z')
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock: { now: () => new Date(now) },
    sipraja: false,
  })
  const cases = []
  for (let i = 0; i < 3; i++) {
    now += 3_600_000
    cases.push(await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' }))
  }
  now += 3_600_000
  await service.act(cases[0]!.id, { type: 'WITHDRAW' }, { actor: pemohon })
  now = Date.parse('2026-05-04T02:00:00.000Z')
  return { service }
}

const raw = (file: string) => new Database(file)

/** A service on a reopened store, its clock after the period. */
const reportingService = (store: Ak1Store) =>
  createAk1Service({
    standard: balongbendo,
    store,
    clock: { now: () => new Date('2026-05-04T02:00:00.000Z') },
    sipraja: false,
  })

describe('streamCaseFacts on SQLite', () => {
  it('reads a period from the (office, created) index and never the sealed body', async () => {
    const file = tmp.file()
    const store = createSqliteStore({ filename: file, encryptionKey: testKey(3) })
    const { service } = await seed(store)
    const before = await service.report(period)
    expect(before.cases).toMatchObject({ received: 3, withdrawn: 1, open: 2 })
    await store.close()

    const db = raw(file)
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, facts FROM ak1_cases INDEXED BY ak1_cases_created
         WHERE office_code = ? AND created_ms >= ? AND created_ms < ? ORDER BY created_ms, id`,
      )
      .all('balongbendo', 0, 1) as Array<{ detail: string }>
    // A range search of the index, not a scan of the table.
    expect(plan.map((p) => p.detail).join(' ')).toMatch(
      /^SEARCH ak1_cases USING INDEX ak1_cases_created \(office_code=\? AND created_ms>\? AND created_ms<\?\)$/,
    )
    // The facts are clear and hold no personal data of the sample application.
    const facts = (db.prepare('SELECT facts FROM ak1_cases').pluck().all() as Buffer[])
      .map((b) => inflateRawSync(b).toString('utf8'))
      .join('\n')
    expect(facts).toContain('"ledger"')
    const app = sampleApplication()
    for (const value of [app.applicant.nik, app.applicant.kk, app.applicant.fullName, app.contacts.mobile])
      expect(facts.includes(String(value)), String(value)).toBe(false)
    // Every sealed body destroyed: a report that opened one would fail.
    db.prepare('UPDATE ak1_cases SET body = ?').run(Buffer.from('not a sealed body'))
    db.close()

    const reopened = createSqliteStore({ filename: file, encryptionKey: testKey(3) })
    const again = reportingService(reopened)
    expect(await again.report(period)).toEqual(before)
    await expect(reopened.load((await collectIds(reopened))[0]!)).rejects.toMatchObject({ code: 'ADAPTER' })
    await reopened.close()
  })

  it('brings a file without the facts column forward: created instants filled, the same report', async () => {
    const file = tmp.file()
    const store = createSqliteStore({ filename: file, plaintext: true })
    const { service } = await seed(store)
    const before = await service.report(period)
    await store.close()

    // Back to schema 5 as an older version wrote it: no facts, no created_ms, no index; the audit
    // table still has the office index that schema 7 drops.
    const db = raw(file)
    db.exec(`DROP INDEX ak1_cases_created;
      ALTER TABLE ak1_cases DROP COLUMN facts;
      ALTER TABLE ak1_cases DROP COLUMN created_ms;
      CREATE INDEX ak1_audit_office ON ak1_audit (office_code, case_id, seq);
      DELETE FROM ak1_schema WHERE version >= 6;
      PRAGMA user_version = 5;`)
    db.close()

    const reopened = createSqliteStore({ filename: file, plaintext: true })
    const check = raw(file)
    const rows = check.prepare('SELECT created_at, created_ms, facts FROM ak1_cases').all() as Array<{
      created_at: string
      created_ms: number
      facts: Buffer | null
    }>
    check.close()
    expect(rows).toHaveLength(3)
    for (const r of rows) {
      expect(r.created_ms).toBe(Date.parse(r.created_at))
      expect(r.facts).toBeNull()
    }
    const again = reportingService(reopened)
    expect(await again.report(period)).toEqual(before)
    await reopened.close()
  })
})

async function collectIds(store: Ak1Store): Promise<string[]> {
  const ids: string[] = []
  for await (const f of store.streamCaseFacts({ officeCode: 'balongbendo' })) ids.push(f.id)
  return ids
}
