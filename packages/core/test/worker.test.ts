import { describe, expect, it } from 'vitest'
import { createOutboxRunner } from '../src/engine/outbox'
import type { CaseView } from '../src/engine/types'
import { abortableSleep, runWorker } from '../src/engine/worker'
import { balongbendo } from '../src/index'
import type { Json } from '../src/ports/case-store'
import {
  buildAuditEntry,
  buildStoredCase,
  createMemoryStore,
  createRecordingNotifier,
  fixtureEpoch,
  sampleApplication,
} from '../src/testing/index'

describe('runWorker', () => {
  it('runs the outbox and due passes until aborted, pausing by whether they found work', async () => {
    const controller = new AbortController()
    const order: string[] = []
    const claims = [3, 0, 0, 2]
    const sleeps: number[] = []
    const summary = await runWorker({
      signal: controller.signal,
      runOutbox: async () => {
        order.push('outbox')
        return { claimed: claims.shift() ?? 0 }
      },
      runDue: async () => {
        order.push('due')
        return { claimed: 0 }
      },
      intervalMs: 5,
      idleMs: 500,
      sleep: async (ms) => {
        sleeps.push(ms)
        if (sleeps.length === 4) controller.abort()
      },
    })
    expect(order).toEqual(['outbox', 'due', 'outbox', 'due', 'outbox', 'due', 'outbox', 'due'])
    expect(sleeps).toEqual([5, 500, 500, 5])
    expect(summary).toEqual({ passes: 4, outboxClaimed: 5, dueClaimed: 0, errors: 0 })
  })

  it('keeps going after a pass throws, reporting it and backing off', async () => {
    const controller = new AbortController()
    const errors: unknown[] = []
    const sleeps: number[] = []
    let calls = 0
    const summary = await runWorker({
      signal: controller.signal,
      runOutbox: async () => {
        calls += 1
        if (calls === 1) throw new Error('store unreachable')
        return { claimed: 0 }
      },
      errorBackoffMs: 250,
      idleMs: 1000,
      onError: (e, pass) => errors.push([pass, (e as Error).message]),
      sleep: async (ms) => {
        sleeps.push(ms)
        if (sleeps.length === 2) controller.abort()
      },
    })
    expect(errors).toEqual([['outbox', 'store unreachable']])
    expect(sleeps).toEqual([250, 1000])
    expect(summary.errors).toBe(1)
  })

  it('stops gracefully: the delivery in flight completes, rows not started are released at once', async () => {
    const store = createMemoryStore()
    const now = new Date(fixtureEpoch)
    const clock = { now: () => now }
    const controller = new AbortController()
    const recording = createRecordingNotifier()
    const notifier = {
      ...recording,
      send: async (...args: Parameters<typeof recording.send>) => {
        controller.abort()
        await new Promise((r) => setTimeout(r, 2))
        return recording.send(...args)
      },
    }
    const c = buildStoredCase({ id: 'c1', personal: sampleApplication() as unknown as Json })
    await store.commit({
      case: c,
      expectedVersion: null,
      audit: [buildAuditEntry('c1', 1)],
      outbox: ['sms', 'email', 'sms'].map((channel, i) => ({
        id: `c1.1.${i + 1}`,
        caseId: 'c1',
        kind: 'notice',
        payload: { template: 'diterima', channel },
        availableAt: fixtureEpoch,
      })),
    })
    const loadCase = async (id: string) => {
      const s = await store.load(id)
      if (!s) return null
      const view = {
        id: s.id,
        channel: s.channel,
        state: s.state,
        trackingCode: s.trackingCode,
        application: s.personal,
        checklist: [],
        attachments: [],
        sla: { dueAt: s.dueAt, plannedDueAt: s.dueAt },
      } as unknown as CaseView
      return { view, standard: balongbendo }
    }
    const runner = createOutboxRunner({
      store,
      clock,
      notifiers: [notifier],
      loadCase,
      workerId: 'w1',
      options: { concurrency: 1 },
    })
    const summary = await runWorker({
      signal: controller.signal,
      runOutbox: (o) => runner.runOutbox(o),
      idleMs: 10_000,
    })
    expect(summary).toMatchObject({ passes: 1, outboxClaimed: 3 })
    expect(recording.sent.map((m) => m.messageId)).toEqual(['c1.1.1'])
    const rows = await store.listOutbox('c1')
    // Released unstarted: the claims are given back without using up an attempt.
    expect(rows.map((r) => [r.status, r.leaseOwner, r.attempts])).toEqual([
      ['done', null, 1],
      ['pending', null, 0],
      ['pending', null, 0],
    ])
    const other = createOutboxRunner({ store, clock, notifiers: [recording], loadCase, workerId: 'w2' })
    expect(await other.runOutbox()).toMatchObject({ claimed: 2, delivered: 2 })
    expect(recording.sent.map((m) => m.messageId)).toEqual(['c1.1.1', 'c1.1.2', 'c1.1.3'])
    expect((await store.listOutbox('c1')).map((r) => r.attempts)).toEqual([1, 1, 1])
  })

  it('returns at once when started with an aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    let ran = false
    const summary = await runWorker({
      signal: controller.signal,
      runOutbox: async () => {
        ran = true
        return { claimed: 0 }
      },
    })
    expect(ran).toBe(false)
    expect(summary.passes).toBe(0)
  })
})

describe('abortableSleep', () => {
  it('resolves early when the signal aborts', async () => {
    const controller = new AbortController()
    const pending = abortableSleep(60_000, controller.signal)
    controller.abort()
    await expect(pending).resolves.toBeUndefined()
  })
})
