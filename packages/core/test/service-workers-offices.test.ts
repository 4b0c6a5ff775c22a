// Workers on a store shared by two offices: each service's outbox and due runners lease only their
// own office's rows, so one office's worker delivers, raises and releases nothing of the other's.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

const krian = defineStandard({
  ...balongbendoInput,
  id: 'ak1-krian',
  office: { ...balongbendoInput.office, code: 'krian', name: 'Kecamatan Krian' },
})

function twoOffices() {
  const store = createMemoryStore()
  const clock = fakeClock()
  const mailA = createRecordingNotifier()
  const mailB = createRecordingNotifier()
  const common = { store, clock, sipraja: false as const }
  const a = createAk1Service({ ...common, standard: balongbendo, notifiers: [mailA], workerId: 'worker-a' })
  const b = createAk1Service({ ...common, standard: krian, notifiers: [mailB], workerId: 'worker-b' })
  return { store, clock, a, b, mailA, mailB }
}

const submitOpts = { actor: officers.petugas, channel: 'tatap_muka' as const }

describe('workers of two offices on one store', () => {
  it("each outbox runner delivers its own office's rows only", async () => {
    const { store, a, b, mailA, mailB } = twoOffices()
    const caseA = await a.submit(sampleApplication(), submitOpts)
    const caseB = await b.submit(sampleApplication(), submitOpts)
    const rowsB = await store.listOutbox(caseB.id)
    expect(rowsB.length).toBeGreaterThan(0)
    expect(rowsB.every((r) => r.officeCode === 'krian')).toBe(true)

    const runA = await a.runOutbox({ limit: 100 })
    expect(runA.claimed).toBe((await store.listOutbox(caseA.id)).length)
    expect(runA.delivered).toBe(runA.claimed)
    expect(mailA.sent.length).toBeGreaterThan(0)
    expect(mailB.sent).toEqual([])
    // Krian's rows were not touched: pending, never attempted, no lease.
    expect(await store.listOutbox(caseB.id)).toEqual(rowsB)

    const runB = await b.runOutbox({ limit: 100 })
    expect(runB.claimed).toBe(rowsB.length)
    expect((await store.listOutbox(caseB.id)).every((r) => r.status === 'done')).toBe(true)
    expect((await a.runOutbox({ limit: 100 })).claimed).toBe(0)
  })

  it("each due runner raises its own office's deadlines only, and releases nothing of the other's", async () => {
    const { store, clock, a, b } = twoOffices()
    const caseA = await a.submit(sampleApplication(), submitOpts)
    const caseB = await b.submit(sampleApplication(), submitOpts)
    clock.advance(30 * 24 * 3_600_000)
    // Krian's worker holds its rows (as if busy with them) while Balongbendo's runner passes.
    const heldByB = await store.claimDue({
      now: clock.now().toISOString(),
      limit: 100,
      owner: 'worker-b',
      leaseMs: 3_600_000,
      officeCode: 'krian',
    })
    expect(heldByB.length).toBeGreaterThan(0)
    expect(heldByB.every((r) => r.caseId === caseB.id)).toBe(true)

    const runA = await a.runDue()
    expect(runA.claimed).toBeGreaterThan(0)
    expect(runA.raised).toBeGreaterThan(0)
    expect(runA.released).toBe(0)
    const eventsA = (await a.timeline(caseA.id)).map((e) => e.event)
    expect(eventsA).toContain('SLA_BREACHED')
    // Krian's leases are intact (only their owner can release them) and its case saw no SLA event.
    for (const row of heldByB) expect(await store.releaseDue(row.id, 'worker-b')).toBe(true)
    expect((await b.timeline(caseB.id)).map((e) => e.event)).not.toContain('SLA_BREACHED')

    expect((await a.runDue()).claimed).toBe(0)
    const runB = await b.runDue()
    expect(runB.claimed).toBe(heldByB.length)
    expect((await b.timeline(caseB.id)).map((e) => e.event)).toContain('SLA_BREACHED')
  })
})
