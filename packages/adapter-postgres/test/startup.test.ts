import { ConfigError, isAk1Error } from '@ak1/core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/connect'
import { createPostgresStore } from '../src/index'
import type { Migration } from '../src/migrations'
import { resolvePostgresOptions } from '../src/options'
import { startCluster, superuserPassword, type TestCluster } from './support/cluster'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster()
})
afterAll(() => cluster?.stop())

const migrations: Migration[] = [
  { version: 1, name: 'first', sql: 'CREATE TABLE {schema}.first (id integer PRIMARY KEY)' },
  { version: 2, name: 'second', sql: 'CREATE TABLE {schema}.second (id integer PRIMARY KEY)' },
]

function failure(fn: () => unknown): Promise<ConfigError> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        throw new Error('expected a ConfigError')
      },
      (error) => {
        expect(error).toBeInstanceOf(ConfigError)
        return error as ConfigError
      },
    )
}

/** Every text a caller or a log could see of the error, its causes included. */
function allText(error: unknown): string {
  const parts: string[] = []
  for (
    let e = error as { message?: string; messageEn?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    parts.push(String(e.message), String(e.messageEn ?? ''), JSON.stringify(e))
  }
  return parts.join('\n')
}

describe('createPostgresStore options', () => {
  it('names every bad key in Indonesian, with English on request', async () => {
    const error = await failure(() =>
      resolvePostgresOptions({ schema: 'Bad-Name', maxConnections: 0, colour: 'red' }),
    )
    expect(error.keys).toEqual(
      expect.arrayContaining(['schema', 'maxConnections', 'colour', 'connectionString', 'pool']),
    )
    expect(error.message).toMatch(/^Opsi createPostgresStore tidak valid/)
    expect(error.message).toContain('schema: nama skema harus diawali huruf kecil')
    expect(error.message).toContain('isi tepat satu dari connectionString atau pool')
    expect(error.messageEn).toContain('give exactly one of connectionString or pool')
  })

  it('never echoes a connection string it refuses', async () => {
    const error = await failure(() =>
      resolvePostgresOptions({ connectionString: 'postgres://u:hunter2@h/db', pool: {} }),
    )
    expect(allText(error)).not.toContain('hunter2')
    const notUrl = await failure(() =>
      resolvePostgresOptions({ connectionString: 'host=h password=hunter2', plaintext: true }),
    )
    expect(notUrl.keys).toEqual(['connectionString'])
    expect(allText(notUrl)).not.toContain('hunter2')
  })
})

describe('starting on a real PostgreSQL', () => {
  it('migrates a fresh schema and finds it done on the next start', async () => {
    const options = resolvePostgresOptions({
      connectionString: cluster.url(),
      schema: 'fresh',
      plaintext: true,
    })
    const db = await openDatabase(options, migrations)
    expect(db.version).toBe(2)
    await db.close()
    const again = await openDatabase(options, migrations)
    const { rows } = await again.pool.query('SELECT version, name FROM fresh.ak1_migrations ORDER BY version')
    expect(rows).toEqual([
      { version: 1, name: 'first' },
      { version: 2, name: 'second' },
    ])
    await again.close()
  })

  it('lets four servers start at once: the advisory lock serialises the migration', async () => {
    const options = resolvePostgresOptions({
      connectionString: cluster.url(),
      schema: 'race',
      plaintext: true,
    })
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openDatabase(options, migrations)))
    expect(dbs.map((d) => d.version)).toEqual([2, 2, 2, 2])
    const { rows } = await dbs[0]!.pool.query('SELECT count(*)::int AS n FROM race.ak1_migrations')
    expect(rows[0].n).toBe(2)
    await Promise.all(dbs.map((d) => d.close()))
  })

  it('refuses a database newer than the code', async () => {
    const options = resolvePostgresOptions({
      connectionString: cluster.url(),
      schema: 'newer',
      plaintext: true,
    })
    const db = await openDatabase(options, migrations)
    await db.pool.query(`INSERT INTO newer.ak1_migrations (version, name) VALUES (3, 'from a newer release')`)
    await db.close()
    const error = await failure(() => openDatabase(options, migrations))
    expect(error.message).toContain('berversi 3, lebih baru dari versi 2')
    expect(error.keys).toEqual(['schema'])
  })

  it('leaves nothing of a migration that fails', async () => {
    const options = resolvePostgresOptions({
      connectionString: cluster.url(),
      schema: 'broken',
      plaintext: true,
    })
    const bad = [
      ...migrations,
      { version: 3, name: 'bad', sql: 'CREATE TABLE {schema}.third (id nonsense_type)' },
    ]
    const error = await openDatabase(options, bad).catch((e: unknown) => e)
    expect(isAk1Error(error)).toBe(true)
    const check = new pg.Client({ connectionString: cluster.url() })
    await check.connect()
    const { rows } = await check.query(
      `SELECT to_regnamespace('broken') AS ns, to_regclass('broken.first') AS t`,
    )
    expect(rows[0]).toEqual({ ns: null, t: null })
    await check.end()
  })
})

describe('bad configuration is a ConfigError in Indonesian that never shows the password', () => {
  it('an unreachable server', async () => {
    const port = cluster.port === 1 ? 2 : 1
    const options = resolvePostgresOptions({
      connectionString: `postgres://postgres:hunter2@127.0.0.1:${port}/postgres`,
      connectTimeoutMs: 2000,
      plaintext: true,
    })
    const error = await failure(() => openDatabase(options, migrations))
    expect(error.message).toContain(
      `server PostgreSQL postgres@127.0.0.1:${port}/postgres tidak dapat dihubungi`,
    )
    expect(error.keys).toEqual(['connectionString'])
    expect(allText(error)).not.toContain('hunter2')
  })

  it('a wrong password', async () => {
    const options = resolvePostgresOptions({
      connectionString: cluster.url({ password: 'hunter2' }),
      plaintext: true,
    })
    const error = await failure(() => openDatabase(options, migrations))
    expect(error.message).toContain('PostgreSQL menolak kata sandi atau peran untuk postgres@127.0.0.1')
    expect(allText(error)).not.toContain('hunter2')
    expect(allText(error)).not.toContain(superuserPassword)
  })

  it('a schema owned by someone else', async () => {
    const admin = new pg.Client({ connectionString: cluster.url() })
    await admin.connect()
    await admin.query(`CREATE ROLE kabupaten_app LOGIN PASSWORD 'app-secret-9'`)
    await admin.query('CREATE SCHEMA theirs')
    await admin.end()
    const options = resolvePostgresOptions({
      connectionString: cluster.url({ user: 'kabupaten_app', password: 'app-secret-9' }),
      schema: 'theirs',
      plaintext: true,
    })
    const error = await failure(() => openDatabase(options, migrations))
    expect(error.keys).toEqual(['schema'])
    expect(error.message).toContain('skema "theirs" dimiliki peran lain')
    expect(allText(error)).not.toContain('app-secret-9')
  })
})

describe('the throwaway cluster itself', () => {
  it('survives a fast restart, and a pooled query after it succeeds', async () => {
    const pool = new pg.Pool({ connectionString: cluster.url(), max: 2 })
    pool.on('error', () => {})
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1)
    cluster.restart()
    let answered = false
    for (let i = 0; i < 5 && !answered; i++) {
      answered = await pool.query('SELECT 1').then(
        () => true,
        () => false,
      )
    }
    expect(answered).toBe(true)
    await pool.end()
  })

  it('streams to a replica made with pg_basebackup', async () => {
    const replica = await cluster.startReplica()
    try {
      const primary = new pg.Client({ connectionString: cluster.url() })
      await primary.connect()
      await primary.query('CREATE TABLE replicated (v text)')
      await primary.query(`INSERT INTO replicated VALUES ('dari primary')`)
      await primary.end()
      const reader = new pg.Client({ connectionString: replica.url() })
      await reader.connect()
      expect((await reader.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true)
      let seen: string | undefined
      for (let i = 0; i < 100 && !seen; i++) {
        const { rows } = await reader.query(`SELECT to_regclass('replicated') IS NOT NULL AS ok`)
        if (rows[0].ok) seen = (await reader.query('SELECT v FROM replicated')).rows[0]?.v
        if (!seen) await new Promise((r) => setTimeout(r, 100))
      }
      expect(seen).toBe('dari primary')
      await reader.end()
    } finally {
      replica.stop()
    }
  })
})

describe('createPostgresStore refuses bad configuration with a ConfigError', () => {
  it('a wrong password, a missing protection choice and a wrong key, never echoing a secret', async () => {
    const wrong = await failure(() =>
      createPostgresStore({ connectionString: cluster.url({ password: 'hunter2' }), plaintext: true }),
    )
    expect(wrong.message).toContain('PostgreSQL menolak kata sandi atau peran')
    expect(allText(wrong)).not.toContain('hunter2')
    const unchosen = await failure(() =>
      createPostgresStore({ connectionString: cluster.url({ password: 'hunter2' }) } as never),
    )
    expect(unchosen.keys).toEqual(expect.arrayContaining(['encryptionKey', 'plaintext']))
    expect(allText(unchosen)).not.toContain('hunter2')
    const store = await createPostgresStore({
      connectionString: cluster.url(),
      schema: 'keyed',
      encryptionKey: Buffer.alloc(32, 1),
    })
    await store.close()
    const otherKey = await failure(() =>
      createPostgresStore({
        connectionString: cluster.url(),
        schema: 'keyed',
        encryptionKey: Buffer.alloc(32, 2),
      }),
    )
    expect(otherKey.keys).toEqual(['encryptionKey'])
    const clear = await failure(() =>
      createPostgresStore({ connectionString: cluster.url(), schema: 'keyed', plaintext: true }),
    )
    expect(clear.message).toContain('terenkripsi')
  })

  it('an unreachable server and a schema owned by another role, through createPostgresStore', async () => {
    const port = cluster.port === 1 ? 2 : 1
    const unreachable = await failure(() =>
      createPostgresStore({
        connectionString: `postgres://postgres:hunter2@127.0.0.1:${port}/postgres`,
        connectTimeoutMs: 2000,
        plaintext: true,
      }),
    )
    expect(unreachable.message).toContain(
      `Opsi createPostgresStore tidak valid: server PostgreSQL postgres@127.0.0.1:${port}/postgres tidak dapat dihubungi`,
    )
    expect(unreachable.keys).toEqual(['connectionString'])
    expect(allText(unreachable)).not.toContain('hunter2')

    const admin = new pg.Client({ connectionString: cluster.url() })
    await admin.connect()
    await admin.query(`CREATE ROLE kecamatan_app LOGIN PASSWORD 'kec-secret-7'`)
    await admin.query('CREATE SCHEMA kabupaten_owned')
    await admin.end()
    const foreign = await failure(() =>
      createPostgresStore({
        connectionString: cluster.url({ user: 'kecamatan_app', password: 'kec-secret-7' }),
        schema: 'kabupaten_owned',
        plaintext: true,
      }),
    )
    expect(foreign.keys).toEqual(['schema'])
    expect(foreign.message).toContain('skema "kabupaten_owned" dimiliki peran lain')
    expect(foreign.messageEn).toContain('schema "kabupaten_owned" is owned by another role')
    expect(allText(foreign)).not.toContain('kec-secret-7')
  })
})
