import { describe, expect, it } from 'vitest'
import {
  attachmentStoreChecks,
  caseStoreChecks,
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
  sequenceAllocatorChecks,
  workQueueChecks,
} from '../src/conformance/index'
import type { StoredCase } from '../src/ports/case-store'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import type { OutboxRow } from '../src/ports/work-queue'
import { createMemoryStore } from '../src/testing/index'

for (const describePort of [
  describeCaseStore,
  describeWorkQueue,
  describeSequenceAllocator,
  describeAttachmentStore,
]) {
  describePort({
    name: 'memory',
    create: async () => {
      const store = createMemoryStore()
      return { store, cleanup: () => store.close() }
    },
  })
}

/** A memory store with some methods replaced by a broken version. */
interface BrokenStore {
  /** What the store gets wrong, completing "a store that ...". */
  flaw: string
  /** Checks that must fail against it (others may fail too). */
  caughtBy: string[]
  wrap(inner: CaseStore): Partial<CaseStore>
}

const brokenStores: BrokenStore[] = [
  {
    flaw: 'ignores expectedVersion',
    caughtBy: [
      'commit() with a stale expectedVersion fails with ConflictError and changes nothing',
      'commit() with expectedVersion null creates the case, and creating it again fails with ConflictError',
      'a commit that fails on a stale version leaves nothing behind',
    ],
    wrap: (inner) => ({
      // Overwrites whatever is stored with the next version, as an UPDATE without a version check would.
      async commit(input) {
        const c = input.case!
        const stored = await inner.load(c.id)
        const version = (stored?.version ?? 0) + 1
        await inner.commit({
          ...input,
          case: { ...c, version },
          expectedVersion: stored?.version ?? null,
        })
      },
    }),
  },
  {
    flaw: 'drops audit rows after the first of a commit',
    caughtBy: ["timeline() returns every audit entry of the case in seq order, and no other case's"],
    wrap: (inner) => ({
      commit: (input) => inner.commit({ ...input, audit: input.audit.slice(0, 1) }),
    }),
  },
  {
    flaw: 'commits half: the case and its audit stay when a later part fails',
    caughtBy: [
      'a commit that fails on a sequence claim that is not next leaves nothing behind',
      'a commit that fails on a command id already committed leaves nothing behind',
    ],
    wrap: (inner) => ({
      async commit(input) {
        try {
          await inner.commit(input)
        } catch (error) {
          // The case row went in before the outbox, sequences and command id were written.
          const head = {
            case: input.case,
            expectedVersion: input.expectedVersion,
            audit: input.audit,
            outbox: [],
          }
          await inner.commit(head).catch(() => undefined)
          throw error
        }
      },
    }),
  },
  {
    flaw: 're-delivers completed outbox rows',
    caughtBy: [
      'completeOutbox() marks the row done with its result, and a completed row is never claimed again',
    ],
    wrap: (inner) => {
      const caseOf = new Map<string, string>()
      const completed = new Set<string>()
      return {
        async completeOutbox(id, owner, done) {
          const ok = await inner.completeOutbox(id, owner, done)
          if (ok) completed.add(id)
          return ok
        },
        // Forgets that a delivered row is done: it comes round again with the due ones.
        async claimOutbox(options) {
          const claimed = await inner.claimOutbox(options)
          for (const row of claimed) caseOf.set(row.id, row.caseId)
          const again: OutboxRow[] = []
          for (const id of completed) {
            const row = (await inner.listOutbox(caseOf.get(id)!)).find((r) => r.id === id)
            if (row) again.push({ ...row, leaseOwner: options.owner, attempts: row.attempts + 1 })
          }
          return [...claimed, ...again].slice(0, options.limit)
        },
      }
    },
  },
  {
    flaw: 'counts a released claim as an attempt (release implemented as a retry)',
    caughtBy: [
      'releaseOutbox() gives the row back without counting the claim, claimable again at once, keeping the error',
      'releaseOutbox() with availableAt makes the row claimable from then, still not counting the claim',
    ],
    wrap: (inner) => {
      const caseOf = new Map<string, string>()
      return {
        async claimOutbox(options) {
          const claimed = await inner.claimOutbox(options)
          for (const row of claimed) caseOf.set(row.id, row.caseId)
          return claimed
        },
        async releaseOutbox(id, owner, release) {
          const row = (await inner.listOutbox(caseOf.get(id) ?? '')).find((r) => r.id === id)
          if (!row) return false
          const availableAt = release?.availableAt ?? row.availableAt
          return inner.retryOutbox(id, owner, { availableAt, error: row.lastError ?? '' })
        },
      }
    },
  },
  {
    flaw: "keeps a row's attempts on an operator's retry",
    caughtBy: [
      'commit() with outboxChanges retries a failed row from its instant, or resolves it',
      'commit() with outboxChanges retry gives the row fresh attempts, no lease, and keeps its last error',
    ],
    wrap: (inner) => {
      // Attempts the inner store reset, added back on every read.
      const carried = new Map<string, number>()
      const withCarried = (rows: OutboxRow[]) =>
        rows.map((r) => ({ ...r, attempts: r.attempts + (carried.get(r.id) ?? 0) }))
      return {
        async commit(input) {
          const retried = new Map<string, number>()
          for (const change of input.outboxChanges ?? []) {
            if (change.action !== 'retry') continue
            const rows = withCarried(await inner.listOutbox(input.case!.id))
            const row = rows.find((r) => r.id === change.id)
            if (row) retried.set(row.id, row.attempts)
          }
          await inner.commit(input)
          for (const [id, attempts] of retried) carried.set(id, attempts)
        },
        claimOutbox: async (options) => withCarried(await inner.claimOutbox(options)),
        listOutbox: async (caseId) => withCarried(await inner.listOutbox(caseId)),
      }
    },
  },
  {
    flaw: 'pages with a repeat (the cursor includes the last item of the page before)',
    caughtBy: ['list() pages through 120 cases by id without gaps or repeats at limits 7 and 50'],
    wrap: (inner) => {
      const lastBefore = new Map<string, StoredCase>()
      return {
        async list(query) {
          const previous = query.cursor === undefined ? undefined : lastBefore.get(query.cursor)
          const limit = query.limit ?? 50
          const page = await inner.list(previous ? { ...query, limit: Math.max(1, limit - 1) } : query)
          const items = previous ? [previous, ...page.items] : page.items
          const last = items.at(-1)
          if (page.nextCursor !== null && last) lastBefore.set(page.nextCursor, last)
          return { items, nextCursor: page.nextCursor }
        },
      }
    },
  },
  {
    flaw: 'lists cases by calendar version from a stale snapshot (a finalised case stays listed)',
    caughtBy: ['drops a case once it is committed on a current version, without a clock, or final'],
    wrap: (inner) => ({
      async listByCalendarVersion(query) {
        const page = await inner.listByCalendarVersion!(query)
        const open = await inner.list({ officeCode: query.officeCode, final: true })
        const stale = open.items.filter(
          (c) => c.calendarVersion && !query.exclude.includes(c.calendarVersion),
        )
        return { items: [...page.items, ...stale], nextCursor: page.nextCursor }
      },
    }),
  },
]

describe('describeCaseStore against deliberately broken stores', () => {
  const checks = [
    ...caseStoreChecks(),
    ...workQueueChecks(),
    ...sequenceAllocatorChecks(),
    ...attachmentStoreChecks(),
  ]

  it('has uniquely named checks for every method of the port', () => {
    expect(new Set(checks.map((c) => c.name)).size).toBe(checks.length)
    const names = checks.map((c) => c.name).join('\n')
    const methods = [
      'load',
      'commit',
      'getCommand',
      'timeline',
      'list',
      'currentSequence',
      'claimOutbox',
      'completeOutbox',
      'retryOutbox',
      'releaseOutbox',
      'failOutbox',
      'listOutbox',
      'listOutboxOf',
      'claimDue',
      'releaseDue',
      'putAttachment',
      'getAttachment',
      'close',
    ]
    for (const method of methods) expect(names, method).toContain(`${method}(`)
  })

  for (const broken of brokenStores) {
    it(`catches a store that ${broken.flaw}`, async () => {
      const failed: string[] = []
      for (const check of checks) {
        const inner = createMemoryStore()
        const store: CaseStore = { ...inner, id: 'broken', ...broken.wrap(inner) }
        try {
          await check.run(store)
        } catch {
          failed.push(check.name)
        } finally {
          await store.close()
        }
      }
      expect(failed).toEqual(expect.arrayContaining(broken.caughtBy))
      // The flaw is caught where it lives, not by a suite that fails everything.
      expect(failed.length).toBeLessThan(checks.length / 2)
    })
  }
})
