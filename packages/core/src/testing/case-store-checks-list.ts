import { expect } from 'vitest'
import type { CaseQuery, StoredCase } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { group, seedIncidents } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import { buildCreate, buildStoredCase, fixtureInstant } from './case-store-fixtures'

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
async function seedList(store: Ak1Store): Promise<StoredCase[]> {
  const cases = listCases()
  for (let k = 0; k < cases.length; k++) await store.commit(buildCreate(cases[(k * 47) % cases.length]!))
  return cases
}

/** Every page of a query; fails on an over-long page or more pages than the items could fill. */
async function pageAll(store: Ak1Store, query: CaseQuery, limit: number, expectedTotal: number) {
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

/** Checks of `list()`: paging, filters, the overdue order, incidents. */
export function listChecks(): CaseStoreCheck[] {
  return group('list', {
    'list() pages through 120 cases by id without gaps or repeats at limits 7 and 50': async (store) => {
      const all = ids((await seedList(store)).sort(byId))
      expect(await pageAll(store, {}, 7, all.length)).toEqual(all)
      expect(await pageAll(store, {}, 50, all.length)).toEqual(all)
    },
    'list() returns 50 cases when no limit is given': async (store) => {
      const all = ids((await seedList(store)).sort(byId))
      const page = await store.list({})
      expect(ids(page.items)).toEqual(all.slice(0, 50))
      expect(page.nextCursor).not.toBeNull()
    },
    'list() filters by officeCode, state, awaiting, applicantNik, trackingCode and final, across pages':
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
    'list({ overdueAt }) returns open cases due before it, by dueAt then id, across pages': async (store) => {
      const cases = await seedList(store)
      const boundary = Date.parse(LIST_OVERDUE_AT)
      // The data holds open cases due exactly at the boundary, which are not yet overdue.
      expect(cases.some((c) => !c.final && c.dueAt === LIST_OVERDUE_AT)).toBe(true)
      const expected = cases
        .filter((c) => !c.final && c.dueAt !== null && Date.parse(c.dueAt) < boundary)
        .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!) || byId(a, b))
      expect(ids(expected)).not.toEqual(ids([...expected].sort(byId)))
      expect(await pageAll(store, { overdueAt: LIST_OVERDUE_AT }, 7, expected.length)).toEqual(ids(expected))
      const local = expected.filter((c) => c.officeCode === 'balongbendo')
      const query = { overdueAt: LIST_OVERDUE_AT, officeCode: 'balongbendo' }
      expect(await pageAll(store, query, 4, local.length)).toEqual(ids(local))
    },
    'list({ dueBefore }) returns open cases due at or before it': async (store) => {
      const cases = (await seedList(store)).sort(byId)
      const boundary = Date.parse(LIST_OVERDUE_AT)
      const expected = ids(
        cases.filter((c) => !c.final && c.dueAt !== null && Date.parse(c.dueAt) <= boundary),
      )
      expect(await pageAll(store, { dueBefore: LIST_OVERDUE_AT }, 7, expected.length)).toEqual(expected)
    },
    'list({ incident }) tells cases with a failed outbox row from the others': async (store) => {
      await seedIncidents(store)
      expect(ids((await store.list({ incident: true })).items)).toEqual(['case-1', 'case-3'])
      expect(ids((await store.list({ incident: false })).items)).toEqual(['case-2', 'case-4'])
      expect(ids((await store.list({ incident: true, state: 'verifikasi', limit: 1 })).items)).toEqual([
        'case-1',
      ])
    },
    'list() returns an empty page with a null cursor when nothing matches': async (store) => {
      await seedList(store)
      expect(await store.list({ officeCode: 'tidak-ada' })).toEqual({ items: [], nextCursor: null })
      expect(await store.list({ applicantNik: '3515999999999999', limit: 3 })).toEqual({
        items: [],
        nextCursor: null,
      })
    },
  })
}
