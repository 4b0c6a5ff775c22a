// The engine's pipeline over a record (an aggregate other than a case): load of this office only,
// idempotent command ids, optimistic concurrency with retry, the record's own audit hash chain,
// and numbers taken inside the commit.
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/engine/audit'
import { createEngineContext } from '../src/engine/context'
import { recordHeadKey } from '../src/engine/record-head'
import { createRecordPipeline, type RecordCommand } from '../src/engine/record-pipeline'
import type { StoredRecord } from '../src/ports/records'
import type { Ak1Store } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore } from '../src/testing/memory-store'

const actor = { id: 'petugas-1', role: 'petugas' }
const fixedClock = { now: () => new Date('2026-03-02T02:00:00.000Z') }

function setup(store: Ak1Store = createMemoryStore()) {
  const ctx = createEngineContext({ standard: balongbendo, store, clock: fixedClock, sipraja: false })
  return { store, records: createRecordPipeline(ctx) }
}

/** Receives a complaint: a Buku Pengaduan number taken inside the commit becomes its key. */
function receive(id: string, extra: Partial<RecordCommand> = {}): RecordCommand {
  return {
    kind: 'complaint',
    recordId: id,
    create: true,
    command: 'RECEIVE',
    payload: { text: 'Antrian lama' },
    actor,
    decide(_before, at) {
      let number = 0
      return {
        after: {
          kind: 'complaint',
          id,
          officeCode: 'balongbendo',
          state: 'diterima',
          attributes: { channel: 'loket' },
          final: false,
          createdAt: at.toISOString(),
          personal: { nama: 'Budi' },
          data: {},
          get key() {
            return number ? `BP-${number}` : null
          },
        },
        entry: {
          actor,
          event: 'RECEIVE',
          from: null,
          to: 'diterima',
          standardId: balongbendo.id,
          standardVersion: balongbendo.version,
          get details() {
            return { number }
          },
        },
        numbers: [{ name: 'complaint', scope: 'balongbendo:2026', assign: (v) => (number = v) }],
        outbox: (seq) => [
          {
            id: `${id}:${seq}:notice`,
            caseId: id,
            kind: 'notice',
            payload: {},
            availableAt: at.toISOString(),
          },
        ],
        result: (r) => ({ id: r.id, key: r.key ?? null, version: r.version }),
      }
    },
    ...extra,
  }
}

/** Moves a complaint on to `state`. */
function move(id: string, state: string, extra: Partial<RecordCommand> = {}): RecordCommand {
  return {
    kind: 'complaint',
    recordId: id,
    create: false,
    command: 'MOVE',
    payload: { state },
    actor,
    decide(before) {
      return {
        after: { ...before!, state },
        entry: {
          actor,
          event: 'MOVE',
          from: before!.state,
          to: state,
          standardId: balongbendo.id,
          standardVersion: balongbendo.version,
        },
        result: (r) => ({ id: r.id, version: r.version, state: r.state }),
      }
    },
    ...extra,
  }
}

describe('record pipeline', () => {
  it('creates a record with a number taken in the commit, on its own sealed audit chain', async () => {
    const { store, records } = setup()
    expect(await records.run(receive('complaint-1'))).toEqual({ id: 'complaint-1', key: 'BP-1', version: 1 })
    expect(await records.run(receive('complaint-2'))).toEqual({ id: 'complaint-2', key: 'BP-2', version: 1 })
    await records.run(move('complaint-1', 'diproses'))
    const trail = await store.timeline('complaint-1')
    expect(trail.map((e) => [e.seq, e.event, e.aggregateKind, e.details ?? null])).toEqual([
      [1, 'RECEIVE', 'complaint', { number: 1 }],
      [2, 'MOVE', 'complaint', null],
    ])
    expect(verifyAuditChain(trail)).toEqual({ ok: true, entries: 2 })
    expect((await store.listOutbox('complaint-1')).map((r) => [r.id, r.aggregateKind])).toEqual([
      ['complaint-1:1:notice', 'complaint'],
    ])
    expect(await records.load('complaint', 'complaint-1')).toMatchObject({ version: 2, state: 'diproses' })
  })

  it('answers a repeated command id with its recorded result, and refuses the id for anything else', async () => {
    const { store, records } = setup()
    const first = await records.run(receive('complaint-1', { commandId: 'cmd-1' }))
    expect(await records.run(receive('complaint-1', { commandId: 'cmd-1' }))).toEqual(first)
    expect(await store.currentSequence('complaint', 'balongbendo:2026')).toBe(1)
    await expect(
      records.run(receive('complaint-1', { commandId: 'cmd-1', payload: { text: 'lain' } })),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(records.run(move('complaint-1', 'diproses', { commandId: 'cmd-1' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect((await store.timeline('complaint-1')).length).toBe(1)
  })

  it('retries commands that lost a race, and refuses a stale expectedVersion', async () => {
    const { store, records } = setup()
    await records.run(receive('complaint-1'))
    const states = Array.from({ length: 8 }, (_, i) => `s${i}`)
    await Promise.all(states.map((s) => records.run(move('complaint-1', s))))
    const stored = await records.load('complaint', 'complaint-1')
    expect(stored.version).toBe(9)
    expect(verifyAuditChain(await store.timeline('complaint-1'))).toEqual({ ok: true, entries: 9 })
    await expect(records.run(move('complaint-1', 'x', { expectedVersion: 3 }))).rejects.toMatchObject({
      code: 'CONFLICT',
      expected: 3,
      actual: 9,
    })
    await expect(records.run(receive('complaint-1'))).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await records.load('complaint', 'complaint-1')).version).toBe(9)
  })

  it("does not see another office's record, and a refused decision writes nothing", async () => {
    const store = createMemoryStore()
    const { records } = setup(store)
    await store.commit({
      record: {
        kind: 'complaint',
        id: 'complaint-krian',
        version: 1,
        officeCode: 'krian',
        state: 'diterima',
        attributes: {},
        final: false,
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
        personal: null,
        data: null,
      },
      expectedVersion: null,
      audit: [],
      outbox: [],
    })
    await expect(records.load('complaint', 'complaint-krian')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(records.run(move('complaint-krian', 'diproses'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await records.run(receive('complaint-1'))
    const refused = move('complaint-1', 'selesai')
    refused.decide = () => {
      throw new Error('ditolak')
    }
    await expect(records.run(refused)).rejects.toThrow('ditolak')
    expect((await records.load('complaint', 'complaint-1')).version).toBe(1)
  })

  it('keeps the audit head in the record, so a change reads no trail; a record without one reads it', async () => {
    const inner = createMemoryStore()
    let trailReads = 0
    // 'none': loadRecord answers as a record written before heads were kept; 'stale': as one whose
    // head a writer that did not know the key carried over to a later version.
    let mode: 'kept' | 'none' | 'stale' = 'kept'
    const store: Ak1Store = Object.create(inner)
    store.timeline = async (id) => {
      trailReads++
      return inner.timeline(id)
    }
    store.loadRecord = async (kind, id) => {
      const found = await inner.loadRecord(kind, id)
      if (!found || mode === 'kept') return found
      const data = { ...(found.data as Record<string, unknown>) }
      if (mode === 'none') delete data[recordHeadKey]
      else data[recordHeadKey] = { version: found.version - 1, seq: 1, hash: 'f'.repeat(64) }
      return { ...found, data } as StoredRecord
    }
    const { records } = setup(store)
    await records.run(receive('complaint-1'))
    await records.run(move('complaint-1', 'diproses'))
    await records.run(move('complaint-1', 'ditindaklanjuti'))
    expect(trailReads).toBe(0)
    const kept = (await inner.loadRecord('complaint', 'complaint-1'))!
    const trail = await inner.timeline('complaint-1')
    expect((kept.data as Record<string, unknown>)[recordHeadKey]).toEqual({
      version: 3,
      seq: 3,
      hash: trail.at(-1)!.hash,
    })
    mode = 'none'
    await records.run(move('complaint-1', 'selesai'))
    expect(trailReads).toBe(1)
    mode = 'stale'
    await records.run(move('complaint-1', 'ditutup'))
    expect(trailReads).toBe(2)
    const after = await inner.timeline('complaint-1')
    expect(verifyAuditChain(after)).toEqual({ ok: true, entries: 5 })
    expect(
      ((await inner.loadRecord('complaint', 'complaint-1'))!.data as Record<string, unknown>)[recordHeadKey],
    ).toEqual({
      version: 5,
      seq: 5,
      hash: after.at(-1)!.hash,
    })
  })
})
