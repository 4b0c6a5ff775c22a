// The memory store answers from indexes: a query visits the rows its index holds, not every case or
// every outbox and due row ever written, so a long memory run (100,000 cases) is not quadratic.
import { describe, expect, it } from 'vitest'
import {
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  fixtureInstant,
} from '../src/testing/case-store-fixtures'
import { createMemoryStore, memoryStoreVisits } from '../src/testing/memory-store'

describe('memory store indexes', () => {
  it('lists, looks up and claims by visiting only what the index holds', async () => {
    const store = createMemoryStore()
    const n = 3000
    for (let i = 0; i < n; i++) {
      const id = `case-${String(i).padStart(5, '0')}`
      const office = i % 3 === 0 ? 'krian' : 'balongbendo'
      const done = i % 500 === 0
      await store.commit(
        buildCreate(
          buildStoredCase({
            id,
            officeCode: office,
            applicantNik: i % 1000 === 7 ? '3515010101900077' : `35150101018${String(i).padStart(5, '0')}`,
            ...(done ? { state: 'selesai', awaiting: null, final: true } : {}),
          }),
          { outbox: [buildOutboxRow(`out-${i}`, id)], due: [buildDueRow(`due-${i}`, id)] },
        ),
      )
    }
    // Every row but the last ten is delivered, and every due row but the last five is handled.
    const far = fixtureInstant(24 * 60)
    const claimed = await store.claimOutbox({ now: far, limit: n - 10, owner: 'w', leaseMs: 60_000 })
    for (const row of claimed) await store.completeOutbox(row.id, 'w', { at: far, result: null })
    const dues = await store.claimDue({ now: far, limit: n - 5, owner: 'w', leaseMs: 60_000 })
    expect(dues.length).toBe(n - 5)

    const visits = async (query: () => Promise<unknown>): Promise<number> => {
      const before = memoryStoreVisits(store)!
      await query()
      return memoryStoreVisits(store)! - before
    }
    expect(
      await visits(() => store.list({ officeCode: 'balongbendo', trackingCode: 'AK1-case-00004' })),
    ).toBe(1)
    expect(await visits(() => store.list({ applicantNik: '3515010101900077' }))).toBe(3)
    expect(await visits(() => store.list({ officeCode: 'krian', state: 'selesai' }))).toBe(2)
    expect(await visits(() => store.list({ officeCode: 'krian' }))).toBe(n / 3)
    expect(await visits(() => store.claimOutbox({ now: far, limit: 100, owner: 'v', leaseMs: 1 }))).toBe(10)
    // Leased due rows stay pending until done: the claim looks at the pending ones only.
    expect(await visits(() => store.claimDue({ now: far, limit: 100, owner: 'v', leaseMs: 1 }))).toBe(n)
    expect(memoryStoreVisits(createMemoryStore())).toBe(0)
  }, 120_000)
})
