import { expect } from 'vitest'
import type { Ak1Store } from '../ports/store'
import type { OutboxRow } from '../ports/work-queue'
import { create, FAR, group, seedIncidents, W1, W2 } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import { buildDueRow, buildOutboxRow, buildUpdate, fixtureInstant } from './case-store-fixtures'

/** Checks of the {@link WorkQueue} contract: the outbox and due-row leases, and the batch read. */
export function workQueueChecks(): CaseStoreCheck[] {
  return [...outboxChecks(), ...dueChecks(), ...batchChecks()]
}

function batchChecks(): CaseStoreCheck[] {
  return group('listOutboxOf', {
    'listOutboxOf() reads the rows of several cases at once, oldest first, [] for a case without rows':
      async (store) => {
        await create(
          store,
          { id: 'case-1' },
          { outbox: [buildOutboxRow('o-1', 'case-1'), buildOutboxRow('o-2', 'case-1')] },
        )
        await create(store, { id: 'case-2' }, { outbox: [buildOutboxRow('o-3', 'case-2')] })
        await create(store, { id: 'case-3' })
        const rows = await store.listOutboxOf(['case-2', 'case-1', 'case-3', 'case-9'])
        expect([...rows.keys()].sort()).toEqual(['case-1', 'case-2', 'case-3', 'case-9'])
        expect(rows.get('case-1')?.map((r) => r.id)).toEqual(['o-1', 'o-2'])
        expect(rows.get('case-2')).toEqual(await store.listOutbox('case-2'))
        expect(rows.get('case-3')).toEqual([])
        expect(rows.get('case-9')).toEqual([])
      },
    'listOutboxNow(), where a store has it, answers as listOutbox() does': async (store) => {
      const c = await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('o-1', 'case-1')] })
      await store.commit({ ...buildUpdate(c), outbox: [buildOutboxRow('o-2', 'case-1')] })
      if (store.listOutboxNow === undefined) return
      expect(store.listOutboxNow('case-1').map((r) => r.id)).toEqual(['o-1', 'o-2'])
      expect(store.listOutboxNow('case-1')).toEqual(await store.listOutbox('case-1'))
      expect(store.listOutboxNow('case-9')).toEqual([])
    },
  })
}

function outboxChecks(): CaseStoreCheck[] {
  const claim = (store: Ak1Store, owner: string, minutes: number, limit = 10, leaseMs = 60_000) =>
    store.claimOutbox({ now: fixtureInstant(minutes), limit, owner, leaseMs })
  const row = async (store: Ak1Store, id: string): Promise<OutboxRow> =>
    (await store.listOutbox('case-1')).find((r) => r.id === id)!
  return group('outbox', {
    'commit() inserts outbox rows as pending, unleased, with no attempts, of the case and its office': async (
      store,
    ) => {
      const input = buildOutboxRow('out-1', 'case-1', { payload: { template: 'diterima', to: ['email'] } })
      await create(store, { id: 'case-1' }, { outbox: [input] })
      expect(await store.listOutbox('case-1')).toEqual([
        {
          ...input,
          aggregateKind: 'case',
          officeCode: 'balongbendo',
          status: 'pending',
          attempts: 0,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          result: null,
          createdAt: expect.any(String),
          finishedAt: null,
        },
      ])
    },
    "listOutbox() returns a case's rows oldest first, and nothing for an unknown case": async (store) => {
      const c = await create(
        store,
        { id: 'case-1' },
        { outbox: ['out-c', 'out-a'].map((id) => buildOutboxRow(id, 'case-1')) },
      )
      await create(store, { id: 'case-2' }, { outbox: [buildOutboxRow('out-x', 'case-2')] })
      await store.commit(buildUpdate(c, {}, { outbox: [buildOutboxRow('out-b', 'case-1')] }))
      expect((await store.listOutbox('case-1')).map((r) => r.id)).toEqual(['out-c', 'out-a', 'out-b'])
      expect(await store.listOutbox('case-unknown')).toEqual([])
    },
    'claimOutbox() leases rows available by now, by availableAt then id, up to the limit, counting an attempt':
      async (store) => {
        const rows = [
          buildOutboxRow('out-b', 'case-1', { availableAt: fixtureInstant(0) }),
          buildOutboxRow('out-a', 'case-1', { availableAt: fixtureInstant(0) }),
          buildOutboxRow('out-c', 'case-1', { availableAt: fixtureInstant(-10) }),
          buildOutboxRow('out-d', 'case-1', { availableAt: fixtureInstant(1) }),
        ]
        await create(store, { id: 'case-1' }, { outbox: rows })
        const first = await claim(store, W1, 0, 2, 30_000)
        expect(first.map((r) => r.id)).toEqual(['out-c', 'out-a'])
        for (const r of first) {
          expect(r).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: W1 })
          expect(Date.parse(r.leaseUntil!)).toBe(Date.parse(fixtureInstant(0)) + 30_000)
        }
        expect((await claim(store, W2, 0)).map((r) => r.id)).toEqual(['out-b'])
        expect(await claim(store, W2, 0)).toEqual([])
        expect((await store.listOutbox('case-1')).map((r) => [r.id, r.attempts])).toEqual([
          ['out-b', 1],
          ['out-a', 1],
          ['out-c', 1],
          ['out-d', 0],
        ])
      },
    'an expired outbox lease is claimable again, and its old owner loses the row': async (store) => {
      await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
      expect(await claim(store, W1, 0)).toHaveLength(1)
      expect(await claim(store, W2, 0.5)).toEqual([])
      const again = await claim(store, W2, 2)
      expect(again.map((r) => [r.id, r.attempts, r.leaseOwner])).toEqual([['out-1', 2, W2]])
      expect(await store.completeOutbox('out-1', W1, { at: fixtureInstant(2), result: null })).toBe(false)
      expect(await store.completeOutbox('out-1', W2, { at: fixtureInstant(2), result: null })).toBe(true)
    },
    'completeOutbox() marks the row done with its result, and a completed row is never claimed again': async (
      store,
    ) => {
      await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
      await claim(store, W1, 0)
      const result = { provider: 'smtp', messageId: '<m-1@ak1>' }
      expect(await store.completeOutbox('out-1', W1, { at: fixtureInstant(1), result })).toBe(true)
      expect(await row(store, 'out-1')).toMatchObject({
        status: 'done',
        attempts: 1,
        result,
        finishedAt: fixtureInstant(1),
      })
      expect(await claim(store, W2, 2)).toEqual([])
      expect(await store.claimOutbox({ now: FAR, limit: 10, owner: W2, leaseMs: 1000 })).toEqual([])
      expect(await store.completeOutbox('out-1', W1, { at: fixtureInstant(3), result: null })).toBe(false)
      expect((await row(store, 'out-1')).result).toEqual(result)
    },
    'completeOutbox(), retryOutbox(), releaseOutbox() and failOutbox() return false without the lease':
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        const at = fixtureInstant(1)
        expect(await store.completeOutbox('out-1', W1, { at, result: null })).toBe(false)
        expect(await store.releaseOutbox('out-1', W1)).toBe(false)
        expect((await row(store, 'out-1')).attempts).toBe(0)
        await claim(store, W1, 0)
        const before = await row(store, 'out-1')
        expect(await store.completeOutbox('out-1', W2, { at, result: null })).toBe(false)
        expect(await store.retryOutbox('out-1', W2, { availableAt: at, error: 'x' })).toBe(false)
        expect(await store.releaseOutbox('out-1', W2)).toBe(false)
        expect(await store.releaseOutbox('out-1', W2, { availableAt: at })).toBe(false)
        expect(await store.failOutbox('out-1', W2, { at, error: 'x' })).toBe(false)
        expect(await store.completeOutbox('out-unknown', W1, { at, result: null })).toBe(false)
        expect(await store.retryOutbox('out-unknown', W1, { availableAt: at, error: 'x' })).toBe(false)
        expect(await store.releaseOutbox('out-unknown', W1)).toBe(false)
        expect(await store.failOutbox('out-unknown', W1, { at, error: 'x' })).toBe(false)
        expect(await row(store, 'out-1')).toEqual(before)
      },
    'releaseOutbox() gives the row back without counting the claim, claimable again at once, keeping the error':
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        await claim(store, W1, 0)
        expect(
          await store.retryOutbox('out-1', W1, { availableAt: fixtureInstant(1), error: 'timeout' }),
        ).toBe(true)
        expect((await claim(store, W1, 1)).map((r) => [r.id, r.attempts])).toEqual([['out-1', 2]])
        expect(await store.releaseOutbox('out-1', W1)).toBe(true)
        expect(await row(store, 'out-1')).toMatchObject({
          status: 'pending',
          attempts: 1,
          availableAt: fixtureInstant(1),
          leaseOwner: null,
          leaseUntil: null,
          lastError: 'timeout',
          finishedAt: null,
        })
        // Claimable at once, by anyone, still within the lease the release gave up.
        const again = await claim(store, W2, 1)
        expect(again.map((r) => [r.id, r.attempts, r.leaseOwner, r.lastError])).toEqual([
          ['out-1', 2, W2, 'timeout'],
        ])
        expect(await store.releaseOutbox('out-1', W1)).toBe(false)
        expect(await store.releaseOutbox('out-1', W2)).toBe(true)
        expect(await store.releaseOutbox('out-1', W2)).toBe(false)
        expect((await row(store, 'out-1')).attempts).toBe(1)
      },
    'releaseOutbox() with availableAt makes the row claimable from then, still not counting the claim':
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        for (let i = 0; i < 3; i++) {
          expect(await claim(store, W1, i * 5)).toHaveLength(1)
          expect(await store.releaseOutbox('out-1', W1, { availableAt: fixtureInstant(i * 5 + 5) })).toBe(
            true,
          )
          expect(await claim(store, W2, i * 5 + 4)).toEqual([])
        }
        expect(await row(store, 'out-1')).toMatchObject({
          attempts: 0,
          availableAt: fixtureInstant(15),
          leaseOwner: null,
        })
        expect((await claim(store, W2, 15)).map((r) => [r.id, r.attempts])).toEqual([['out-1', 1]])
      },
    'retryOutbox() makes the row claimable again from its new availableAt, keeping the error': async (
      store,
    ) => {
      await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
      await claim(store, W1, 0)
      expect(await store.retryOutbox('out-1', W1, { availableAt: fixtureInstant(5), error: 'timeout' })).toBe(
        true,
      )
      expect(await row(store, 'out-1')).toMatchObject({
        status: 'pending',
        lastError: 'timeout',
        leaseOwner: null,
      })
      expect(await claim(store, W1, 4)).toEqual([])
      const again = await claim(store, W2, 5)
      expect(again.map((r) => [r.id, r.attempts, r.lastError])).toEqual([['out-1', 2, 'timeout']])
    },
    'failOutbox() marks the row failed, and a failed row is never claimed again': async (store) => {
      await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
      await claim(store, W1, 0)
      expect(await store.failOutbox('out-1', W1, { at: fixtureInstant(1), error: 'SMTP 550' })).toBe(true)
      expect(await row(store, 'out-1')).toMatchObject({
        status: 'failed',
        lastError: 'SMTP 550',
        finishedAt: fixtureInstant(1),
      })
      expect(await store.claimOutbox({ now: FAR, limit: 10, owner: W2, leaseMs: 1000 })).toEqual([])
    },
    'commit() with outboxChanges retries a failed row from its instant, or resolves it': async (store) => {
      const [first, , third] = await seedIncidents(store)
      await store.commit(
        buildUpdate(
          first!,
          {},
          { outboxChanges: [{ id: 'out-1', action: 'retry', at: fixtureInstant(30) }] },
        ),
      )
      await store.commit(
        buildUpdate(
          third!,
          {},
          { outboxChanges: [{ id: 'out-3', action: 'resolve', at: fixtureInstant(31) }] },
        ),
      )
      expect((await store.listOutbox('case-1'))[0]).toMatchObject({
        status: 'pending',
        availableAt: fixtureInstant(30),
      })
      expect((await store.listOutbox('case-3'))[0]).toMatchObject({
        status: 'resolved',
        finishedAt: fixtureInstant(31),
      })
      expect((await store.list({ incident: true })).items).toEqual([])
      expect((await store.list({ incident: false })).items.map((c) => c.id)).toHaveLength(4)
      // out-2 (retry pending since seedIncidents) is taken with a long lease, out of the way.
      expect((await claim(store, W2, 20, 10, 24 * 60 * 60_000)).map((r) => r.id)).toEqual(['out-2'])
      expect(await claim(store, W2, 29)).toEqual([])
      expect((await claim(store, W2, 30)).map((r) => [r.id, r.attempts])).toEqual([['out-1', 1]])
    },
    'commit() with outboxChanges retry gives the row fresh attempts, no lease, and keeps its last error':
      async (store) => {
        const c = await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        for (const minutes of [0, 1, 2]) {
          expect(await claim(store, W1, minutes)).toHaveLength(1)
          const error = `timeout ${minutes}`
          if (minutes < 2)
            await store.retryOutbox('out-1', W1, { availableAt: fixtureInstant(minutes + 1), error })
          else await store.failOutbox('out-1', W1, { at: fixtureInstant(minutes), error })
        }
        expect(await row(store, 'out-1')).toMatchObject({ status: 'failed', attempts: 3 })
        await store.commit(
          buildUpdate(c, {}, { outboxChanges: [{ id: 'out-1', action: 'retry', at: fixtureInstant(40) }] }),
        )
        expect(await row(store, 'out-1')).toMatchObject({
          status: 'pending',
          attempts: 0,
          availableAt: fixtureInstant(40),
          leaseOwner: null,
          leaseUntil: null,
          lastError: 'timeout 2',
          finishedAt: null,
        })
        expect(await claim(store, W2, 39)).toEqual([])
        expect((await claim(store, W2, 40)).map((r) => [r.id, r.attempts])).toEqual([['out-1', 1]])
      },
  })
}

function dueChecks(): CaseStoreCheck[] {
  const claim = (store: Ak1Store, owner: string, minutes: number, limit = 10) =>
    store
      .claimDue({ now: fixtureInstant(minutes), limit, owner, leaseMs: 60_000 })
      .then((rows) => rows.map((r) => r.id))
  const dueAt = (minutes: number) => ({ dueAt: fixtureInstant(minutes) })
  return group('due', {
    'claimDue() leases pending rows due by now, by dueAt then id, up to the limit': async (store) => {
      await create(
        store,
        { id: 'case-1' },
        {
          due: [
            buildDueRow('due-b', 'case-1', dueAt(0)),
            buildDueRow('due-a', 'case-1', dueAt(0)),
            buildDueRow('due-c', 'case-1', dueAt(-5)),
            buildDueRow('due-d', 'case-1', dueAt(1)),
          ],
        },
      )
      const leased = await store.claimDue({ now: fixtureInstant(0), limit: 2, owner: W1, leaseMs: 30_000 })
      expect(leased.map((r) => [r.id, r.status, r.leaseOwner])).toEqual([
        ['due-c', 'pending', W1],
        ['due-a', 'pending', W1],
      ])
      expect(Date.parse(leased[0]!.leaseUntil!)).toBe(Date.parse(fixtureInstant(0)) + 30_000)
      expect(leased[0]).toMatchObject({ caseId: 'case-1', kind: 'breached', dueAt: fixtureInstant(-5) })
      expect(await claim(store, W2, 0)).toEqual(['due-b'])
      expect(await claim(store, W2, 0)).toEqual([])
    },
    'claimDue() skips a leased row until its lease expires': async (store) => {
      await create(store, { id: 'case-1' }, { due: [buildDueRow('due-1', 'case-1')] })
      expect(await claim(store, W1, 0)).toEqual(['due-1'])
      expect(await claim(store, W2, 0.5)).toEqual([])
      expect(await claim(store, W2, 2)).toEqual(['due-1'])
      expect(await store.releaseDue('due-1', W1)).toBe(false)
    },
    'releaseDue() frees a leased row at once, and returns false for another owner or an unknown id': async (
      store,
    ) => {
      await create(store, { id: 'case-1' }, { due: [buildDueRow('due-1', 'case-1')] })
      expect(await store.releaseDue('due-1', W1)).toBe(false)
      expect(await claim(store, W1, 0)).toEqual(['due-1'])
      expect(await store.releaseDue('due-1', W2)).toBe(false)
      expect(await store.releaseDue('due-unknown', W1)).toBe(false)
      expect(await claim(store, W2, 0)).toEqual([])
      expect(await store.releaseDue('due-1', W1)).toBe(true)
      expect(await claim(store, W2, 0)).toEqual(['due-1'])
    },
    'commit() with dueDone marks due rows done, and a done row is never claimed again': async (store) => {
      const c = await create(
        store,
        { id: 'case-1' },
        {
          due: [buildDueRow('due-1', 'case-1'), buildDueRow('due-2', 'case-1', dueAt(10))],
        },
      )
      expect(await claim(store, W1, 0)).toEqual(['due-1'])
      await store.commit(buildUpdate(c, {}, { dueDone: ['due-1'] }))
      expect(await claim(store, W2, 365 * 24 * 60)).toEqual(['due-2'])
    },
    "commit() with due replaces the case's pending due rows, and without due keeps them": async (store) => {
      const c = await create(
        store,
        { id: 'case-1' },
        {
          due: [buildDueRow('due-a1', 'case-1'), buildDueRow('due-a2', 'case-1', dueAt(60))],
        },
      )
      await create(store, { id: 'case-2' }, { due: [buildDueRow('due-b1', 'case-2')] })
      const v2 = buildUpdate(
        c,
        {},
        { dueDone: ['due-a1'], due: [buildDueRow('due-a3', 'case-1', dueAt(120))] },
      )
      await store.commit(v2)
      await store.commit(buildUpdate(v2.case, { state: 'validasi' }))
      expect(await claim(store, W1, 365 * 24 * 60)).toEqual(['due-b1', 'due-a3'])
    },
  })
}
