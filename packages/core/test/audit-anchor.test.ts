import { createHash, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  type CheckpointLeaf,
  inclusionProof,
  leafHash,
  merkleRoot,
  verifyInclusion,
} from '../src/audit-anchor/index'
import { type AuditCheckpoint, parseCheckpoint, verifyCheckpoint } from '../src/engine/checkpoint'
import { createEd25519CheckpointSigner } from '../src/engine/checkpoint-signer'
import { createEngineContext } from '../src/engine/context'
import { createRecordPipeline } from '../src/engine/record-pipeline'
import { createAk1Service } from '../src/engine/service'
import { ConfigError, ValidationError } from '../src/errors/errors'
import type { AuditEntry } from '../src/ports/case-store'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, officers, tamperable } from './service-helpers'

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()
const leaves = (n: number): CheckpointLeaf[] =>
  Array.from({ length: n }, (_, i) => ({
    caseId: `c${String(i).padStart(3, '0')}`,
    seq: i + 1,
    hash: 'ab'.repeat(32),
  }))
const auditKey = 'k'.repeat(32)
const signer = createEd25519CheckpointSigner({ privateKey: generateKeyPairSync('ed25519').privateKey })

describe('the Merkle tree of a checkpoint (RFC 6962)', () => {
  it('hashes leaves and nodes with distinct prefixes, splitting at the largest power of two', () => {
    const l = leaves(3)
    const h = l.map((x) => sha(Buffer.from([0]), Buffer.from(`${x.caseId}\n${x.seq}\n${x.hash}`)))
    expect(l.map(leafHash)).toEqual(h.map((b) => b.toString('hex')))
    const left = sha(Buffer.from([1]), h[0]!, h[1]!)
    expect(merkleRoot(l)).toBe(sha(Buffer.from([1]), left, h[2]!).toString('hex'))
    expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'))
    expect(merkleRoot(l.slice(0, 1))).toBe(h[0]!.toString('hex'))
  })

  it('proves every leaf of trees of 1 to 17 leaves, and refuses a changed leaf or index', () => {
    for (let n = 1; n <= 17; n++) {
      const l = leaves(n)
      const root = merkleRoot(l)
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(l, i)
        expect(verifyInclusion(l[i]!, i, n, proof, root), `${i} of ${n}`).toBe(true)
        expect(verifyInclusion({ ...l[i]!, seq: l[i]!.seq + 1 }, i, n, proof, root)).toBe(false)
        if (n > 1) expect(verifyInclusion(l[i]!, (i + 1) % n, n, proof, root)).toBe(false)
      }
    }
  })
})

describe('keyed audit entries', () => {
  it('refuses an auditKey shorter than 32 bytes with a ConfigError naming it', () => {
    const make = () =>
      createAk1Service({ standard: balongbendo, store: createMemoryStore(), auditKey: 'pendek' })
    expect(make).toThrow(ConfigError)
    expect(make).toThrow(/auditKey harus paling sedikit 32 byte/)
  })

  it('MACs every entry; an entry rewritten with a recomputed chain, or stripped of its MAC, is found', async () => {
    const t = tamperable(createMemoryStore())
    const service = createAk1Service({ standard: balongbendo, store: t.store, clock: fakeClock(), auditKey })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await driveToEnd(service, c)
    const entries = await t.store.timeline(c.id)
    expect(entries.every((e) => /^[0-9a-f]{16}:[0-9a-f]{64}$/.test(e.mac ?? ''))).toBe(true)
    expect(await service.verifyAudit(c.id)).toEqual({ ok: true, entries: 10, authenticated: 10 })

    t.set((list) => list.map((e) => (e.seq === 10 ? ({ ...e, mac: undefined } as AuditEntry) : e)))
    expect(await service.verifyAudit(c.id)).toMatchObject({ ok: false, brokenAt: 10 })
    t.set((list) =>
      list.map((e) => (e.seq === 4 ? { ...e, mac: `${e.mac!.slice(0, 17)}${'0'.repeat(64)}` } : e)),
    )
    expect(await service.verifyAudit(c.id)).toMatchObject({ ok: false, brokenAt: 4 })
    // A service with another key sees entries it did not write.
    const other = createAk1Service({ standard: balongbendo, store: t.store, auditKey: 'x'.repeat(40) })
    t.set(null)
    expect(await other.verifyAudit(c.id)).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'entry 1 carries a MAC of another key',
    })
  })

  it('keeps trails written before the key verifiable: the unkeyed entries come first', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const before = createAk1Service({ standard: balongbendo, store, clock })
    const c = await before.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const after = createAk1Service({ standard: balongbendo, store, clock, auditKey })
    await driveToEnd(after, c)
    expect(await after.verifyAudit(c.id)).toEqual({ ok: true, entries: 10, authenticated: 9 })
    expect(await before.verifyAudit(c.id)).toEqual({ ok: true, entries: 10 })
  })
})

describe('signed checkpoints', () => {
  async function office() {
    const store = createMemoryStore()
    const clock = fakeClock()
    const seen: AuditCheckpoint[] = []
    const service = createAk1Service({
      standard: balongbendo,
      store,
      clock,
      checkpointSigner: signer,
      checkpointIntervalMs: 60_000,
      onCheckpoint: (cp) => {
        seen.push(cp)
      },
    })
    const a = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const b = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    return { store, clock, seen, service, a, b }
  }

  it('covers every case head of the office, signed; exported as JSON and read back', async () => {
    const { service, a, b, seen } = await office()
    const cp = await service.checkpoint()
    expect(seen).toEqual([cp])
    expect(cp).toMatchObject({
      format: 'ak1-audit-checkpoint/1',
      officeCode: balongbendo.office.code,
      size: 2,
    })
    expect(cp.leaves.map((l) => [l.caseId, l.seq])).toEqual(
      [
        [a.id, 1],
        [b.id, 1],
      ].sort(),
    )
    const back = parseCheckpoint(JSON.stringify(cp))
    expect(verifyCheckpoint(back, signer.publicKey)).toEqual({ ok: true })
    expect(await service.verifyAudit(a.id, { checkpoint: JSON.stringify(cp) })).toMatchObject({
      ok: true,
      checkpoint: { at: cp.at, root: cp.root, seq: 1 },
    })
  })

  it('refuses a checkpoint whose leaves, root or signature were changed, or signed by another key', async () => {
    const { service, a } = await office()
    const cp = await service.checkpoint()
    const leafMoved = { ...cp, leaves: cp.leaves.map((l) => ({ ...l, seq: l.seq + 1 })) }
    expect(verifyCheckpoint(leafMoved, signer.publicKey)).toEqual({
      ok: false,
      reason: 'the checkpoint leaves do not give its root',
    })
    const rootChanged = { ...leafMoved, root: merkleRoot(leafMoved.leaves) }
    expect(verifyCheckpoint(rootChanged, signer.publicKey)).toMatchObject({ ok: false })
    expect(await service.verifyAudit(a.id, { checkpoint: rootChanged })).toMatchObject({
      ok: false,
      brokenAt: 0,
      reason: 'the checkpoint signature does not match its content',
    })
    const stranger = generateKeyPairSync('ed25519').publicKey
    expect(verifyCheckpoint(cp, stranger)).toEqual({
      ok: false,
      reason: 'the checkpoint was signed by another key',
    })
  })

  it('answers a malformed checkpoint or one of another office with a ValidationError in Indonesian', async () => {
    const { service, a } = await office()
    await expect(service.verifyAudit(a.id, { checkpoint: '{' })).rejects.toThrow(
      'checkpoint bukan JSON yang sah',
    )
    const cp = await service.checkpoint()
    await expect(service.verifyAudit(a.id, { checkpoint: { ...cp, root: 'x' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['checkpoint', 'root'] }],
    })
    await expect(service.verifyAudit(a.id, { checkpoint: { ...cp, officeCode: 'LAIN' } })).rejects.toThrow(
      ValidationError,
    )
    const bare = createAk1Service({ standard: balongbendo, store: createMemoryStore() })
    await expect(bare.checkpoint()).rejects.toThrow(/checkpointSigner/)
  })

  it('is made by the worker once per interval, and the last one is used when none is given', async () => {
    const { service, clock, seen, a, store } = await office()
    const stop = new AbortController()
    let passes = 0
    await service.startWorker({
      signal: stop.signal,
      idleMs: 0,
      sleep: async () => {
        passes += 1
        clock.advance(20_000)
        if (passes === 7) stop.abort()
      },
    })
    // Passes at 0, 20, 40, 60, 80, 100, 120 s: a checkpoint at 0, 60 and 120 s.
    expect(seen.map((cp) => cp.at)).toHaveLength(3)
    expect(await service.verifyAudit(a.id)).toMatchObject({
      ok: true,
      checkpoint: { at: seen[2]!.at, seq: 1 },
    })
    // The last checkpoint is used when none is given: a trail cut behind its back is found.
    const t = tamperable(store)
    const s2 = createAk1Service({ standard: balongbendo, store: t.store, checkpointSigner: signer })
    await s2.checkpoint()
    t.set(() => [])
    expect(await s2.verifyAudit(a.id)).toMatchObject({ ok: false })
  })
})

describe('records beside cases', () => {
  it('MACs a record’s entries and puts its trail head in the checkpoint beside the cases', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const ctx = createEngineContext({ standard: balongbendo, store, clock, sipraja: false, auditKey })
    const officeCode = balongbendo.office.code
    await createRecordPipeline(ctx).run({
      kind: 'complaint',
      recordId: 'pengaduan-1',
      create: true,
      command: 'RECEIVE',
      payload: { channel: 'loket' },
      actor: officers.petugas,
      decide: (_before, at) => ({
        after: {
          kind: 'complaint',
          id: 'pengaduan-1',
          officeCode,
          state: 'diterima',
          attributes: { channel: 'loket' },
          final: false,
          createdAt: at.toISOString(),
          personal: {},
          data: {},
        },
        entry: {
          actor: officers.petugas,
          event: 'RECEIVE',
          from: null,
          to: 'diterima',
          standardId: balongbendo.id,
          standardVersion: balongbendo.version,
        },
        result: (record) => record.id,
      }),
    })
    const [entry] = await store.timeline('pengaduan-1')
    expect(entry?.mac).toMatch(/^[0-9a-f]{16}:[0-9a-f]{64}$/)
    const service = createAk1Service({ standard: balongbendo, store, clock, checkpointSigner: signer })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const cp = await service.checkpoint()
    expect(cp.leaves.map((l) => [l.caseId, l.seq, l.hash]).sort()).toEqual(
      [
        [c.id, 1, (await store.timeline(c.id))[0]!.hash],
        ['pengaduan-1', 1, entry!.hash],
      ].sort(),
    )
  })
})
