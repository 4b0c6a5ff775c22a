import { expect } from 'vitest'
import { isAk1Error } from '../errors/errors'
import type { CaseQuery, CaseStore, CommitInput, OutboxRow, StoredCase } from '../ports/case-store'
import {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  buildUpdate,
  fixtureInstant,
} from './case-store-fixtures'

/** One named check of the {@link CaseStore} contract. */
export interface CaseStoreCheck {
  /** The method or concern it checks (the `describe` block). */
  group: string
  /** What must hold, as a sentence (the test name). */
  name: string
  /** Resolves when `store` (fresh and empty) keeps the contract; throws otherwise. */
  run(store: CaseStore): Promise<void>
}

/**
 * Every check of the {@link CaseStore} contract, as plain named async functions. `describeCaseStore`
 * registers each as a test; they can also run directly, e.g. to prove that a broken store fails them.
 * Each check expects a fresh, empty store.
 */
export function caseStoreChecks(): CaseStoreCheck[] {
  return [
    ...loadChecks(),
    ...commitChecks(),
    ...atomicityChecks(),
    ...commandChecks(),
    ...timelineChecks(),
    ...listChecks(),
    ...sequenceChecks(),
    ...outboxChecks(),
    ...dueChecks(),
    ...attachmentChecks(),
    check('close', 'close() resolves', async (store) => {
      await expect(store.close()).resolves.toBeUndefined()
    }),
  ]
}

function check(group: string, name: string, run: (store: CaseStore) => Promise<void>): CaseStoreCheck {
  return { group, name, run }
}

const W1 = 'worker-1'
const W2 = 'worker-2'
/** Far enough ahead that every row is due and every lease has expired. */
const FAR = fixtureInstant(365 * 24 * 60)

async function create(
  store: CaseStore,
  fields: Partial<StoredCase> & Pick<StoredCase, 'id'>,
  extra: Partial<CommitInput> = {},
): Promise<StoredCase> {
  const c = buildStoredCase(fields)
  await store.commit(buildCreate(c, extra))
  return c
}

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code: 'CONFLICT', message: expect.any(String) })
}

function isConflict(error: unknown): boolean {
  return isAk1Error(error) && error.code === 'CONFLICT'
}

function loadChecks(): CaseStoreCheck[] {
  return [
    check('load', 'load() returns null for an unknown id', async (store) => {
      expect(await store.load('case-unknown')).toBeNull()
    }),
    check('load', 'load() returns the case exactly as committed, JSON fields included', async (store) => {
      const c = await create(store, {
        id: 'case-json',
        channel: 'online',
        personal: {
          nama: 'Dewi Ayu Lestari — Désa Kedungsukodani',
          anak: [1, 2.5, -3],
          ok: true,
          none: null,
        },
        data: { nested: { deep: [[], {}, [{ a: 'b' }]] }, count: 0, text: '' },
      })
      expect(await store.load(c.id)).toEqual(c)
    }),
    check(
      'load',
      'load() and timeline() hand out copies, and keep none of the committed input',
      async (store) => {
        const c = buildStoredCase({ id: 'case-copy', personal: { nama: 'Ani', alamat: { rt: '01' } } })
        const input = buildCreate(c)
        const expected = structuredClone(input)
        await store.commit(input)
        ;(input.case.personal as { nama: string }).nama = 'changed after commit'
        input.audit[0]!.event = 'CHANGED'
        const loaded = (await store.load(c.id))!
        ;(loaded.personal as { alamat: { rt: string } }).alamat.rt = '99'
        const trail = await store.timeline(c.id)
        trail[0]!.actor.role = 'camat'
        expect(await store.load(c.id)).toEqual(expected.case)
        expect(await store.timeline(c.id)).toEqual(expected.audit)
      },
    ),
  ]
}

function commitChecks(): CaseStoreCheck[] {
  return [
    check(
      'commit',
      'commit() with expectedVersion null creates the case, and creating it again fails with ConflictError',
      async (store) => {
        const c = await create(store, { id: 'case-1' })
        expect((await store.load(c.id))?.version).toBe(1)
        // A fresh audit seq, so that only the existing case can make it fail.
        const again = buildCreate({ ...c, state: 'penerimaan' }, { audit: [buildAuditEntry(c.id, 2)] })
        await expectConflict(store.commit(again))
        expect(await store.load(c.id)).toEqual(c)
      },
    ),
    check('commit', 'commit() with the current version stores the next version', async (store) => {
      const c = await create(store, { id: 'case-1' })
      const v2 = buildUpdate(c, { state: 'validasi', awaiting: 'operator', dueAt: null })
      await store.commit(v2)
      const v3 = buildUpdate(v2.case, { state: 'selesai', awaiting: null, final: true })
      await store.commit(v3)
      expect(await store.load(c.id)).toEqual(v3.case)
    }),
    check(
      'commit',
      'commit() with a stale expectedVersion fails with ConflictError and changes nothing',
      async (store) => {
        const c = await create(store, { id: 'case-1' })
        const v2 = buildUpdate(c, { state: 'validasi' })
        await store.commit(v2)
        const stale = buildUpdate(c, { state: 'ditolak', final: true }, { audit: [buildAuditEntry(c.id, 3)] })
        await expectConflict(store.commit(stale))
        expect(await store.load(c.id)).toEqual(v2.case)
        expect((await store.timeline(c.id)).map((e) => e.seq)).toEqual([1, 2])
      },
    ),
    check('commit', 'commit() of an update to an unknown case fails with ConflictError', async (store) => {
      const ghost = buildStoredCase({ id: 'case-ghost' })
      await expectConflict(store.commit(buildUpdate(ghost)))
      expect(await store.load(ghost.id)).toBeNull()
    }),
    check('commit', 'of two concurrent commits on the same version exactly one succeeds', async (store) => {
      const c = await create(store, { id: 'case-1' })
      const a = buildUpdate(c, { state: 'validasi' })
      const b = buildUpdate(c, { state: 'ditolak', final: true })
      const results = await Promise.allSettled([store.commit(a), store.commit(b)])
      const won = results.findIndex((r) => r.status === 'fulfilled')
      const lost = results.filter((r) => r.status === 'rejected')
      expect(won).not.toBe(-1)
      expect(lost).toHaveLength(1)
      expect(isConflict((lost[0] as PromiseRejectedResult).reason)).toBe(true)
      expect(await store.load(c.id)).toEqual([a, b][won]!.case)
      expect(await store.timeline(c.id)).toHaveLength(2)
    }),
  ]
}

/**
 * A case at version 1 with an audit entry, an outbox row, a due row, a sequence value and a command,
 * and the full second commit, which each atomicity check spoils in one way.
 */
async function atomicSetup(store: CaseStore): Promise<{ first: CommitInput; second: CommitInput }> {
  const c = buildStoredCase({ id: 'case-atom' })
  const first = buildCreate(c, {
    outbox: [buildOutboxRow('out-1', c.id)],
    due: [buildDueRow('due-1', c.id)],
    sequences: [{ name: 'tracking', scope: 'balongbendo:2026', value: 1 }],
    command: { id: 'cmd-1', result: { caseId: c.id, version: 1 } },
  })
  await store.commit(first)
  const second = buildUpdate(
    c,
    { state: 'registrasi', awaiting: 'operator', data: { registerNumber: 1 } },
    {
      audit: [buildAuditEntry(c.id, 2), buildAuditEntry(c.id, 3, { event: 'SLA_AT_RISK' })],
      outbox: [buildOutboxRow('out-2', c.id, { kind: 'sipraja' })],
      due: [buildDueRow('due-2', c.id, { dueAt: fixtureInstant(60) })],
      sequences: [
        { name: 'tracking', scope: 'balongbendo:2026', value: 2 },
        { name: 'register', scope: 'balongbendo:2026', value: 1 },
      ],
      command: { id: 'cmd-2', result: { caseId: c.id, version: 2 } },
    },
  )
  return { first, second }
}

/** What a store holds of the atomicity fixture. Claims due rows, so call it last. */
async function atomicState(store: CaseStore) {
  return {
    case: await store.load('case-atom'),
    audit: (await store.timeline('case-atom')).map((e) => e.seq),
    outbox: (await store.listOutbox('case-atom')).map((r) => r.id),
    tracking: await store.currentSequence('tracking', 'balongbendo:2026'),
    register: await store.currentSequence('register', 'balongbendo:2026'),
    command: (await store.getCommand('cmd-2'))?.id ?? null,
    due: (await store.claimDue({ now: FAR, limit: 10, owner: 'probe', leaseMs: 1000 })).map((r) => r.id),
  }
}

function atomicityChecks(): CaseStoreCheck[] {
  const spoilers: Array<{ reason: string; conflict: boolean; spoil(second: CommitInput): CommitInput }> = [
    { reason: 'a stale version', conflict: true, spoil: (s) => ({ ...s, expectedVersion: 0 }) },
    {
      reason: 'a sequence claim that is not next',
      conflict: true,
      spoil: (s) => ({ ...s, sequences: [...s.sequences!.slice(0, 1), { ...s.sequences![1]!, value: 2 }] }),
    },
    {
      reason: 'a command id already committed',
      conflict: true,
      spoil: (s) => ({ ...s, command: { id: 'cmd-1', result: null } }),
    },
    {
      reason: 'an audit seq already stored',
      conflict: false,
      spoil: (s) => ({ ...s, audit: [...s.audit, buildAuditEntry('case-atom', 1)] }),
    },
    {
      reason: 'an outbox id already stored',
      conflict: false,
      spoil: (s) => ({ ...s, outbox: [...s.outbox, buildOutboxRow('out-1', 'case-atom')] }),
    },
  ]
  return spoilers.map(({ reason, conflict, spoil }) =>
    check('commit', `a commit that fails on ${reason} leaves nothing behind`, async (store) => {
      const { first, second } = await atomicSetup(store)
      const failing = store.commit(spoil(second))
      if (conflict) await expectConflict(failing)
      else await expect(failing).rejects.toThrow()
      expect(await atomicState(store)).toEqual({
        case: first.case,
        audit: [1],
        outbox: ['out-1'],
        tracking: 1,
        register: 0,
        command: null,
        due: ['due-1'],
      })
      // The same commit without the fault goes through: the fault alone made it fail.
      await store.commit(second)
      expect(await atomicState(store)).toEqual({
        case: second.case,
        audit: [1, 2, 3],
        outbox: ['out-1', 'out-2'],
        tracking: 2,
        register: 1,
        command: 'cmd-2',
        due: ['due-2'],
      })
    }),
  )
}

function commandChecks(): CaseStoreCheck[] {
  return [
    check('getCommand', 'getCommand() returns null for an unknown id', async (store) => {
      expect(await store.getCommand('cmd-unknown')).toBeNull()
    }),
    check(
      'getCommand',
      'getCommand() returns the committed command with its case id and result',
      async (store) => {
        const result = { caseId: 'case-1', version: 1, trackingCode: 'AK1-0001' }
        await create(store, { id: 'case-1' }, { command: { id: 'cmd-1', result } })
        const found = await store.getCommand('cmd-1')
        expect(found).toMatchObject({ id: 'cmd-1', caseId: 'case-1', result })
        expect(typeof found?.at).toBe('string')
      },
    ),
    check(
      'getCommand',
      'commit() with a command id already committed fails with ConflictError, even for another case',
      async (store) => {
        await create(store, { id: 'case-1' }, { command: { id: 'cmd-1', result: 'first' } })
        const again = buildCreate(buildStoredCase({ id: 'case-2' }), {
          command: { id: 'cmd-1', result: 'second' },
        })
        await expectConflict(store.commit(again))
        expect(await store.load('case-2')).toBeNull()
        expect(await store.getCommand('cmd-1')).toMatchObject({ caseId: 'case-1', result: 'first' })
      },
    ),
  ]
}

function timelineChecks(): CaseStoreCheck[] {
  return [
    check('timeline', 'timeline() returns an empty list for an unknown case', async (store) => {
      expect(await store.timeline('case-unknown')).toEqual([])
    }),
    check(
      'timeline',
      "timeline() returns every audit entry of the case in seq order, and no other case's",
      async (store) => {
        const c = buildStoredCase({ id: 'case-1' })
        const first = buildCreate(c, { audit: [buildAuditEntry(c.id, 2), buildAuditEntry(c.id, 1)] })
        await store.commit(first)
        await create(store, { id: 'case-2' })
        const second = buildUpdate(c, {}, { audit: [buildAuditEntry(c.id, 3, { details: { note: 'x' } })] })
        await store.commit(second)
        const third = buildUpdate(
          second.case,
          {},
          {
            audit: [4, 5, 6].map((seq) =>
              buildAuditEntry(c.id, seq, { commandId: `cmd-${seq}`, calendarVersion: '2026.1' }),
            ),
          },
        )
        await store.commit(third)
        const expected = [...first.audit, ...second.audit, ...third.audit].sort((a, b) => a.seq - b.seq)
        expect(await store.timeline(c.id)).toEqual(expected)
        expect((await store.timeline('case-2')).map((e) => e.seq)).toEqual([1])
      },
    ),
  ]
}

const LIST_SIZE = 120
const STATES = ['penerimaan', 'verifikasi', 'tanda_tangan', 'selesai', 'dikembalikan'] as const
const AWAITING: Record<string, string | null> = {
  penerimaan: 'petugas',
  verifikasi: 'petugas',
  tanda_tangan: 'camat',
  selesai: null,
  dikembalikan: 'pemohon',
}
/** The overdue boundary of the list data: dueAt is a whole number of hours in 0..39 from the epoch. */
const LIST_OVERDUE_AT = fixtureInstant(20 * 60)

/** 120 cases of varied fields, whose dueAt order differs from their id order. */
function listCases(): StoredCase[] {
  return Array.from({ length: LIST_SIZE }, (_, i) => {
    const state = STATES[i % STATES.length]!
    return buildStoredCase({
      id: `case-${String(i).padStart(3, '0')}`,
      officeCode: i % 3 === 0 ? 'kab-lain' : 'balongbendo',
      state,
      awaiting: AWAITING[state] ?? null,
      final: state === 'selesai',
      channel: i % 2 ? 'online' : 'tatap_muka',
      applicantNik: `3515${String(i % 10).padStart(12, '0')}`,
      trackingCode: `AK1-${String(i).padStart(4, '0')}`,
      dueAt: i % 6 === 1 ? null : fixtureInstant(((i * 7) % 40) * 60),
    })
  })
}

/** Commits the list data in an order unlike its id order. */
async function seedList(store: CaseStore): Promise<StoredCase[]> {
  const cases = listCases()
  for (let k = 0; k < cases.length; k++) await store.commit(buildCreate(cases[(k * 47) % cases.length]!))
  return cases
}

/** Every page of a query; fails on an over-long page or more pages than the items could fill. */
async function pageAll(store: CaseStore, query: CaseQuery, limit: number, expectedTotal: number) {
  const ids: string[] = []
  let cursor: string | undefined
  const maxPages = Math.ceil(expectedTotal / limit) + 1
  for (let page = 0; page < maxPages; page++) {
    const result = await store.list({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) })
    expect(result.items.length).toBeLessThanOrEqual(limit)
    ids.push(...result.items.map((c) => c.id))
    if (result.nextCursor === null) return ids
    cursor = result.nextCursor
  }
  throw new Error(`list(${JSON.stringify(query)}) gave more than ${maxPages} pages of ${limit}`)
}

const byId = (a: StoredCase, b: StoredCase) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const ids = (cases: StoredCase[]) => cases.map((c) => c.id)

function listChecks(): CaseStoreCheck[] {
  return [
    check(
      'list',
      'list() pages through 120 cases by id without gaps or repeats at limits 7 and 50',
      async (store) => {
        const all = ids((await seedList(store)).sort(byId))
        expect(await pageAll(store, {}, 7, all.length)).toEqual(all)
        expect(await pageAll(store, {}, 50, all.length)).toEqual(all)
      },
    ),
    check('list', 'list() returns 50 cases when no limit is given', async (store) => {
      const all = ids((await seedList(store)).sort(byId))
      const page = await store.list({})
      expect(ids(page.items)).toEqual(all.slice(0, 50))
      expect(page.nextCursor).not.toBeNull()
    }),
    check(
      'list',
      'list() filters by officeCode, state, awaiting, applicantNik, trackingCode and final, across pages',
      async (store) => {
        const cases = (await seedList(store)).sort(byId)
        const filters: Array<[CaseQuery, (c: StoredCase) => boolean]> = [
          [{ officeCode: 'kab-lain' }, (c) => c.officeCode === 'kab-lain'],
          [{ state: 'verifikasi' }, (c) => c.state === 'verifikasi'],
          [{ state: ['penerimaan', 'selesai'] }, (c) => c.state === 'penerimaan' || c.state === 'selesai'],
          [{ awaiting: 'petugas' }, (c) => c.awaiting === 'petugas'],
          [{ applicantNik: '3515000000000004' }, (c) => c.applicantNik === '3515000000000004'],
          [{ trackingCode: 'AK1-0077' }, (c) => c.trackingCode === 'AK1-0077'],
          [{ final: true }, (c) => c.final],
          [{ final: false }, (c) => !c.final],
          [
            { officeCode: 'balongbendo', awaiting: 'petugas', final: false },
            (c) => c.officeCode === 'balongbendo' && c.awaiting === 'petugas' && !c.final,
          ],
        ]
        for (const [query, predicate] of filters) {
          const expected = ids(cases.filter(predicate))
          expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0)
          expect(await pageAll(store, query, 7, expected.length), JSON.stringify(query)).toEqual(expected)
        }
      },
    ),
    check(
      'list',
      'list({ overdueAt }) returns open cases due before it, by dueAt then id, across pages',
      async (store) => {
        const cases = await seedList(store)
        const boundary = Date.parse(LIST_OVERDUE_AT)
        // The data holds open cases due exactly at the boundary, which are not yet overdue.
        expect(cases.some((c) => !c.final && c.dueAt === LIST_OVERDUE_AT)).toBe(true)
        const expected = cases
          .filter((c) => !c.final && c.dueAt !== null && Date.parse(c.dueAt) < boundary)
          .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!) || byId(a, b))
        expect(ids(expected)).not.toEqual(ids([...expected].sort(byId)))
        expect(await pageAll(store, { overdueAt: LIST_OVERDUE_AT }, 7, expected.length)).toEqual(
          ids(expected),
        )
        const local = expected.filter((c) => c.officeCode === 'balongbendo')
        const query = { overdueAt: LIST_OVERDUE_AT, officeCode: 'balongbendo' }
        expect(await pageAll(store, query, 4, local.length)).toEqual(ids(local))
      },
    ),
    check('list', 'list({ dueBefore }) returns open cases due at or before it', async (store) => {
      const cases = (await seedList(store)).sort(byId)
      const boundary = Date.parse(LIST_OVERDUE_AT)
      const expected = ids(
        cases.filter((c) => !c.final && c.dueAt !== null && Date.parse(c.dueAt) <= boundary),
      )
      expect(await pageAll(store, { dueBefore: LIST_OVERDUE_AT }, 7, expected.length)).toEqual(expected)
    }),
    check(
      'list',
      'list({ incident }) tells cases with a failed outbox row from the others',
      async (store) => {
        await seedIncidents(store)
        expect(ids((await store.list({ incident: true })).items)).toEqual(['case-1', 'case-3'])
        expect(ids((await store.list({ incident: false })).items)).toEqual(['case-2', 'case-4'])
        expect(ids((await store.list({ incident: true, state: 'verifikasi', limit: 1 })).items)).toEqual([
          'case-1',
        ])
      },
    ),
    check('list', 'list() returns an empty page with a null cursor when nothing matches', async (store) => {
      await seedList(store)
      expect(await store.list({ officeCode: 'tidak-ada' })).toEqual({ items: [], nextCursor: null })
      expect(await store.list({ applicantNik: '3515999999999999', limit: 3 })).toEqual({
        items: [],
        nextCursor: null,
      })
    }),
  ]
}

/**
 * Four cases with one outbox row each: case-1 and case-3 failed (incidents), case-2 waiting for a
 * retry, case-4 delivered.
 */
async function seedIncidents(store: CaseStore): Promise<StoredCase[]> {
  const cases: StoredCase[] = []
  for (const n of [1, 2, 3, 4]) {
    cases.push(
      await create(store, { id: `case-${n}` }, { outbox: [buildOutboxRow(`out-${n}`, `case-${n}`)] }),
    )
  }
  const claimed = await store.claimOutbox({ now: fixtureInstant(0), limit: 10, owner: W1, leaseMs: 60_000 })
  expect(claimed.map((r) => r.id)).toEqual(['out-1', 'out-2', 'out-3', 'out-4'])
  const at = fixtureInstant(1)
  expect(await store.failOutbox('out-1', W1, { at, error: 'SMTP 550' })).toBe(true)
  expect(await store.retryOutbox('out-2', W1, { availableAt: fixtureInstant(10), error: 'timeout' })).toBe(
    true,
  )
  expect(await store.failOutbox('out-3', W1, { at, error: 'SIPRAJA 500' })).toBe(true)
  expect(await store.completeOutbox('out-4', W1, { at, result: { messageId: 'm-4' } })).toBe(true)
  return cases
}

function sequenceChecks(): CaseStoreCheck[] {
  const scope = 'balongbendo:2026'
  return [
    check(
      'currentSequence',
      'currentSequence() is 0 for a sequence never taken, and each name and scope counts on its own',
      async (store) => {
        expect(await store.currentSequence('register', scope)).toBe(0)
        await create(store, { id: 'case-1' }, { sequences: [{ name: 'register', scope, value: 1 }] })
        await create(store, { id: 'case-2' }, { sequences: [{ name: 'register', scope, value: 2 }] })
        await create(
          store,
          { id: 'case-3' },
          { sequences: [{ name: 'register', scope: 'krian:2026', value: 1 }] },
        )
        expect(await store.currentSequence('register', scope)).toBe(2)
        expect(await store.currentSequence('register', 'krian:2026')).toBe(1)
        expect(await store.currentSequence('tracking', scope)).toBe(0)
      },
    ),
    check(
      'currentSequence',
      'commit() rejects a sequence claim that skips ahead or repeats with ConflictError',
      async (store) => {
        const claim = (value: number) => ({ sequences: [{ name: 'register', scope, value }] })
        await expectConflict(store.commit(buildCreate(buildStoredCase({ id: 'case-1' }), claim(2))))
        expect(await store.load('case-1')).toBeNull()
        await create(store, { id: 'case-1' }, claim(1))
        await expectConflict(store.commit(buildCreate(buildStoredCase({ id: 'case-2' }), claim(1))))
        expect(await store.load('case-2')).toBeNull()
        expect(await store.currentSequence('register', scope)).toBe(1)
      },
    ),
    check(
      'currentSequence',
      '50 concurrent commits racing for the next register number get 1..50 exactly',
      async (store) => {
        const take = async (id: string): Promise<number> => {
          for (let attempt = 0; attempt < 200; attempt++) {
            const value = (await store.currentSequence('register', scope)) + 1
            const c = buildStoredCase({ id, data: { registerNumber: value } })
            try {
              await store.commit(buildCreate(c, { sequences: [{ name: 'register', scope, value }] }))
              return value
            } catch (error) {
              if (!isConflict(error)) throw error
            }
          }
          throw new Error(`${id} got no register number in 200 attempts`)
        }
        const caseIds = Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`)
        const taken = await Promise.all(caseIds.map(take))
        expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
        expect(await store.currentSequence('register', scope)).toBe(50)
        for (const [i, id] of caseIds.entries()) {
          expect((await store.load(id))?.data).toEqual({ registerNumber: taken[i] })
        }
      },
    ),
  ]
}

function outboxChecks(): CaseStoreCheck[] {
  const claim = (store: CaseStore, owner: string, minutes: number, limit = 10, leaseMs = 60_000) =>
    store.claimOutbox({ now: fixtureInstant(minutes), limit, owner, leaseMs })
  const row = async (store: CaseStore, id: string): Promise<OutboxRow> =>
    (await store.listOutbox('case-1')).find((r) => r.id === id)!
  return [
    check('outbox', 'commit() inserts outbox rows as pending, unleased, with no attempts', async (store) => {
      const input = buildOutboxRow('out-1', 'case-1', { payload: { template: 'diterima', to: ['email'] } })
      await create(store, { id: 'case-1' }, { outbox: [input] })
      expect(await store.listOutbox('case-1')).toEqual([
        {
          ...input,
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
    }),
    check(
      'outbox',
      "listOutbox() returns a case's rows oldest first, and nothing for an unknown case",
      async (store) => {
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
    ),
    check(
      'outbox',
      'claimOutbox() leases rows available by now, by availableAt then id, up to the limit, counting an attempt',
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
    ),
    check(
      'outbox',
      'an expired outbox lease is claimable again, and its old owner loses the row',
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        expect(await claim(store, W1, 0)).toHaveLength(1)
        expect(await claim(store, W2, 0.5)).toEqual([])
        const again = await claim(store, W2, 2)
        expect(again.map((r) => [r.id, r.attempts, r.leaseOwner])).toEqual([['out-1', 2, W2]])
        expect(await store.completeOutbox('out-1', W1, { at: fixtureInstant(2), result: null })).toBe(false)
        expect(await store.completeOutbox('out-1', W2, { at: fixtureInstant(2), result: null })).toBe(true)
      },
    ),
    check(
      'outbox',
      'completeOutbox() marks the row done with its result, and a completed row is never claimed again',
      async (store) => {
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
    ),
    check(
      'outbox',
      'completeOutbox(), retryOutbox() and failOutbox() return false without the lease',
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        const at = fixtureInstant(1)
        expect(await store.completeOutbox('out-1', W1, { at, result: null })).toBe(false)
        await claim(store, W1, 0)
        const before = await row(store, 'out-1')
        expect(await store.completeOutbox('out-1', W2, { at, result: null })).toBe(false)
        expect(await store.retryOutbox('out-1', W2, { availableAt: at, error: 'x' })).toBe(false)
        expect(await store.failOutbox('out-1', W2, { at, error: 'x' })).toBe(false)
        expect(await store.completeOutbox('out-unknown', W1, { at, result: null })).toBe(false)
        expect(await store.retryOutbox('out-unknown', W1, { availableAt: at, error: 'x' })).toBe(false)
        expect(await store.failOutbox('out-unknown', W1, { at, error: 'x' })).toBe(false)
        expect(await row(store, 'out-1')).toEqual(before)
      },
    ),
    check(
      'outbox',
      'retryOutbox() makes the row claimable again from its new availableAt, keeping the error',
      async (store) => {
        await create(store, { id: 'case-1' }, { outbox: [buildOutboxRow('out-1', 'case-1')] })
        await claim(store, W1, 0)
        expect(
          await store.retryOutbox('out-1', W1, { availableAt: fixtureInstant(5), error: 'timeout' }),
        ).toBe(true)
        expect(await row(store, 'out-1')).toMatchObject({
          status: 'pending',
          lastError: 'timeout',
          leaseOwner: null,
        })
        expect(await claim(store, W1, 4)).toEqual([])
        const again = await claim(store, W2, 5)
        expect(again.map((r) => [r.id, r.attempts, r.lastError])).toEqual([['out-1', 2, 'timeout']])
      },
    ),
    check(
      'outbox',
      'failOutbox() marks the row failed, and a failed row is never claimed again',
      async (store) => {
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
    ),
    check(
      'outbox',
      'commit() with outboxChanges retries a failed row from its instant, or resolves it',
      async (store) => {
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
        expect((await claim(store, W2, 30)).map((r) => [r.id, r.attempts])).toEqual([['out-1', 2]])
      },
    ),
  ]
}

function dueChecks(): CaseStoreCheck[] {
  const claim = (store: CaseStore, owner: string, minutes: number, limit = 10) =>
    store
      .claimDue({ now: fixtureInstant(minutes), limit, owner, leaseMs: 60_000 })
      .then((rows) => rows.map((r) => r.id))
  const dueAt = (minutes: number) => ({ dueAt: fixtureInstant(minutes) })
  return [
    check(
      'due',
      'claimDue() leases pending rows due by now, by dueAt then id, up to the limit',
      async (store) => {
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
    ),
    check('due', 'claimDue() skips a leased row until its lease expires', async (store) => {
      await create(store, { id: 'case-1' }, { due: [buildDueRow('due-1', 'case-1')] })
      expect(await claim(store, W1, 0)).toEqual(['due-1'])
      expect(await claim(store, W2, 0.5)).toEqual([])
      expect(await claim(store, W2, 2)).toEqual(['due-1'])
      expect(await store.releaseDue('due-1', W1)).toBe(false)
    }),
    check(
      'due',
      'releaseDue() frees a leased row at once, and returns false for another owner or an unknown id',
      async (store) => {
        await create(store, { id: 'case-1' }, { due: [buildDueRow('due-1', 'case-1')] })
        expect(await store.releaseDue('due-1', W1)).toBe(false)
        expect(await claim(store, W1, 0)).toEqual(['due-1'])
        expect(await store.releaseDue('due-1', W2)).toBe(false)
        expect(await store.releaseDue('due-unknown', W1)).toBe(false)
        expect(await claim(store, W2, 0)).toEqual([])
        expect(await store.releaseDue('due-1', W1)).toBe(true)
        expect(await claim(store, W2, 0)).toEqual(['due-1'])
      },
    ),
    check(
      'due',
      'commit() with dueDone marks due rows done, and a done row is never claimed again',
      async (store) => {
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
    ),
    check(
      'due',
      "commit() with due replaces the case's pending due rows, and without due keeps them",
      async (store) => {
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
    ),
  ]
}

function attachmentChecks(): CaseStoreCheck[] {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
  const sha256 = 'ab'.repeat(32)
  return [
    check('attachments', 'getAttachment() returns null for an unknown sha256', async (store) => {
      expect(await store.getAttachment('cd'.repeat(32))).toBeNull()
    }),
    check(
      'attachments',
      'putAttachment() then getAttachment() gives back every byte, the type and the size',
      async (store) => {
        await store.putAttachment({ sha256, contentType: 'image/jpeg', size: bytes.length, bytes })
        const found = await store.getAttachment(sha256)
        expect(found?.bytes).toBeInstanceOf(Uint8Array)
        expect(Array.from(found!.bytes)).toEqual(Array.from(bytes))
        expect(found).toMatchObject({ sha256, contentType: 'image/jpeg', size: 256 })
        expect(await store.getAttachment('cd'.repeat(32))).toBeNull()
      },
    ),
    check('attachments', 'putAttachment() of a sha256 already stored is a no-op', async (store) => {
      await store.putAttachment({ sha256, contentType: 'image/jpeg', size: bytes.length, bytes })
      await expect(
        store.putAttachment({ sha256, contentType: 'application/pdf', size: bytes.length, bytes }),
      ).resolves.toBeUndefined()
      const found = await store.getAttachment(sha256)
      expect(found?.contentType).toBe('image/jpeg')
      expect(Array.from(found!.bytes)).toEqual(Array.from(bytes))
    }),
  ]
}
