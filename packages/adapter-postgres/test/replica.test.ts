import { buildCreate, buildStoredCase } from '@ak1/core/testing'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPostgresStore, type PostgresStore } from '../src/index'
import { startCluster, type TestCluster } from './support/cluster'

let primary: TestCluster
let replica: TestCluster
let store: PostgresStore
const schema = 'kab'

beforeAll(async () => {
  primary = await startCluster()
  // The schema exists before the base backup, so the replica starts with it.
  const first = await createPostgresStore({ connectionString: primary.url(), schema, plaintext: true })
  await first.close()
  replica = await primary.startReplica()
  store = await createPostgresStore({
    connectionString: primary.url(),
    schema,
    plaintext: true,
    replica: { connectionString: replica.url() },
  })
}, 180_000)
afterAll(async () => {
  await store?.close()
  replica?.stop()
  primary?.stop()
})

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the replica did not catch up in 20 s')
}

it('reads lists from a pg_basebackup streaming replica, and a just-changed case from the primary', async () => {
  const ids = ['kr-1', 'kr-2', 'kr-3']
  for (const id of ids) await store.commit(buildCreate(buildStoredCase({ id, officeCode: 'krian' })))
  await until(async () => (await store.list({ officeCode: 'krian' })).items.length === 3)

  // Replay paused on the replica: what the list shows can only have come from it.
  const standby = new pg.Client({ connectionString: replica.url() })
  await standby.connect()
  try {
    expect((await standby.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true)
    await standby.query('SELECT pg_wal_replay_pause()')
    await until(async () => (await standby.query('SELECT pg_is_wal_replay_paused() AS p')).rows[0].p === true)
    await store.commit(buildCreate(buildStoredCase({ id: 'kr-4', officeCode: 'krian' })))
    expect((await store.list({ officeCode: 'krian' })).items.map((c) => c.id)).toEqual(ids)
    // The user who just submitted reads their case from the primary.
    expect((await store.load('kr-4'))?.id).toBe('kr-4')
    expect((await store.list({ trackingCode: 'AK1-kr-4' })).items.map((c) => c.id)).toEqual(['kr-4'])
    await standby.query('SELECT pg_wal_replay_resume()')
    await until(async () => (await store.list({ officeCode: 'krian' })).items.length === 4)
  } finally {
    await standby.end()
  }
})
