import { expect } from 'vitest'
import type { AuditEntry, CommitInput } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { create, expectConflict, FAR, group, isConflict } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  buildUpdate,
  fixtureInstant,
} from './case-store-fixtures'

/** Checks of the records a commit writes: the case, its audit trail, command ids, sequences, attachments. */
export function recordChecks(): CaseStoreCheck[] {
  return [
    ...loadChecks(),
    ...commitChecks(),
    ...atomicityChecks(),
    ...commandChecks(),
    ...timelineChecks(),
    ...officeChecks(),
    ...group('close', {
      'close() resolves': async (store) => {
        await expect(store.close()).resolves.toBeUndefined()
      },
    }),
  ]
}

function loadChecks(): CaseStoreCheck[] {
  return group('load', {
    'load() returns null for an unknown id': async (store) => {
      expect(await store.load('case-unknown')).toBeNull()
    },
    'load() returns the case exactly as committed, JSON fields included': async (store) => {
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
    },
    'load() and timeline() hand out copies, and keep none of the committed input': async (store) => {
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
  })
}

function commitChecks(): CaseStoreCheck[] {
  return group('commit', {
    'commit() with expectedVersion null creates the case, and creating it again fails with ConflictError':
      async (store) => {
        const c = await create(store, { id: 'case-1' })
        expect((await store.load(c.id))?.version).toBe(1)
        // A fresh audit seq, so that only the existing case can make it fail.
        const again = buildCreate({ ...c, state: 'penerimaan' }, { audit: [buildAuditEntry(c.id, 2)] })
        await expectConflict(store.commit(again))
        expect(await store.load(c.id)).toEqual(c)
      },
    'commit() with the current version stores the next version': async (store) => {
      const c = await create(store, { id: 'case-1' })
      const v2 = buildUpdate(c, { state: 'validasi', awaiting: 'operator', dueAt: null })
      await store.commit(v2)
      const v3 = buildUpdate(v2.case, { state: 'selesai', awaiting: null, final: true })
      await store.commit(v3)
      expect(await store.load(c.id)).toEqual(v3.case)
    },
    'commit() with a stale expectedVersion fails with ConflictError and changes nothing': async (store) => {
      const c = await create(store, { id: 'case-1' })
      const v2 = buildUpdate(c, { state: 'validasi' })
      await store.commit(v2)
      const stale = buildUpdate(c, { state: 'ditolak', final: true }, { audit: [buildAuditEntry(c.id, 3)] })
      await expectConflict(store.commit(stale))
      expect(await store.load(c.id)).toEqual(v2.case)
      expect((await store.timeline(c.id)).map((e) => e.seq)).toEqual([1, 2])
    },
    'commit() of an update to an unknown case fails with ConflictError': async (store) => {
      const ghost = buildStoredCase({ id: 'case-ghost' })
      await expectConflict(store.commit(buildUpdate(ghost)))
      expect(await store.load(ghost.id)).toBeNull()
    },
    'of two concurrent commits on the same version exactly one succeeds': async (store) => {
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
    },
  })
}

/**
 * A case at version 1 with an audit entry, an outbox row, a due row, a sequence value and a command,
 * and the full second commit, which each atomicity check spoils in one way.
 */
async function atomicSetup(store: Ak1Store): Promise<{ first: CommitInput; second: CommitInput }> {
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
async function atomicState(store: Ak1Store) {
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
  return group(
    'commit',
    Object.fromEntries(
      spoilers.map(({ reason, conflict, spoil }) => [
        `a commit that fails on ${reason} leaves nothing behind`,
        async (store: Ak1Store) => {
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
        },
      ]),
    ),
  )
}

function commandChecks(): CaseStoreCheck[] {
  return group('getCommand', {
    'getCommand() returns null for an unknown id': async (store) => {
      expect(await store.getCommand('cmd-unknown')).toBeNull()
    },
    'getCommand() returns the committed command with its case id and result': async (store) => {
      const result = { caseId: 'case-1', version: 1, trackingCode: 'AK1-0001' }
      await create(store, { id: 'case-1' }, { command: { id: 'cmd-1', result } })
      const found = await store.getCommand('cmd-1')
      expect(found).toMatchObject({ id: 'cmd-1', caseId: 'case-1', result })
      expect(typeof found?.at).toBe('string')
    },
    'commit() with a command id already committed fails with ConflictError, even for another case': async (
      store,
    ) => {
      await create(store, { id: 'case-1' }, { command: { id: 'cmd-1', result: 'first' } })
      const again = buildCreate(buildStoredCase({ id: 'case-2' }), {
        command: { id: 'cmd-1', result: 'second' },
      })
      await expectConflict(store.commit(again))
      expect(await store.load('case-2')).toBeNull()
      expect(await store.getCommand('cmd-1')).toMatchObject({ caseId: 'case-1', result: 'first' })
    },
  })
}

function timelineChecks(): CaseStoreCheck[] {
  return group('timeline', {
    'timeline() returns an empty list for an unknown case': async (store) => {
      expect(await store.timeline('case-unknown')).toEqual([])
    },
    "timeline() returns every audit entry of the case in seq order, and no other case's": async (store) => {
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
    "timeline() and streamAudit() keep each entry's MAC as written, and none where there was none": async (
      store,
    ) => {
      const c = buildStoredCase({ id: 'case-mac' })
      const mac = (seq: number) => `0123456789abcdef:${String(seq).repeat(64).slice(0, 64)}`
      const unkeyed = buildAuditEntry(c.id, 1)
      const keyed = [2, 3].map((seq) => buildAuditEntry(c.id, seq, { mac: mac(seq) }))
      const first = buildCreate(c, { audit: [unkeyed] })
      await store.commit(first)
      await store.commit(buildUpdate(c, {}, { audit: keyed }))
      const trail = await store.timeline(c.id)
      expect(trail).toEqual([unkeyed, ...keyed])
      expect('mac' in trail[0]!).toBe(false)
      const streamed: AuditEntry[] = []
      for await (const entry of store.streamAudit({ officeCode: c.officeCode })) {
        if (entry.caseId === c.id) streamed.push(entry)
      }
      expect(streamed.map((e) => e.mac ?? null)).toEqual([null, mac(2), mac(3)])
    },
  })
}

function officeChecks(): CaseStoreCheck[] {
  return group('offices', {
    'commit() takes the same tracking code at two offices, and refuses it twice at one with ConflictError':
      async (store) => {
        await create(store, { id: 'case-1', officeCode: 'balongbendo', trackingCode: 'AK1-0001' })
        await create(store, { id: 'case-2', officeCode: 'krian', trackingCode: 'AK1-0001' })
        await expectConflict(
          store.commit(
            buildCreate(buildStoredCase({ id: 'case-3', officeCode: 'krian', trackingCode: 'AK1-0001' })),
          ),
        )
        expect(await store.load('case-3')).toBeNull()
        const krian = await store.list({ officeCode: 'krian', trackingCode: 'AK1-0001' })
        expect(krian.items.map((c) => c.id)).toEqual(['case-2'])
        const balongbendo = await store.list({ officeCode: 'balongbendo' })
        expect(balongbendo.items.map((c) => c.id)).toEqual(['case-1'])
      },
    'getCommand() keeps command ids per scope: one id in two scopes is two commands': async (store) => {
      await create(store, { id: 'case-1' }, { command: { id: 'cmd-1', scope: 'balongbendo', result: 'a' } })
      await create(store, { id: 'case-2' }, { command: { id: 'cmd-1', scope: 'krian', result: 'b' } })
      expect(await store.getCommand('cmd-1', 'balongbendo')).toMatchObject({ caseId: 'case-1', result: 'a' })
      expect(await store.getCommand('cmd-1', 'krian')).toMatchObject({ caseId: 'case-2', result: 'b' })
      expect(await store.getCommand('cmd-1')).toBeNull()
      await expectConflict(
        store.commit(
          buildCreate(buildStoredCase({ id: 'case-3' }), {
            command: { id: 'cmd-1', scope: 'krian', result: 'c' },
          }),
        ),
      )
      expect(await store.load('case-3')).toBeNull()
    },
  })
}
