import { buildCreate, buildOutboxRow, buildStoredCase, fixtureInstant } from '@ak1/core/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore, type PostgresStore, setupOfficeRoles } from '../src/index'
import { startCluster, type TestCluster } from './support/cluster'

let cluster: TestCluster
let owner: PostgresStore
const schema = 'kabupaten'
const key = Buffer.alloc(32, 3)
const admin = () => new pg.Client({ connectionString: cluster.url() })

/** Two cases with an outbox row each at balongbendo, one at krian, written by the owner (no RLS). */
beforeAll(async () => {
  cluster = await startCluster()
  owner = await createPostgresStore({ connectionString: cluster.url(), schema, encryptionKey: key })
  const cases = [
    ['bb-1', 'balongbendo', 'AK1-0001'],
    ['bb-2', 'balongbendo', 'AK1-0002'],
    ['kr-1', 'krian', 'AK1-0001'],
  ] as const
  for (const [id, officeCode, trackingCode] of cases)
    await owner.commit(
      buildCreate(buildStoredCase({ id, officeCode, trackingCode }), {
        outbox: [buildOutboxRow(`out-${id}`, id)],
      }),
    )
  const c = admin()
  await c.connect()
  await c.query(`CREATE ROLE ak1_app LOGIN PASSWORD 'app-pw-1'`)
  await c.query(`CREATE ROLE ak1_kab LOGIN PASSWORD 'kab-pw-1'`)
  await c.end()
  await setupOfficeRoles({
    connectionString: cluster.url(),
    schema,
    appRole: 'ak1_app',
    kabupatenRole: 'ak1_kab',
  })
}, 120_000)
afterAll(async () => {
  await owner?.close()
  cluster?.stop()
})

const appUrl = () => cluster.url({ user: 'ak1_app', password: 'app-pw-1' })
const krianStore = () =>
  createPostgresStore({
    connectionString: appUrl(),
    schema,
    encryptionKey: key,
    rls: { officeCode: 'krian' },
  })

describe('offices without row-level security', () => {
  it("an office's list, lookups and claims name only its own cases", async () => {
    expect((await owner.list({ officeCode: 'krian' })).items.map((c) => c.id)).toEqual(['kr-1'])
    expect((await owner.list({ officeCode: 'balongbendo' })).items.map((c) => c.id)).toEqual(['bb-1', 'bb-2'])
    expect(
      (await owner.list({ officeCode: 'krian', trackingCode: 'AK1-0001' })).items.map((c) => c.id),
    ).toEqual(['kr-1'])
    const claimed = await owner.claimOutbox({
      now: fixtureInstant(0),
      limit: 10,
      owner: 'w-krian',
      leaseMs: 1000,
      officeCode: 'krian',
    })
    expect(claimed.map((r) => r.id)).toEqual(['out-kr-1'])
    expect(await owner.releaseOutbox('out-kr-1', 'w-krian')).toBe(true)
  })

  it('keeps no NIK, KK or name in clear in any table with encryptionKey', async () => {
    const c = admin()
    await c.connect()
    const { rows } = await c.query(
      `SELECT string_agg(t::text, '|') AS dump FROM (
         SELECT row_to_json(x)::text AS t FROM ${schema}.ak1_cases x
         UNION ALL SELECT row_to_json(a)::text FROM ${schema}.ak1_audit a
         UNION ALL SELECT row_to_json(o)::text FROM ${schema}.ak1_outbox o) s`,
    )
    await c.end()
    const dump = String(rows[0].dump)
    expect(dump).toContain('krian')
    for (const secret of ['3515010101900001', '3515010101900009', 'Siti Aminah'])
      for (const form of [secret, Buffer.from(secret).toString('hex')]) expect(dump).not.toContain(form)
  })

  it('every row carries its office', async () => {
    const c = admin()
    await c.connect()
    for (const table of ['ak1_cases', 'ak1_audit', 'ak1_outbox']) {
      const { rows } = await c.query(
        `SELECT office_code, count(*)::int AS n FROM ${schema}.${table} GROUP BY office_code ORDER BY office_code`,
      )
      expect(rows).toEqual([
        { office_code: 'balongbendo', n: 2 },
        { office_code: 'krian', n: 1 },
      ])
    }
    await c.end()
  })
})

describe('offices with row-level security', () => {
  it("a store of one office does not see, claim or write another office's rows", async () => {
    const store = await krianStore()
    try {
      expect((await store.list({})).items.map((c) => c.id)).toEqual(['kr-1'])
      expect(await store.load('bb-1')).toBeNull()
      expect((await store.load('kr-1'))?.officeCode).toBe('krian')
      expect(await store.timeline('bb-1')).toEqual([])
      const claimed = await store.claimOutbox({
        now: fixtureInstant(0),
        limit: 10,
        owner: 'w',
        leaseMs: 1000,
      })
      expect(claimed.map((r) => r.id)).toEqual(['out-kr-1'])
      expect(await store.releaseOutbox('out-kr-1', 'w')).toBe(true)
      const foreign = buildCreate(
        buildStoredCase({ id: 'bb-9', officeCode: 'balongbendo', trackingCode: 'AK1-0009' }),
      )
      await expect(store.commit(foreign)).rejects.toMatchObject({ code: 'ADAPTER' })
      expect(await owner.load('bb-9')).toBeNull()
      await store.commit(
        buildCreate(buildStoredCase({ id: 'kr-2', officeCode: 'krian', trackingCode: 'AK1-0002' })),
      )
      expect((await owner.load('kr-2'))?.officeCode).toBe('krian')
    } finally {
      await store.close()
    }
  })

  it('refuses a deliberately buggy raw query that forgets the office', async () => {
    const c = new pg.Client({ connectionString: appUrl() })
    await c.connect()
    try {
      // Without the office set, the policies admit nothing.
      expect((await c.query(`SELECT id FROM ${schema}.ak1_cases`)).rows).toEqual([])
      await c.query('BEGIN')
      await c.query("SELECT set_config('ak1.office', 'krian', true)")
      const seen = await c.query(`SELECT id, office_code FROM ${schema}.ak1_cases ORDER BY id`)
      expect(seen.rows.every((r) => r.office_code === 'krian')).toBe(true)
      expect(seen.rows.map((r) => r.id)).toContain('kr-1')
      // The bug: an UPDATE without a WHERE on the office. Only krian's rows change.
      await c.query(`UPDATE ${schema}.ak1_outbox SET attempts = attempts + 100`)
      await expect(
        c.query(`UPDATE ${schema}.ak1_cases SET office_code = 'balongbendo' WHERE id = 'kr-1'`),
      ).rejects.toMatchObject({ code: '42501' })
      await c.query('ROLLBACK')
      await c.query('BEGIN')
      await c.query("SELECT set_config('ak1.office', 'krian', true)")
      await c.query(`UPDATE ${schema}.ak1_outbox SET attempts = attempts + 100`)
      await c.query('COMMIT')
    } finally {
      await c.end()
    }
    const bb = await owner.listOutbox('bb-1')
    expect(bb.map((r) => r.attempts)).toEqual([0])
    expect((await owner.listOutbox('kr-1')).map((r) => r.attempts)).toEqual([100])
    // SET LOCAL ended with its transaction: the connection sees nothing again.
    const again = new pg.Client({ connectionString: appUrl() })
    await again.connect()
    expect((await again.query(`SELECT count(*)::int AS n FROM ${schema}.ak1_cases`)).rows[0].n).toBe(0)
    await again.end()
  })

  it('the kabupaten role reads across offices and writes nothing', async () => {
    const kabupaten = await createPostgresStore({
      connectionString: cluster.url({ user: 'ak1_kab', password: 'kab-pw-1' }),
      schema,
      encryptionKey: key,
    })
    try {
      const all = await kabupaten.list({ limit: 500 })
      expect(new Set(all.items.map((c) => c.officeCode))).toEqual(new Set(['balongbendo', 'krian']))
      await expect(
        kabupaten.commit(buildCreate(buildStoredCase({ id: 'kab-1', trackingCode: 'AK1-0099' }))),
      ).rejects.toMatchObject({ code: 'ADAPTER' })
    } finally {
      await kabupaten.close()
    }
  })
})
