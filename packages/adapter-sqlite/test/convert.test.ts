// Issue 15 item 1: converting a clear store to an encrypted one leaves no stale clear copy of any
// personal field in the file or its WAL; and a store without an explicit choice is refused.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { balongbendo, createAk1Service } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore, type SqliteStoreOptions } from '../src/index'
import { fixture, startChild } from './helpers/child'
import { tempDir, testKey } from './helpers/temp'

const application = sampleApplication()
const { applicant, contacts } = application
/** Each personal field of the sample applicant, as it would appear in clear. */
const personal = {
  name: applicant.fullName,
  nik: applicant.nik,
  kk: applicant.kk,
  phone: contacts.mobile.replace(/^\+62/, ''),
  email: contacts.email as string,
  street: applicant.address.street,
  birthDate: applicant.birthDate,
}

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('ak1-sqlite-convert-')
})
afterEach(() => tmp.remove())

/** The bytes of the database file and of its -wal and -shm, when present. */
function fileBytes(name = 'ak1.sqlite'): Buffer {
  return Buffer.concat(
    readdirSync(tmp.dir)
      .filter((f) => f.startsWith(name))
      .map((f) => readFileSync(join(tmp.dir, f))),
  )
}

/** The personal fields found in clear in the file (and WAL), by name. */
function inClear(fields: Record<string, string>, name?: string): string[] {
  const bytes = fileBytes(name)
  return Object.entries(fields)
    .filter(([, value]) => bytes.includes(value))
    .map(([field]) => field)
}

const officers = [
  { id: 'petugas-1', role: 'petugas' },
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]
const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER']

/** Submits cases and moves them on with the real engine: every step rewrites the case body. */
async function writeAndUpdate(options: SqliteStoreOptions, cases: number, steps: number) {
  const store = createSqliteStore(options)
  const service = createAk1Service({ standard: balongbendo, store })
  const ids: string[] = []
  for (let i = 0; i < cases; i++) {
    const nik = `${applicant.nik.slice(0, 12)}${String(i + 1).padStart(4, '0')}`
    const view = await service.submit(sampleApplication({ applicant: { nik } }), {
      actor: officers[0]!,
      channel: 'tatap_muka',
    })
    ids.push(view.id)
    for (let s = 0; s < steps; s++) {
      const current = await service.get(view.id)
      for (const actor of officers) {
        const action = (await service.availableActions(view.id, actor)).find((a) => forward.includes(a.type))
        if (!action) continue
        const event = action.needs ? { type: action.type, verified: action.needs } : { type: action.type }
        await service.act(view.id, event as never, { actor, expectedVersion: current.version })
        break
      }
    }
  }
  await service.runOutbox()
  return { store, ids }
}

describe('converting a clear store: opening it with encryptionKey', () => {
  it('leaves no personal field in the file or the WAL after updates in clear', async () => {
    const filename = tmp.file()
    const clear = await writeAndUpdate({ filename, plaintext: true }, 3, 5)
    await clear.store.close()
    // The control: in clear, every field is in the file.
    expect(inClear(personal)).toEqual(Object.keys(personal))

    const store = createSqliteStore({ filename, encryptionKey: testKey(1) })
    expect(inClear(personal)).toEqual([])
    for (const id of clear.ids) expect((await store.load(id))?.version).toBe(6)
    expect(
      (await store.list({ applicantNik: applicant.nik.slice(0, 12).concat('0002') })).items,
    ).toHaveLength(1)
    await store.checkpoint()
    await store.close()
    expect(inClear(personal)).toEqual([])
    // And it stays so: reopened, updated, closed.
    const again = createSqliteStore({ filename, encryptionKey: testKey(1) })
    const service = createAk1Service({ standard: balongbendo, store: again })
    await service.submit(sampleApplication(), { actor: officers[0]!, channel: 'tatap_muka' })
    await again.close()
    expect(inClear(personal)).toEqual([])
  })

  it('leaves none after a clear writer was killed with SIGKILL, and loses nothing it acknowledged', async () => {
    const filename = tmp.file()
    const child = startChild(fixture('crash-service.mjs'), [filename, 'k'])
    await child.waitForLines(25)
    child.kill('SIGKILL')
    const exit = await child.exited
    expect(exit.signal, exit.stderr).toBe('SIGKILL')
    const acks = child.lines as Array<{ caseId: string; version: number }>
    // The killed writer left its commits in the WAL, in clear.
    expect(existsSync(`${filename}-wal`)).toBe(true)
    // The fixture numbers NIKs 351512540501xxxx; the other fields are the sample's.
    const fields = { ...personal, nik: applicant.nik.slice(0, 12) }
    expect(inClear(fields)).toEqual(Object.keys(fields))

    const store = createSqliteStore({ filename, encryptionKey: testKey(2) })
    expect(inClear(fields)).toEqual([])
    for (const ack of acks) {
      expect((await store.load(ack.caseId))?.version, ack.caseId).toBeGreaterThanOrEqual(ack.version)
    }
    await store.checkpoint()
    await store.close()
    expect(inClear(fields)).toEqual([])
    expect(readFileSync(`${filename}-wal`, { flag: 'a+' }).length).toBe(0)
  })
})

describe('createSqliteStore needs an explicit choice about personal data', () => {
  it('without encryptionKey or plaintext: true it refuses, saying why, in Indonesian first', () => {
    let error: unknown
    try {
      createSqliteStore({ filename: tmp.file() })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'CONFIG', keys: ['encryptionKey', 'plaintext'] })
    const { message, messageEn } = error as { message: string; messageEn: string }
    expect(message).toContain('pilih perlindungan data pribadi')
    expect(message).toContain('plaintext: true')
    expect(message).toContain('UU PDP 27/2022')
    expect(messageEn).toContain('choose how personal data is protected')
    // Nothing was created.
    expect(readdirSync(tmp.dir)).toEqual([])
  })

  it('refuses plaintext: true together with a key, and plaintext: false alone', () => {
    expect(() =>
      createSqliteStore({ filename: tmp.file(), plaintext: true, encryptionKey: testKey(1) }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG', keys: ['plaintext'] }))
    expect(() => createSqliteStore({ filename: tmp.file(), plaintext: false })).toThrow(
      expect.objectContaining({ code: 'CONFIG', keys: ['encryptionKey', 'plaintext'] }),
    )
  })

  it('plaintext: true stores in clear, as chosen', async () => {
    const { store } = await writeAndUpdate({ filename: tmp.file(), plaintext: true }, 1, 1)
    expect(store.capabilities.encryption).toBe(false)
    await store.close()
    expect(inClear(personal)).toContain('nik')
  })
})
