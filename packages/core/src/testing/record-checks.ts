import { expect } from 'vitest'
import type { AuditEntry } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { Ak1Store } from '../ports/store'
import { create, expectConflict, FAR, group, W1, W2 } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import {
  buildDueRow,
  buildOutboxRow,
  buildRecordCreate,
  buildRecordUpdate,
  buildStoredRecord,
  fixtureInstant,
} from './case-store-fixtures'

/** Commits the creation of a record built from `fields`, and returns that record. */
async function createRecord(
  store: Ak1Store,
  fields: Partial<StoredRecord> & Pick<StoredRecord, 'id'>,
  extra: Parameters<typeof buildRecordCreate>[1] = {},
): Promise<StoredRecord> {
  const r = buildStoredRecord(fields)
  await store.commit(buildRecordCreate(r, extra))
  return r
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) out.push(item)
  return out
}

/**
 * Checks of the aggregates other than cases (complaints, card records...): commit, version,
 * command ids, keys per office, queries, streams, audit trail and work rows of a record.
 */
export function aggregateChecks(): CaseStoreCheck[] {
  return [...recordCommitChecks(), ...recordQueryChecks(), ...streamChecks(), ...recordWorkChecks()]
}

function recordCommitChecks(): CaseStoreCheck[] {
  return group('records', {
    'loadRecord() returns the record exactly as committed, and null for another kind or id': async (
      store,
    ) => {
      const r = await createRecord(store, {
        id: 'complaint-1',
        caseId: 'case-x',
        key: 'BP-2026-0001',
        attributes: { type: 'pengaduan', count: 3, urgent: true, seksi: null },
        personal: { nama: 'Dewi — Désa Kedungsukodani', anak: [1, 2.5] },
      })
      expect(await store.loadRecord('complaint', r.id)).toEqual(r)
      expect(await store.loadRecord('card', r.id)).toBeNull()
      expect(await store.loadRecord('complaint', 'complaint-unknown')).toBeNull()
      expect(await store.load(r.id)).toBeNull()
    },
    'a record commit checks its version, and a stale one fails and changes nothing': async (store) => {
      const r = await createRecord(store, { id: 'complaint-1' })
      await expectConflict(store.commit(buildRecordCreate(r)))
      const v2 = buildRecordUpdate(r, { state: 'diproses' })
      await store.commit(v2)
      await expectConflict(
        store.commit(
          buildRecordUpdate(r, { state: 'selesai' }, { outbox: [buildOutboxRow('o-stale', r.id)] }),
        ),
      )
      expect(await store.loadRecord('complaint', r.id)).toEqual(v2.record)
      expect((await store.timeline(r.id)).map((e) => e.seq)).toEqual([1, 2])
      expect(await store.listOutbox(r.id)).toEqual([])
    },
    'an id is unique across cases and records': async (store) => {
      await create(store, { id: 'shared-1' })
      await expectConflict(store.commit(buildRecordCreate(buildStoredRecord({ id: 'shared-1' }))))
      await createRecord(store, { id: 'shared-2' })
      await expectConflict(create(store, { id: 'shared-2' }))
      await expectConflict(
        store.commit(buildRecordCreate(buildStoredRecord({ id: 'shared-2', kind: 'card' }))),
      )
    },
    'a commit carries exactly one aggregate': async (store) => {
      const r = buildStoredRecord({ id: 'complaint-1' })
      const both = { ...buildRecordCreate(r), case: undefined, record: undefined }
      await expect(store.commit(both)).rejects.toMatchObject({ code: expect.any(String) })
      expect(await store.loadRecord('complaint', r.id)).toBeNull()
    },
    'a command id on a record is recorded with it, and is unique in its scope': async (store) => {
      const r = buildStoredRecord({ id: 'complaint-1' })
      await store.commit(
        buildRecordCreate(r, { command: { id: 'cmd-1', scope: 'balongbendo', result: { ok: 1 } } }),
      )
      expect(await store.getCommand('cmd-1', 'balongbendo')).toMatchObject({
        caseId: r.id,
        result: { ok: 1 },
      })
      await expectConflict(
        store.commit(
          buildRecordUpdate(r, {}, { command: { id: 'cmd-1', scope: 'balongbendo', result: null } }),
        ),
      )
      expect((await store.loadRecord('complaint', r.id))?.version).toBe(1)
      const other = buildStoredRecord({ id: 'complaint-2', officeCode: 'krian' })
      await store.commit(buildRecordCreate(other, { command: { id: 'cmd-1', scope: 'krian', result: null } }))
      expect((await store.getCommand('cmd-1', 'krian'))?.caseId).toBe('complaint-2')
    },
    'a key is unique per office and kind, and moves with the record': async (store) => {
      const r = await createRecord(store, { id: 'complaint-1', key: 'BP-1' })
      await expectConflict(createRecord(store, { id: 'complaint-2', key: 'BP-1' }))
      expect(await store.loadRecord('complaint', 'complaint-2')).toBeNull()
      await createRecord(store, { id: 'complaint-3', key: 'BP-1', officeCode: 'krian' })
      await createRecord(store, { id: 'card-1', key: 'BP-1', kind: 'card' })
      await store.commit(buildRecordUpdate(r, { key: 'BP-9' }))
      await createRecord(store, { id: 'complaint-4', key: 'BP-1' })
      const page = await store.listRecords({ officeCode: 'balongbendo', kind: 'complaint', key: 'BP-1' })
      expect(page.items.map((x) => x.id)).toEqual(['complaint-4'])
    },
    'sequences are taken in a record commit and handed to complete()': async (store) => {
      const r = buildStoredRecord({ id: 'complaint-1' })
      const input = buildRecordCreate(r, { sequences: [{ name: 'complaint', scope: 'balongbendo:2026' }] })
      await store.commit({
        ...input,
        complete: ([n]) => ({ record: { ...r, key: `BP-${n}` } }),
      })
      expect((await store.loadRecord('complaint', r.id))?.key).toBe('BP-1')
      expect(await store.currentSequence('complaint', 'balongbendo:2026')).toBe(1)
    },
    "a record's audit trail is its own hash chain, in seq order": async (store) => {
      const r = await createRecord(store, { id: 'complaint-1' })
      await create(store, { id: 'case-1' })
      const v2 = buildRecordUpdate(r, { state: 'diproses' })
      await store.commit(v2)
      await store.commit(buildRecordUpdate(v2.record, { state: 'selesai', final: true }))
      const trail = await store.timeline(r.id)
      expect(trail.map((e) => [e.caseId, e.seq, e.aggregateKind])).toEqual([
        [r.id, 1, 'complaint'],
        [r.id, 2, 'complaint'],
        [r.id, 3, 'complaint'],
      ])
      for (let i = 1; i < trail.length; i++) expect(trail[i]!.prevHash).toBe(trail[i - 1]!.hash)
      expect((await store.timeline('case-1')).map((e) => e.caseId)).toEqual(['case-1'])
    },
  })
}

function recordQueryChecks(): CaseStoreCheck[] {
  return group('listRecords', {
    'listRecords() filters by office, kind, state, case, final, attributes and created range': async (
      store,
    ) => {
      await createRecord(store, { id: 'c-01', attributes: { type: 'pengaduan', sex: 'P' } })
      await createRecord(store, {
        id: 'c-02',
        state: 'selesai',
        final: true,
        caseId: 'case-7',
        attributes: { type: 'saran', sex: 'L' },
        createdAt: fixtureInstant(60),
      })
      await createRecord(store, {
        id: 'c-03',
        attributes: { type: 'pengaduan', sex: 'L' },
        createdAt: fixtureInstant(120),
      })
      await createRecord(store, { id: 'c-04', officeCode: 'krian' })
      await createRecord(store, { id: 'k-05', kind: 'card' })
      const ids = async (q: Omit<Parameters<Ak1Store['listRecords']>[0], 'officeCode' | 'kind'>) =>
        (await store.listRecords({ officeCode: 'balongbendo', kind: 'complaint', ...q })).items.map(
          (r) => r.id,
        )
      expect(await ids({})).toEqual(['c-01', 'c-02', 'c-03'])
      expect(await ids({ state: 'selesai' })).toEqual(['c-02'])
      expect(await ids({ state: ['diterima', 'selesai'] })).toEqual(['c-01', 'c-02', 'c-03'])
      expect(await ids({ caseId: 'case-7' })).toEqual(['c-02'])
      expect(await ids({ final: false })).toEqual(['c-01', 'c-03'])
      expect(await ids({ attributes: { type: 'pengaduan' } })).toEqual(['c-01', 'c-03'])
      expect(await ids({ attributes: { type: 'pengaduan', sex: 'L' } })).toEqual(['c-03'])
      expect(await ids({ attributes: { urgent: false, type: 'saran' } })).toEqual([])
      expect(await ids({ createdFrom: fixtureInstant(60) })).toEqual(['c-02', 'c-03'])
      expect(await ids({ createdFrom: fixtureInstant(1), createdTo: fixtureInstant(120) })).toEqual(['c-02'])
      const krian = await store.listRecords({ officeCode: 'krian', kind: 'complaint' })
      expect(krian.items.map((r) => r.id)).toEqual(['c-04'])
      const cards = await store.listRecords({ officeCode: 'balongbendo', kind: 'card' })
      expect(cards.items.map((r) => r.id)).toEqual(['k-05'])
    },
    'listRecords() pages by cursor: every record once, in id order': async (store) => {
      const made: string[] = []
      for (let n = 1; n <= 7; n++)
        made.push((await createRecord(store, { id: `c-${String(n).padStart(2, '0')}` })).id)
      const seen: string[] = []
      let cursor: string | undefined
      let pages = 0
      do {
        const page = await store.listRecords({
          officeCode: 'balongbendo',
          kind: 'complaint',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        })
        pages++
        seen.push(...page.items.map((r) => r.id))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen).toEqual(made)
      expect(pages).toBe(3)
    },
  })
}

function streamChecks(): CaseStoreCheck[] {
  return group('streams', {
    'streamCases() yields every matching case once, in id order, across pages': async (store) => {
      const ids: string[] = []
      for (let n = 1; n <= 9; n++) {
        const id = `case-${String(n).padStart(2, '0')}`
        await create(store, {
          id,
          state: n % 3 === 0 ? 'selesai' : 'verifikasi',
          createdAt: fixtureInstant(n),
          ...(n % 3 === 0 ? { final: true, awaiting: null } : {}),
        })
        ids.push(id)
      }
      await create(store, { id: 'case-krian', officeCode: 'krian' })
      const all = await collect(store.streamCases({ officeCode: 'balongbendo', batchSize: 2 }))
      expect(all.map((c) => c.id)).toEqual(ids)
      const done = await collect(
        store.streamCases({ officeCode: 'balongbendo', state: 'selesai', batchSize: 2 }),
      )
      expect(done.map((c) => c.id)).toEqual(['case-03', 'case-06', 'case-09'])
      const ranged = await collect(
        store.streamCases({
          officeCode: 'balongbendo',
          createdFrom: fixtureInstant(4),
          createdTo: fixtureInstant(7),
        }),
      )
      expect(ranged.map((c) => c.id)).toEqual(['case-04', 'case-05', 'case-06'])
    },
    'streamRecords() yields every matching record once, in id order, across pages': async (store) => {
      const ids: string[] = []
      for (let n = 1; n <= 7; n++) {
        const id = `c-${String(n).padStart(2, '0')}`
        await createRecord(store, { id, attributes: { type: n % 2 ? 'pengaduan' : 'saran' } })
        ids.push(id)
      }
      await createRecord(store, { id: 'c-99', officeCode: 'krian' })
      const all = await collect(
        store.streamRecords({ officeCode: 'balongbendo', kind: 'complaint', batchSize: 3 }),
      )
      expect(all.map((r) => r.id)).toEqual(ids)
      expect(all[0]).toEqual(await store.loadRecord('complaint', 'c-01'))
      const saran = await collect(
        store.streamRecords({
          officeCode: 'balongbendo',
          kind: 'complaint',
          attributes: { type: 'saran' },
          batchSize: 2,
        }),
      )
      expect(saran.map((r) => r.id)).toEqual(['c-02', 'c-04', 'c-06'])
    },
    "streamAudit() yields the office's entries by aggregate and seq, of one kind or all, in the range":
      async (store) => {
        const a = await createRecord(store, { id: 'c-1' })
        await store.commit(buildRecordUpdate(a, { state: 'diproses' }))
        await create(store, { id: 'case-1' })
        await createRecord(store, { id: 'k-1', kind: 'card' })
        await createRecord(store, { id: 'c-2', officeCode: 'krian' })
        const key = (e: AuditEntry) => `${e.caseId}#${e.seq}`
        const all = await collect(store.streamAudit({ officeCode: 'balongbendo', batchSize: 1 }))
        expect(all.map(key)).toEqual(['c-1#1', 'c-1#2', 'case-1#1', 'k-1#1'])
        expect(all[0]).toEqual((await store.timeline('c-1'))[0])
        const complaints = await collect(store.streamAudit({ officeCode: 'balongbendo', kind: 'complaint' }))
        expect(complaints.map(key)).toEqual(['c-1#1', 'c-1#2'])
        const cases = await collect(store.streamAudit({ officeCode: 'balongbendo', kind: 'case' }))
        expect(cases.map(key)).toEqual(['case-1#1'])
        const ranged = await collect(
          store.streamAudit({ officeCode: 'balongbendo', from: fixtureInstant(2), to: fixtureInstant(3) }),
        )
        expect(ranged.map(key)).toEqual(['c-1#2'])
        expect((await collect(store.streamAudit({ officeCode: 'krian' }))).map(key)).toEqual(['c-2#1'])
      },
  })
}

function recordWorkChecks(): CaseStoreCheck[] {
  return group('record work rows', {
    "a record's outbox and due rows carry its kind and office, and are claimed and completed": async (
      store,
    ) => {
      const r = await createRecord(
        store,
        { id: 'c-1' },
        { outbox: [buildOutboxRow('o-1', 'c-1')], due: [buildDueRow('d-1', 'c-1')] },
      )
      const [row] = await store.listOutbox(r.id)
      expect(row).toMatchObject({
        id: 'o-1',
        caseId: 'c-1',
        aggregateKind: 'complaint',
        officeCode: 'balongbendo',
      })
      const claimed = await store.claimOutbox({ now: FAR, limit: 10, owner: W1, leaseMs: 1000 })
      expect(claimed.map((x) => [x.id, x.aggregateKind, x.officeCode])).toEqual([
        ['o-1', 'complaint', 'balongbendo'],
      ])
      expect(await store.completeOutbox('o-1', W1, { at: FAR, result: { ok: true } })).toBe(true)
      expect((await store.listOutbox(r.id))[0]?.status).toBe('done')
      const due = await store.claimDue({ now: FAR, limit: 10, owner: W1, leaseMs: 1000 })
      expect(due.map((x) => [x.id, x.caseId, x.aggregateKind, x.officeCode])).toEqual([
        ['d-1', 'c-1', 'complaint', 'balongbendo'],
      ])
      await store.commit(buildRecordUpdate(r, { state: 'terlambat' }, { dueDone: ['d-1'] }))
      expect(await store.claimDue({ now: FAR, limit: 10, owner: W2, leaseMs: 1000 })).toEqual([])
    },
    "claims with an officeCode take only that office's rows, of cases and records alike": async (store) => {
      await create(
        store,
        { id: 'case-b' },
        { outbox: [buildOutboxRow('o-b', 'case-b')], due: [buildDueRow('d-b', 'case-b')] },
      )
      await create(
        store,
        { id: 'case-k', officeCode: 'krian' },
        { outbox: [buildOutboxRow('o-k', 'case-k')], due: [buildDueRow('d-k', 'case-k')] },
      )
      await createRecord(
        store,
        { id: 'c-k', officeCode: 'krian' },
        { outbox: [buildOutboxRow('o-ck', 'c-k')] },
      )
      const krian = await store.claimOutbox({
        now: FAR,
        limit: 10,
        owner: W1,
        leaseMs: 60_000,
        officeCode: 'krian',
      })
      expect(krian.map((x) => x.id).sort()).toEqual(['o-ck', 'o-k'])
      expect(krian.every((x) => x.officeCode === 'krian')).toBe(true)
      const dueKrian = await store.claimDue({
        now: FAR,
        limit: 10,
        owner: W1,
        leaseMs: 60_000,
        officeCode: 'krian',
      })
      expect(dueKrian.map((x) => x.id)).toEqual(['d-k'])
      const rest = await store.claimOutbox({
        now: FAR,
        limit: 10,
        owner: W2,
        leaseMs: 60_000,
        officeCode: 'balongbendo',
      })
      expect(rest.map((x) => x.id)).toEqual(['o-b'])
      const restDue = await store.claimDue({ now: FAR, limit: 10, owner: W2, leaseMs: 60_000 })
      expect(restDue.map((x) => [x.id, x.officeCode])).toEqual([['d-b', 'balongbendo']])
    },
  })
}
