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
    // A page by id reads its own rows and one more, from the cursor on, not the whole office.
    let first: Awaited<ReturnType<typeof store.list>> | undefined
    expect(
      await visits(async () => {
        first = await store.list({ officeCode: 'krian' })
      }),
    ).toBe(51)
    let second: Awaited<ReturnType<typeof store.list>> | undefined
    expect(
      await visits(async () => {
        second = await store.list({ officeCode: 'krian', cursor: first!.nextCursor! })
      }),
    ).toBe(51)
    const krian = Array.from({ length: n }, (_, i) => `case-${String(i).padStart(5, '0')}`).filter(
      (_, i) => i % 3 === 0,
    )
    expect([...first!.items, ...second!.items].map((c) => c.id)).toEqual(krian.slice(0, 100))
    expect(await visits(() => store.claimOutbox({ now: far, limit: 100, owner: 'v', leaseMs: 1 }))).toBe(10)
    // Leased due rows stay pending until done: the claim looks at the pending ones only.
    expect(await visits(() => store.claimDue({ now: far, limit: 100, owner: 'v', leaseMs: 1 }))).toBe(n)
    expect(memoryStoreVisits(createMemoryStore())).toBe(0)
  }, 120_000)
})

describe('memory store indexes by due time', () => {
  it('reads an overdue page and a claim of due rows from the rows due by then, earliest first', async () => {
    const store = createMemoryStore()
    const n = 2000
    for (let i = 0; i < n; i++) {
      // Due times run backwards against ids, so due order is not id order.
      const id = `case-${String(i).padStart(5, '0')}`
      const dueAt = fixtureInstant(10 * (n - i))
      await store.commit(
        buildCreate(buildStoredCase({ id, dueAt }), { due: [buildDueRow(`due-${i}`, id, { dueAt })] }),
      )
    }
    const visits = async <T>(query: () => Promise<T>): Promise<[number, T]> => {
      const before = memoryStoreVisits(store)!
      const result = await query()
      return [memoryStoreVisits(store)! - before, result]
    }
    const [listed, page] = await visits(() =>
      store.list({ officeCode: 'balongbendo', overdueAt: fixtureInstant(10 * 30 + 1), limit: 10 }),
    )
    expect(page.items.map((c) => c.id)).toEqual(
      Array.from({ length: 10 }, (_, k) => `case-${String(n - 1 - k).padStart(5, '0')}`),
    )
    expect(listed).toBe(11)
    const [rest, next] = await visits(() =>
      store.list({
        officeCode: 'balongbendo',
        overdueAt: fixtureInstant(10 * 30 + 1),
        limit: 50,
        cursor: page.nextCursor!,
      }),
    )
    // Cases due at 10, 20, ... 300 minutes are overdue: 30 of them, 20 after the first page.
    expect(next.items).toHaveLength(20)
    expect(next.nextCursor).toBeNull()
    expect(rest).toBe(20)
    const [claimedVisits, claimed] = await visits(() =>
      store.claimDue({ now: fixtureInstant(10 * 5), limit: 100, owner: 'w', leaseMs: 60_000 }),
    )
    expect(claimed.map((r) => r.id)).toEqual(['due-1999', 'due-1998', 'due-1997', 'due-1996', 'due-1995'])
    expect(claimedVisits).toBe(5)
    const [none] = await visits(() =>
      store.claimDue({ now: fixtureInstant(0), limit: 100, owner: 'w', leaseMs: 1 }),
    )
    expect(none).toBe(0)
  }, 120_000)
})
