// Issue 15 item 7: the three rewrites of the audit trail by someone who can write the database file,
// on a real SQLite file. Each passes the unkeyed hash-chain check (all that `verifyAudit` did before)
// and is found by the audit key, the case version, or a signed checkpoint taken before the rewrite.
import { createHash, generateKeyPairSync } from 'node:crypto'
import {
  type AuditCheckpoint,
  type AuditEntry,
  balongbendo,
  createAk1Service,
  createEd25519CheckpointSigner,
  verifyAuditChain,
} from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('ak1-sqlite-anchor-')
})
afterEach(() => tmp.remove())

const application = sampleApplication()
const petugas = { id: 'petugas-1', role: 'petugas' }
const pemohon = { id: 'pemohon-1', role: 'pemohon', nik: application.applicant.nik }
const auditKey = 'kunci-audit-kecamatan-balongbendo-di-luar-basis-data'
const { privateKey, publicKey } = generateKeyPairSync('ed25519')
const signer = createEd25519CheckpointSigner({ privateKey })

function open(options: { encrypted?: boolean; key?: boolean } = {}) {
  const store = createSqliteStore({
    filename: tmp.file(),
    ...(options.encrypted ? { encryptionKey: testKey(7) } : { plaintext: true }),
  })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock: { now: () => new Date('2026-04-14T01:00:00.000Z') },
    checkpointSigner: signer,
    ...(options.key === false ? {} : { auditKey }),
  })
  return { store, service }
}

/** A case accepted at penerimaan (version 2), then returned to the applicant (version 3). */
async function returnedCase(service: ReturnType<typeof open>['service']) {
  const c = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
  const [accept] = await service.availableActions(c.id, petugas)
  const accepted = await service.act(
    c.id,
    { type: 'ACCEPT', verified: accept?.needs ?? [] },
    { actor: petugas, expectedVersion: c.version },
  )
  return accepted
}

/** The file's raw rows, as an intruder with write access sees them. */
function raw() {
  return new Database(tmp.file())
}

/** What an intruder computes: SHA-256 over the entry's JSON with sorted keys, without `hash` and `mac`. */
function auditHash(entry: AuditEntry): string {
  const canonical = (v: unknown): string =>
    v === null || typeof v !== 'object'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : `{${Object.keys(v)
            .filter((k) => k !== 'hash' && k !== 'mac' && (v as Record<string, unknown>)[k] !== undefined)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
  return createHash('sha256').update(canonical(entry)).digest('hex')
}

type Row = { seq: number; entry: string }
function readTrail(db: Database.Database, caseId: string): AuditEntry[] {
  const rows = db
    .prepare('SELECT seq, entry FROM ak1_audit WHERE case_id = ? ORDER BY seq')
    .all(caseId) as Row[]
  return rows.map((r) => JSON.parse(r.entry) as AuditEntry)
}

/** Today's check, the one `verifyAudit` ran before: the hash chain up to the head the case records. */
function chainOnly(db: Database.Database, caseId: string) {
  const body = JSON.parse(
    (db.prepare('SELECT body FROM ak1_cases WHERE id = ?').pluck().get(caseId) as Buffer | string).toString(),
  )
  return verifyAuditChain(readTrail(db, caseId), body.data.audit)
}

describe('audit anchoring against rewrites of the database', () => {
  it('edit an entry, recompute every hash, rewrite the head: found by the key and by the checkpoint', async () => {
    const { store, service } = open()
    const c = await returnedCase(service)
    const withdrawn = await service.act(
      c.id,
      { type: 'WITHDRAW', reason: 'pindah domisili' },
      { actor: pemohon },
    )
    const checkpoint: AuditCheckpoint = JSON.parse(JSON.stringify(await service.checkpoint()))
    expect(await service.verifyAudit(c.id, { checkpoint })).toMatchObject({
      ok: true,
      entries: withdrawn.version,
      authenticated: withdrawn.version,
      checkpoint: { seq: withdrawn.version },
    })
    await store.close()

    // The intruder makes the withdrawal the petugas's own doing, and fixes up every hash and the head.
    const db = raw()
    const entries = readTrail(db, c.id)
    let prev = entries[0]!.prevHash
    for (const e of entries) {
      if (e.event === 'WITHDRAW') e.actor = { id: 'petugas-1', role: 'petugas' }
      e.prevHash = prev
      e.hash = auditHash(e)
      prev = e.hash
      db.prepare('UPDATE ak1_audit SET entry = ? WHERE case_id = ? AND seq = ?').run(
        JSON.stringify(e),
        c.id,
        e.seq,
      )
    }
    const body = JSON.parse(db.prepare('SELECT body FROM ak1_cases WHERE id = ?').pluck().get(c.id) as string)
    body.data.audit = { seq: entries.at(-1)!.seq, hash: prev }
    db.prepare('UPDATE ak1_cases SET body = ? WHERE id = ?').run(JSON.stringify(body), c.id)
    expect(chainOnly(db, c.id)).toEqual({ ok: true, entries: withdrawn.version })
    db.close()

    // Without the key and without a checkpoint, nothing is wrong to see.
    const bare = open({ key: false })
    expect(await bare.service.verifyAudit(c.id)).toMatchObject({ ok: true })
    await bare.store.close()
    // The key finds the forged entry; the checkpoint finds it even without the key.
    const keyed = open()
    expect(await keyed.service.verifyAudit(c.id)).toMatchObject({
      ok: false,
      brokenAt: withdrawn.version,
      reason: expect.stringContaining('not written with the audit key'),
    })
    await keyed.store.close()
    const anchored = open({ key: false })
    expect(await anchored.service.verifyAudit(c.id, { checkpoint, publicKey })).toMatchObject({
      ok: false,
      brokenAt: withdrawn.version,
      reason: expect.stringContaining('the trail was rewritten'),
    })
    await anchored.store.close()
  })

  it('delete the last entries and move the head back: found by the version, and by the checkpoint', async () => {
    const { store, service } = open()
    const c = await returnedCase(service)
    const withdrawn = await service.act(c.id, { type: 'WITHDRAW' }, { actor: pemohon })
    const checkpoint = JSON.stringify(await service.checkpoint())
    await store.close()

    const db = raw()
    const keep = c.version
    const entries = readTrail(db, c.id)
    db.prepare('DELETE FROM ak1_audit WHERE case_id = ? AND seq > ?').run(c.id, keep)
    const body = JSON.parse(db.prepare('SELECT body FROM ak1_cases WHERE id = ?').pluck().get(c.id) as string)
    body.data.audit = { seq: keep, hash: entries[keep - 1]!.hash }
    db.prepare('UPDATE ak1_cases SET body = ? WHERE id = ?').run(JSON.stringify(body), c.id)
    expect(chainOnly(db, c.id)).toEqual({ ok: true, entries: keep })
    db.close()

    const s = open()
    expect(await s.service.verifyAudit(c.id)).toMatchObject({
      ok: false,
      brokenAt: keep + 1,
      reason: `the case is at version ${withdrawn.version}, but its trail has ${keep} entries`,
    })
    await s.store.close()

    // A careful intruder also puts the version back: the checkpoint still saw the longer trail.
    const db2 = raw()
    db2.prepare('UPDATE ak1_cases SET version = ? WHERE id = ?').run(keep, c.id)
    db2.close()
    const again = open()
    expect(await again.service.verifyAudit(c.id)).toMatchObject({ ok: true, entries: keep })
    expect(await again.service.verifyAudit(c.id, { checkpoint })).toMatchObject({
      ok: false,
      brokenAt: keep + 1,
      reason: expect.stringContaining(`saw ${withdrawn.version}`),
    })
    await again.store.close()
  })

  it('on an encrypted store, an older sealed case row restored and later entries deleted: found by the checkpoint', async () => {
    const { store, service } = open({ encrypted: true })
    const c = await returnedCase(service)
    await store.close()
    const db = raw()
    const before = db.prepare('SELECT * FROM ak1_cases WHERE id = ?').get(c.id) as Record<string, unknown>
    expect(Buffer.isBuffer(before.body)).toBe(true)
    db.close()

    const s = open({ encrypted: true })
    const withdrawn = await s.service.act(c.id, { type: 'WITHDRAW' }, { actor: pemohon })
    expect(withdrawn.state).toBe('dibatalkan')
    const checkpoint = JSON.stringify(await s.service.checkpoint())
    await s.store.close()

    // The intruder cannot read or forge a sealed row, but can put an old one back and drop rows.
    const db2 = raw()
    const columns = Object.keys(before).filter((k) => k !== 'id')
    db2
      .prepare(`UPDATE ak1_cases SET ${columns.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run(before)
    db2.prepare('DELETE FROM ak1_audit WHERE case_id = ? AND seq > ?').run(c.id, c.version)
    db2.close()

    const after = open({ encrypted: true })
    // The WITHDRAW is gone, and every check of today passes: chain, head, version, even the MACs.
    expect((await after.service.get(c.id)).state).not.toBe('dibatalkan')
    expect((await after.service.timeline(c.id)).map((e) => e.event)).not.toContain('WITHDRAW')
    expect(await after.service.verifyAudit(c.id)).toMatchObject({ ok: true, authenticated: c.version })
    expect(await after.service.verifyAudit(c.id, { checkpoint })).toMatchObject({
      ok: false,
      brokenAt: c.version + 1,
      reason: expect.stringContaining(`saw ${withdrawn.version}`),
    })
    await after.store.close()
  })
})
