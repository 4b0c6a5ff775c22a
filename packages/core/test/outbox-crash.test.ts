// At-least-once with stable identities: a worker that dies between sending and recording leaves its
// rows leased; once the lease runs out another worker sends them again under the same message id
// (notices) and idempotency key (SIPRAJA), so the far side recognises the repeat.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { driveToEnd, fakeClock, MINUTE, officers } from './service-helpers'

describe('a worker that dies after sending, before recording', () => {
  it('leaves the rows to another worker after the lease, which resends them under the same ids', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const notifier = createRecordingNotifier()
    const sipraja = createFakeSipraja()
    const outbox = { leaseMs: 10 * MINUTE, callTimeoutMs: 5 }
    // The dying workers' store never answers once a delivery is to be recorded: they died there.
    let recording = 0
    const dying: CaseStore = Object.create(store, {
      completeOutbox: {
        value: () => {
          recording++
          return new Promise<boolean>(() => {})
        },
      },
    })
    // Workers that each claim one row, send it, and die before recording it.
    const dyingWorkers = Array.from({ length: 12 }, (_, i) =>
      createAk1Service({
        standard: balongbendo,
        store: dying,
        clock,
        notifiers: [notifier],
        sipraja,
        outbox,
        workerId: `a${i}`,
      }),
    )
    const b = createAk1Service({
      standard: balongbendo,
      store,
      clock,
      notifiers: [notifier],
      sipraja,
      outbox,
      workerId: 'b',
    })
    const c = await b.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await driveToEnd(b, c, undefined, () => clock.advance(MINUTE))
    const rows = await store.listOutbox(c.id)
    expect(rows.length).toBeGreaterThan(6)

    for (const worker of dyingWorkers) {
      void worker.runOutbox({ limit: 1 })
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    }
    const sentByA = notifier.sent.map((m) => m.messageId)
    const keysByA = [...sipraja.callsByKey.keys()]
    // Every notice row, and the first SIPRAJA write (later ones wait for it), went out unrecorded.
    expect(sentByA).toHaveLength(rows.filter((r) => r.kind === 'notice').length)
    expect(keysByA).toHaveLength(1)
    // (Rows that need no call, such as a superseded SIPRAJA status, are recorded too.)
    expect(recording).toBeGreaterThanOrEqual(sentByA.length + keysByA.length)

    // Inside the dead workers' leases B finds nothing to do; after them, B takes the rows over.
    expect(await b.runOutbox({ limit: 100 })).toMatchObject({ delivered: 0 })
    clock.advance(10 * MINUTE + 1)
    for (let i = 0; i < 5; i++) {
      await b.runOutbox({ limit: 100 })
      clock.advance(MINUTE)
    }

    const done = await b.get(c.id)
    expect(done.deliveries.every((d) => d.status === 'sent')).toBe(true)
    // Every notice A sent was sent again with the same message id: a repeat the provider can drop.
    const ids = notifier.sent.map((m) => m.messageId)
    for (const id of sentByA) expect(ids.filter((x) => x === id)).toHaveLength(2)
    for (const id of new Set(ids)) expect(ids.filter((x) => x === id).length).toBeLessThanOrEqual(2)
    expect(new Set(ids)).toEqual(new Set(rows.filter((r) => r.kind === 'notice').map((r) => r.id)))
    // SIPRAJA was called again under the same keys, and applied each once.
    for (const key of keysByA) expect(sipraja.callsByKey.get(key)).toBeGreaterThanOrEqual(2)
    expect([...sipraja.applied.values()].every((n) => n === 1)).toBe(true)
  })
})
