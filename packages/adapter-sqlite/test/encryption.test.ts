import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { balongbendo, createAk1Service } from '@ak1/core'
import type { Ak1Store as CaseStore, Json } from '@ak1/core/ports'
import { createRecordCodec, createSealer } from '@ak1/core/ports'
import {
  buildAuditEntry,
  buildCreate,
  buildOutboxRow,
  buildStoredCase,
  sampleApplication,
} from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore, type SqliteStoreOptions } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

const application = sampleApplication()
const nik = application.applicant.nik
const kk = application.applicant.kk
const name = application.applicant.fullName
const mobile = application.contacts.mobile // +6281234567890
/** What must never be found in the file of an encrypted store (the mobile without +62 or 0). */
const secrets = [nik, kk, name, mobile.replace(/^\+62/, '')]

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('ak1-sqlite-enc-')
})
afterEach(() => tmp.remove())

function open(options: Partial<SqliteStoreOptions> = {}) {
  // Clear unless the test gives a key: the store needs the choice made explicitly.
  const choice = options.encryptionKey === undefined ? { plaintext: true } : {}
  return createSqliteStore({ filename: tmp.file(), ...choice, ...options } as SqliteStoreOptions)
}

/** A case whose personal data appears everywhere a careless store could leak it. */
async function seed(store: CaseStore) {
  const c = buildStoredCase({
    id: 'case-1',
    applicantNik: nik,
    personal: application as unknown as Json,
    data: { snapshot: { state: 'verifikasi' }, note: `pemohon ${name}` },
  })
  const entry = buildAuditEntry(c.id, 1, {
    actor: { id: 'petugas-1', role: 'petugas', onBehalfOf: nik },
    details: { note: `hubungi ${mobile}` },
  })
  await store.commit(
    buildCreate(c, {
      audit: [entry],
      outbox: [buildOutboxRow('out-1', c.id, { payload: { to: mobile, template: 'diterima' } })],
      command: { id: 'cmd-1', result: { nik, name } },
    }),
  )
  const now = '2026-03-02T01:00:00.000Z'
  await store.claimOutbox({ now, limit: 1, owner: 'w', leaseMs: 1000 })
  await store.failOutbox('out-1', 'w', { at: now, error: `nomor ${mobile} ditolak gateway` })
  const bytes = Buffer.from(`SCAN KTP ${nik} ${name} ${kk}`)
  await store.putAttachment({ sha256: 'ab'.repeat(32), contentType: 'image/jpeg', size: bytes.length, bytes })
  return { c, entry, bytes }
}

/** The bytes of the database file and any -wal / -shm beside it. */
function fileBytes(): Buffer {
  return Buffer.concat(
    readdirSync(tmp.dir)
      .filter((f) => f.startsWith('ak1.sqlite'))
      .map((f) => readFileSync(join(tmp.dir, f))),
  )
}

async function expectReadable(store: CaseStore, seeded: Awaited<ReturnType<typeof seed>>) {
  expect(await store.load('case-1')).toEqual(seeded.c)
  expect(await store.timeline('case-1')).toEqual([seeded.entry])
  expect((await store.list({ applicantNik: nik })).items.map((x) => x.id)).toEqual(['case-1'])
  expect((await store.list({ applicantNik: '3515125405010002' })).items).toEqual([])
  expect(await store.getCommand('cmd-1')).toMatchObject({ result: { nik, name } })
  expect((await store.listOutbox('case-1'))[0]).toMatchObject({
    payload: { to: mobile },
    lastError: `nomor ${mobile} ditolak gateway`,
  })
  expect(Buffer.from((await store.getAttachment('ab'.repeat(32)))!.bytes)).toEqual(seeded.bytes)
}

describe('personal data with encryptionKey (UU PDP)', () => {
  it('without a key the file holds the NIK, KK, name and mobile in clear (the control for the grep)', async () => {
    const store = open()
    expect(store.capabilities).toEqual({
      durable: true,
      encryption: false,
      inCommit: true,
      calendarIndex: true,
    })
    await seed(store)
    await store.close()
    const bytes = fileBytes()
    for (const s of secrets) expect(bytes.includes(s), s).toBe(true)
  })

  it('with a key the file holds none of them, WAL included, and lookup by NIK still works', async () => {
    const store = open({ encryptionKey: testKey(1) })
    expect(store.capabilities).toEqual({
      durable: true,
      encryption: true,
      inCommit: true,
      calendarIndex: true,
    })
    const seeded = await seed(store)
    // Before any checkpoint, the commits sit in the -wal file.
    for (const s of secrets) expect(fileBytes().includes(s), s).toBe(false)
    await expectReadable(store, seeded)
    await store.close()
    for (const s of secrets) expect(fileBytes().includes(s), s).toBe(false)
    const again = open({ encryptionKey: testKey(1) })
    await expectReadable(again, seeded)
    await again.close()
  })

  it('stores AES-256-GCM blobs tagged with their key id, and a tampered blob fails instead of reading wrong data', async () => {
    const store = open({ encryptionKey: { current: 'kunci-2026', keys: { 'kunci-2026': testKey(1) } } })
    await seed(store)
    await store.close()
    const db = new Database(tmp.file())
    const body = db.prepare('SELECT body FROM ak1_cases').pluck().get() as Buffer
    expect(body.subarray(2, 2 + body[1]!).toString()).toBe('kunci-2026')
    const nikLookup = db.prepare('SELECT nik_lookup FROM ak1_cases').pluck().get() as string
    expect(nikLookup).not.toContain(nik)
    body[body.length - 1] = body.at(-1)! ^ 1
    db.prepare('UPDATE ak1_cases SET body = ?').run(body)
    db.close()
    const reopened = open({ encryptionKey: { current: 'kunci-2026', keys: { 'kunci-2026': testKey(1) } } })
    await expect(reopened.load('case-1')).rejects.toMatchObject({ code: 'ADAPTER', retryable: false })
    await reopened.close()
  })

  it('refuses to open without the key, or with another key under the same id', async () => {
    const store = open({ encryptionKey: { current: 'a', keys: { a: testKey(1) } } })
    await seed(store)
    await store.close()
    expect(() => open()).toThrow(expect.objectContaining({ code: 'CONFIG', keys: ['encryptionKey'] }))
    expect(() => open({ encryptionKey: { current: 'a', keys: { a: testKey(2) } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('bukan kunci') }),
    )
    expect(() => open({ encryptionKey: testKey(2) })).toThrow(
      expect.objectContaining({
        code: 'CONFIG',
        messageEn: expect.stringContaining('missing from encryptionKey'),
      }),
    )
  })

  it('rotateKey() re-encrypts everything under the new key in one go; the old key is then not needed', async () => {
    const store = open({ encryptionKey: { current: '2026', keys: { '2026': testKey(1) } } })
    const seeded = await seed(store)
    expect(await store.rotateKey({ id: '2027', key: testKey(2) })).toEqual({
      keyId: '2027',
      cases: 1,
      records: 0,
      auditEntries: 1,
      commands: 1,
      outboxRows: 1,
      attachments: 1,
    })
    await expectReadable(store, seeded)
    await store.close()
    const db = new Database(tmp.file(), { readonly: true })
    const blobs = [
      db.prepare('SELECT body FROM ak1_cases').pluck().get(),
      db.prepare('SELECT entry FROM ak1_audit').pluck().get(),
      db.prepare('SELECT result FROM ak1_commands').pluck().get(),
      db.prepare('SELECT payload FROM ak1_outbox').pluck().get(),
      db.prepare('SELECT bytes FROM ak1_attachments').pluck().get(),
    ] as Buffer[]
    db.close()
    for (const b of blobs) expect(b.subarray(2, 2 + b[1]!).toString()).toBe('2027')
    for (const s of secrets) expect(fileBytes().includes(s), s).toBe(false)

    const rotated = open({ encryptionKey: { current: '2027', keys: { '2027': testKey(2) } } })
    await expectReadable(rotated, seeded)
    await rotated.close()
    expect(() => open({ encryptionKey: { current: '2026', keys: { '2026': testKey(1) } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG' }),
    )
  })

  it('rotateKey() keeps apart two offices that used the same command id', async () => {
    const store = open({ encryptionKey: { current: '2026', keys: { '2026': testKey(1) } } })
    await store.commit(
      buildCreate(buildStoredCase({ id: 'case-a', officeCode: 'A' }), {
        command: { id: 'same', scope: 'A', result: { office: 'A' } },
      }),
    )
    await store.commit(
      buildCreate(buildStoredCase({ id: 'case-b', officeCode: 'B' }), {
        command: { id: 'same', scope: 'B', result: { office: 'B' } },
      }),
    )
    expect(await store.rotateKey({ id: '2027', key: testKey(2) })).toMatchObject({ commands: 2 })
    await store.close()
    const rotated = open({ encryptionKey: { current: '2027', keys: { '2027': testKey(2) } } })
    expect(await rotated.getCommand('same', 'A')).toMatchObject({ caseId: 'case-a', result: { office: 'A' } })
    expect(await rotated.getCommand('same', 'B')).toMatchObject({ caseId: 'case-b', result: { office: 'B' } })
    await rotated.close()
  })

  it("a sealed command result is bound to its scope: office A's row copied onto office B's same id does not open", async () => {
    const store = open({ encryptionKey: testKey(1) })
    for (const office of ['A', 'B'])
      await store.commit(
        buildCreate(buildStoredCase({ id: `case-${office}`, officeCode: office }), {
          command: { id: 'same', scope: office, result: { office } },
        }),
      )
    await store.close()
    const db = new Database(tmp.file())
    db.prepare(
      "UPDATE ak1_commands SET result = (SELECT result FROM ak1_commands WHERE scope = 'A') WHERE scope = 'B'",
    ).run()
    db.close()
    const reopened = open({ encryptionKey: testKey(1) })
    expect(await reopened.getCommand('same', 'A')).toMatchObject({ result: { office: 'A' } })
    await expect(reopened.getCommand('same', 'B')).rejects.toMatchObject({
      code: 'ADAPTER',
      message: expect.stringContaining('command:["B","same"]'),
    })
    await reopened.close()
  })

  it('a command result sealed before the scope was bound (id alone) still opens; rotateKey re-seals it under scope and id', async () => {
    const store = open({ encryptionKey: { current: '2026', keys: { '2026': testKey(1) } } })
    await store.commit(
      buildCreate(buildStoredCase({ id: 'case-a', officeCode: 'A' }), {
        command: { id: 'old', scope: 'A', result: { office: 'A' } },
      }),
    )
    await store.close()
    const legacy = createRecordCodec(
      createSealer({ current: '2026', keys: new Map([['2026', Buffer.from(testKey(1), 'hex')]]) }),
    ).encodeJson({ office: 'A', sealed: 'before' }, 'command:old', true)
    const db = new Database(tmp.file())
    db.prepare("UPDATE ak1_commands SET result = ? WHERE scope = 'A' AND id = 'old'").run(
      Buffer.from(legacy as Uint8Array),
    )
    db.close()
    const before = open({ encryptionKey: { current: '2026', keys: { '2026': testKey(1) } } })
    expect(await before.getCommand('old', 'A')).toMatchObject({ result: { office: 'A', sealed: 'before' } })
    expect(await before.rotateKey({ id: '2027', key: testKey(2) })).toMatchObject({ commands: 1 })
    await before.close()
    const raw = new Database(tmp.file(), { readonly: true })
    const resealed = raw.prepare('SELECT result FROM ak1_commands').pluck().get() as Buffer
    raw.close()
    const next = createRecordCodec(
      createSealer({ current: '2027', keys: new Map([['2027', Buffer.from(testKey(2), 'hex')]]) }),
    )
    expect(() => next.decode(resealed, 'command:old')).toThrow()
    expect(JSON.parse(next.decode(resealed, 'command:["A","old"]'))).toEqual({
      office: 'A',
      sealed: 'before',
    })
  })

  it('a keyring with a new current key reads old data and writes new data under the new key', async () => {
    const store = open({ encryptionKey: { current: 'a', keys: { a: testKey(1) } } })
    const seeded = await seed(store)
    await store.close()
    const both = open({ encryptionKey: { current: 'b', keys: { a: testKey(1), b: testKey(2) } } })
    await expectReadable(both, seeded)
    await both.commit(buildCreate(buildStoredCase({ id: 'case-2', applicantNik: nik })))
    expect((await both.list({ applicantNik: nik })).items.map((c) => c.id)).toEqual(['case-1', 'case-2'])
    await both.close()
    // Both keys are now in use: neither alone opens the file.
    expect(() => open({ encryptionKey: { current: 'b', keys: { b: testKey(2) } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('a') }),
    )
  })

  it('a process that opened the file in clear cannot write once another process encrypted it', async () => {
    const clear = open()
    await clear.commit(buildCreate(buildStoredCase({ id: 'case-1' })))
    const encrypted = open({ encryptionKey: testKey(5) })
    await expect(clear.commit(buildCreate(buildStoredCase({ id: 'case-2' })))).rejects.toMatchObject({
      code: 'CONFIG',
      keys: ['encryptionKey'],
    })
    const bytes = new Uint8Array([9, 9, 9])
    await expect(
      clear.putAttachment({ sha256: 'cd'.repeat(32), contentType: 'image/png', size: 3, bytes }),
    ).rejects.toMatchObject({ code: 'CONFIG' })
    expect(await encrypted.load('case-2')).toBeNull()
    expect(await encrypted.getAttachment('cd'.repeat(32))).toBeNull()
    await Promise.all([clear.close(), encrypted.close()])
  })

  it('rotateKey() on a store without encryption fails with ConfigError', async () => {
    const store = open()
    await expect(store.rotateKey(testKey(1))).rejects.toMatchObject({
      code: 'CONFIG',
      keys: ['encryptionKey'],
    })
    await store.close()
  })

  it('opening a clear file with a key encrypts what it holds, leaving no clear copy behind', async () => {
    const clear = open()
    const seeded = await seed(clear)
    await clear.close()
    expect(fileBytes().includes(nik)).toBe(true)
    const store = open({ encryptionKey: testKey(3) })
    await expectReadable(store, seeded)
    await store.close()
    for (const s of secrets) expect(fileBytes().includes(s), s).toBe(false)
  })

  it('cases the real engine submits and moves on leave no personal data in clear, and are found by NIK', async () => {
    const store = open({ encryptionKey: testKey(4) })
    const service = createAk1Service({ standard: balongbendo, store })
    const petugas = { id: 'petugas-1', role: 'petugas' }
    const submitted = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
    const [accept] = await service.availableActions(submitted.id, petugas)
    expect(accept?.type).toBe('ACCEPT')
    await service.act(
      submitted.id,
      { type: 'ACCEPT', verified: accept?.needs ?? [] },
      { actor: petugas, expectedVersion: submitted.version, commandId: 'cmd-accept' },
    )
    expect((await store.list({ applicantNik: nik })).items.map((c) => c.id)).toEqual([submitted.id])
    await store.close()
    const bytes = fileBytes()
    for (const s of [...secrets, application.contacts.email!]) expect(bytes.includes(s), s).toBe(false)
  })
})
