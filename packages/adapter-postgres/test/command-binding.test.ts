import { createRecordCodec, createSealer } from '@ak1/core/ports'
import { buildCreate, buildStoredCase } from '@ak1/core/testing'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPostgresStore, resealPostgresStore } from '../src/index'
import { startCluster, type TestCluster } from './support/cluster'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster()
}, 120_000)
afterAll(() => cluster?.stop())

const oldKey = Buffer.alloc(32, 31)
const newKey = Buffer.alloc(32, 32)
/** A codec sealing as the store does with one key (the store derives its keys under `ak1/postgres`). */
const codecOf = (id: string, key: Buffer) =>
  createRecordCodec(createSealer({ current: id, keys: new Map([[id, key]]) }, 'ak1/postgres'))

/** Runs `sql` on the schema directly, as a database administrator could. */
async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: cluster.url() })
  await db.connect()
  try {
    return (await db.query<T>(sql, params)).rows
  } finally {
    await db.end()
  }
}

/** Commits one case in each office, each with the command id `same`. */
async function seed(schema: string) {
  const store = await createPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: { current: 'k1', keys: { k1: oldKey } },
  })
  for (const office of ['balongbendo', 'krian'])
    await store.commit(
      buildCreate(
        buildStoredCase({ id: `case-${office}`, officeCode: office, trackingCode: `AK1-${office}` }),
        {
          command: { id: 'same', scope: office, result: { office } },
        },
      ),
    )
  return store
}

it("a sealed command result is bound to its scope: office A's row copied onto office B's same id does not open", async () => {
  const store = await seed('binding')
  try {
    await admin(
      `UPDATE binding.ak1_commands SET result = (SELECT result FROM binding.ak1_commands WHERE scope = 'balongbendo')
       WHERE scope = 'krian'`,
    )
    expect(await store.getCommand('same', 'balongbendo')).toMatchObject({ result: { office: 'balongbendo' } })
    await expect(store.getCommand('same', 'krian')).rejects.toMatchObject({
      code: 'ADAPTER',
      message: expect.stringContaining('command:["krian","same"]'),
    })
  } finally {
    await store.close()
  }
}, 120_000)

it('a command result sealed under its id alone (before the scope was bound) still opens, and a re-seal binds it to scope and id', async () => {
  const store = await seed('legacy')
  const legacy = codecOf('k1', oldKey).encodeJson({ office: 'krian', sealed: 'before' }, 'command:same', true)
  await admin(`UPDATE legacy.ak1_commands SET result = $1 WHERE scope = 'krian'`, [
    Buffer.from(legacy as Uint8Array),
  ])
  try {
    expect(await store.getCommand('same', 'krian')).toMatchObject({
      result: { office: 'krian', sealed: 'before' },
    })
  } finally {
    await store.close()
  }
  const report = await resealPostgresStore({
    connectionString: cluster.url(),
    schema: 'legacy',
    encryptionKey: { current: 'k2', keys: { k1: oldKey, k2: newKey } },
  })
  expect(report).toMatchObject({ remaining: 0, resealed: { ak1_commands: 2 } })
  const [row] = await admin<{ result: Buffer }>(
    `SELECT result FROM legacy.ak1_commands WHERE scope = 'krian'`,
  )
  const next = codecOf('k2', newKey)
  expect(() => next.decode(row!.result, 'command:same')).toThrow()
  expect(JSON.parse(next.decode(row!.result, 'command:["krian","same"]'))).toEqual({
    office: 'krian',
    sealed: 'before',
  })
  const after = await createPostgresStore({
    connectionString: cluster.url(),
    schema: 'legacy',
    encryptionKey: { current: 'k2', keys: { k2: newKey } },
  })
  try {
    expect(await after.getCommand('same', 'balongbendo')).toMatchObject({ result: { office: 'balongbendo' } })
  } finally {
    await after.close()
  }
}, 120_000)
