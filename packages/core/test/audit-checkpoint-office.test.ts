import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareCheckpoints } from '../src/engine/checkpoint-check'
import { createEd25519CheckpointSigner } from '../src/engine/checkpoint-signer'
import { createAk1Service } from '../src/engine/service'
import { NotFoundError, ValidationError } from '../src/errors/errors'
import type { AuditEntry, StoredCase } from '../src/ports/case-store'
import type { Ak1Store } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, MINUTE, officers } from './service-helpers'

const informasi = { id: 'pli-1', role: 'petugas_informasi' }
const auditKey = 'k'.repeat(32)
const keys = generateKeyPairSync('ed25519')
const signer = createEd25519CheckpointSigner({ privateKey: keys.privateKey })
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()

/** A store through which rows can be hidden (deleted outright) or trails rewritten, as a database admin could. */
function editable(base: Ak1Store) {
  const gone = new Set<string>()
  const rowsGone = new Set<string>()
  let rewrite: ((id: string, entries: AuditEntry[]) => AuditEntry[]) | null = null
  const store: Ak1Store = Object.create(base)
  store.load = async (id) => (gone.has(id) || rowsGone.has(id) ? null : base.load(id))
  store.loadRecord = async (kind, id) => (gone.has(id) || rowsGone.has(id) ? null : base.loadRecord(kind, id))
  store.timeline = async (id) => {
    if (gone.has(id)) return []
    const entries = await base.timeline(id)
    return rewrite ? rewrite(id, entries) : entries
  }
  store.streamAudit = async function* (query) {
    const byId = new Map<string, AuditEntry[]>()
    for await (const entry of base.streamAudit(query)) {
      if (gone.has(entry.caseId)) continue
      byId.set(entry.caseId, [...(byId.get(entry.caseId) ?? []), entry])
    }
    for (const [id, entries] of byId) yield* rewrite ? rewrite(id, entries) : entries
  }
  return {
    store,
    deleteAll: (id: string) => gone.add(id),
    deleteRow: (id: string) => rowsGone.add(id),
    rewrite: (fn: typeof rewrite) => {
      rewrite = fn
    },
  }
}

async function office() {
  const clock = fakeClock('2026-04-14T01:00:00.000Z')
  const edit = editable(createMemoryStore())
  const service = createAk1Service({
    standard: balongbendo,
    store: edit.store,
    clock,
    auditKey,
    checkpointSigner: signer,
    sipraja: false,
  })
  const one = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  await driveToEnd(service, one)
  const two = await service.submit(sampleApplication({ applicant: { nik: '3515125405010002' } }), {
    actor: officers.petugas,
    channel: 'tatap_muka',
  })
  const complaint = await service.complaints.record(
    { type: 'saran', channel: 'langsung', section: 'pelayanan', content: 'Tambah kursi ruang tunggu' },
    { actor: informasi },
  )
  return { clock, edit, service, one, two, complaint }
}

describe('an office checked against a checkpoint as a whole', () => {
  it('checks every case and record the checkpoint lists, and finds a case deleted outright', async () => {
    const { edit, service, one, two, complaint } = await office()
    const cp = await service.checkpoint()
    expect(cp.size).toBe(4)
    expect(await service.verifyCheckpoint(JSON.stringify(cp), { publicKey })).toEqual({
      ok: true,
      at: cp.at,
      root: cp.root,
      checked: 4,
      problems: [],
    })

    // A case, trail and row, deleted outright: verifyAudit can only say NotFound.
    edit.deleteAll(two.id)
    await expect(service.verifyAudit(two.id)).rejects.toThrow(NotFoundError)
    const found = await service.verifyCheckpoint(cp)
    expect(found.ok).toBe(false)
    expect(found.problems).toEqual([
      expect.objectContaining({
        caseId: two.id,
        aggregateKind: null,
        brokenAt: 1,
        reason: expect.stringMatching(/trail is gone/),
      }),
    ])

    // The complaint's row deleted, its trail left: the row is missing.
    edit.deleteRow(complaint.id)
    const rowGone = await service.verifyCheckpoint(cp)
    expect(rowGone.problems.map((p) => [p.caseId, p.aggregateKind, p.brokenAt])).toEqual(
      [
        [two.id, null, 1],
        [complaint.id, 'complaint', 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    expect(rowGone.problems.some((p) => p.caseId === one.id)).toBe(false)
  })

  it('finds a trail cut short, and a case row rolled back, in any aggregate of the office', async () => {
    const { edit, service, one } = await office()
    const cp = await service.checkpoint()
    const { version } = await service.get(one.id)
    edit.rewrite((id, entries) => (id === one.id ? entries.slice(0, -2) : entries))
    const cut = await service.verifyCheckpoint(cp)
    expect(cut.problems).toEqual([
      expect.objectContaining({ caseId: one.id, aggregateKind: 'case', brokenAt: version - 1 }),
    ])
    edit.rewrite(null)
    // A case row older than its trail (a restored backup of the row alone).
    const base = Object.getPrototypeOf(edit.store) as Ak1Store
    const current = (await base.load(one.id)) as StoredCase
    edit.store.load = async (id) =>
      id === one.id ? { ...current, version: current.version - 1 } : base.load(id)
    const rolled = await service.verifyCheckpoint(cp)
    expect(rolled.problems).toEqual([
      expect.objectContaining({ caseId: one.id, reason: expect.stringMatching(/version/) }),
    ])
  })

  it('answers a checkpoint signed by another key as not ok, and refuses one of another office', async () => {
    const { service } = await office()
    const cp = await service.checkpoint()
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const wrongKey = await service.verifyCheckpoint(cp, { publicKey: other })
    expect(wrongKey).toMatchObject({
      ok: false,
      checked: 0,
      problems: [{ reason: expect.stringMatching(/another key/) }],
    })
    await expect(service.verifyCheckpoint({ ...cp, officeCode: 'X' })).rejects.toThrow(ValidationError)
    await expect(service.verifyCheckpoint('{bukan json')).rejects.toThrow(/checkpoint bukan JSON/)
    await expect(
      // @ts-expect-error a wrong type at the entry
      service.verifyCheckpoint(cp, 'kunci'),
    ).rejects.toThrow(ValidationError)
  })
})

describe('a record checked like a case', () => {
  it('verifies a complaint trail, its MACs and the checkpoint, and finds an edited entry', async () => {
    const { edit, service, complaint } = await office()
    await service.complaints.report(complaint.id, { to: 'kasi-pem' }, { actor: informasi })
    const cp = await service.checkpoint()
    expect(await service.verifyRecordAudit('complaint', complaint.id)).toEqual({
      ok: true,
      entries: 2,
      authenticated: 2,
      checkpoint: { at: cp.at, root: cp.root, seq: 2 },
    })
    edit.rewrite((id, entries) =>
      id === complaint.id
        ? entries.map((e) => (e.seq === 1 ? { ...e, details: { forged: true } } : e))
        : entries,
    )
    expect(await service.verifyRecordAudit('complaint', complaint.id)).toMatchObject({
      ok: false,
      brokenAt: 1,
    })
    edit.rewrite((id, entries) => (id === complaint.id ? entries.slice(0, 1) : entries))
    expect(await service.verifyRecordAudit('complaint', complaint.id, { checkpoint: cp })).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/complaint is at version 2, but its trail has 1/),
    })
    await expect(service.verifyRecordAudit('complaint', 'tidak-ada')).rejects.toThrow(NotFoundError)
    await expect(service.verifyRecordAudit('card', complaint.id)).rejects.toThrow(NotFoundError)
    // @ts-expect-error a wrong type at the entry
    await expect(service.verifyRecordAudit(7, complaint.id)).rejects.toThrow(/kind/)
  })
})

describe('two checkpoints compared over time, with no database', () => {
  it('carries every trail forward, counts the new ones, and finds a rewrite between them', async () => {
    const { clock, edit, service, one, complaint } = await office()
    const older = await service.checkpoint()
    clock.advance(60 * MINUTE)
    await service.complaints.report(complaint.id, { to: 'kasi-pem' }, { actor: informasi })
    await service.submit(sampleApplication({ applicant: { nik: '3515125405010003' } }), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const newer = await service.checkpoint()
    expect(newer.leaves.find((l) => l.caseId === complaint.id)?.seq).toBe(2)
    expect(compareCheckpoints(older, JSON.stringify(newer), publicKey)).toEqual({
      ok: true,
      carried: 4,
      added: 1,
      problems: [],
    })
    await expect(async () => compareCheckpoints(newer, older, publicKey)).rejects.toThrow(/dibuat sebelum/)

    // Someone cuts a trail short and rewrites it; the next checkpoint signs what it sees.
    edit.rewrite((id, entries) => (id === one.id ? entries.slice(0, 5) : entries))
    clock.advance(60 * MINUTE)
    const forged = await service.checkpoint()
    const compared = compareCheckpoints(older, forged, publicKey)
    expect(compared.ok).toBe(false)
    expect(compared.problems).toEqual([expect.objectContaining({ caseId: one.id, brokenAt: 6 })])

    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(compareCheckpoints(older, newer, other)).toMatchObject({
      ok: false,
      problems: [{ reason: expect.stringMatching(/^older:/) }, { reason: expect.stringMatching(/^newer:/) }],
    })
  })
})
