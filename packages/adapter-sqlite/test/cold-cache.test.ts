// The cold part of a case body is compared with what this connection last wrote instead of being
// read back, but only while the case's stored version is the one of that write: another process's
// commit, or a commit of this one that rolled back, never makes the store skip a needed write.
import type { StoredCase } from '@ak1/core/ports'
import { buildAuditEntry, buildCreate, buildStoredCase, buildUpdate } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createColdCache } from '../src/commit'
import { createSqliteStore, type SqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

const key = testKey(9)
const personX = { nama: 'Siti Aminah', kk: '3515010101900009' }
const personY = { nama: 'Dewi Lestari', kk: '3515010101900010' }
const personZ = { nama: 'Rina Wati', kk: '3515010101900011' }

/** Counts the writes to `ak1_case_cold` made through one connection. */
function countingStore(file: string, sealed: boolean): { store: SqliteStore; coldWrites: () => number } {
  const db = new Database(file)
  let writes = 0
  db.function('ak1_test_count', () => {
    writes++
    return null
  })
  const store = sealed
    ? createSqliteStore({ database: db, encryptionKey: key })
    : createSqliteStore({ database: db, plaintext: true })
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS count_insert AFTER INSERT ON main.ak1_case_cold
      BEGIN SELECT ak1_test_count(); END;
    CREATE TEMP TRIGGER IF NOT EXISTS count_update AFTER UPDATE ON main.ak1_case_cold
      BEGIN SELECT ak1_test_count(); END;`)
  return {
    store: {
      ...store,
      close: async () => {
        await store.close()
        db.close()
      },
    },
    coldWrites: () => writes,
  }
}

type Counting = ReturnType<typeof countingStore>

/** Two connections to one new file; the first has created `case-1` with `personX`. */
async function withTwoConnections(
  sealed: boolean,
  run: (a: Counting, b: Counting, c1: StoredCase) => Promise<void>,
): Promise<void> {
  const file = tmp.file()
  const a = countingStore(file, sealed)
  const b = countingStore(file, sealed)
  try {
    const c1 = buildStoredCase({ id: 'case-1', personal: personX })
    await a.store.commit(buildCreate(c1))
    await run(a, b, c1)
  } finally {
    await a.store.close()
    await b.store.close()
  }
}

describe.each([
  ['clear', false],
  ['encrypted', true],
])('the cold part on a %s file', (_name, sealed) => {
  it('is not rewritten when unchanged, and is when changed', async () => {
    const file = tmp.file()
    const a = countingStore(file, sealed)
    try {
      const c1 = buildStoredCase({ id: 'case-1', personal: personX })
      await a.store.commit(buildCreate(c1))
      const c2 = buildUpdate(c1, { state: 'validasi' })
      await a.store.commit(c2)
      expect(a.coldWrites()).toBe(1)
      const c3 = buildUpdate(c2.case, { personal: personY })
      await a.store.commit(c3)
      expect(a.coldWrites()).toBe(2)
      expect((await a.store.load('case-1'))?.personal).toEqual(personY)
    } finally {
      await a.store.close()
    }
  })

  it('is written again after another connection changed it, though this one wrote the same text before', () =>
    withTwoConnections(sealed, async (a, b, c1) => {
      // The other connection moves the case on and changes its personal data.
      const c2 = buildUpdate(c1, { personal: personY })
      await b.store.commit(c2)
      // This connection writes X again, at the version it has not seen: it must not trust what it
      // remembers of version 1.
      const c3 = buildUpdate(c2.case, { personal: personX })
      await a.store.commit(c3)
      expect((await b.store.load('case-1'))?.personal).toEqual(personX)
      expect(a.coldWrites()).toBe(2)
    }))

  it('remembers nothing of a commit that rolled back', () =>
    withTwoConnections(sealed, async (a, b, c1) => {
      // Fails after the case and its cold part were written (the audit entry names another case).
      const failing = buildUpdate(c1, { personal: personZ }, { audit: [buildAuditEntry('case-other', 2)] })
      await expect(a.store.commit(failing)).rejects.toThrow()
      expect((await a.store.load('case-1'))?.personal).toEqual(personX)
      // Version 2 is then made by the other connection, with Y.
      const c2 = buildUpdate(c1, { personal: personY })
      await b.store.commit(c2)
      // This connection now commits version 3 with Z: Z must be stored, though its rolled-back
      // commit had written Z at a version 2.
      const c3: StoredCase = buildUpdate(c2.case, { personal: personZ }).case
      await a.store.commit({ ...buildUpdate(c2.case), case: c3 })
      expect((await b.store.load('case-1'))?.personal).toEqual(personZ)
    }))
})

describe('the cold cache', () => {
  it('answers only for the version remembered, and forgets its oldest entry when full', () => {
    const cache = createColdCache(2)
    cache.set('a', 1, 'x')
    expect(cache.get('a', 1)).toBe('x')
    expect(cache.get('a', 2)).toBeUndefined()
    cache.set('b', 1, 'y')
    cache.set('a', 3, 'z')
    cache.set('c', 1, 'w')
    expect(cache.get('b', 1)).toBeUndefined()
    expect(cache.get('a', 3)).toBe('z')
    expect(cache.get('c', 1)).toBe('w')
  })
})
