import { expect } from 'vitest'
import type { StoredCase } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { create, group } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import { buildUpdate } from './case-store-fixtures'

/** Every id of `listByCalendarVersion` for the office, excluding `exclude`, a page of `limit` at a time. */
async function allPages(store: Ak1Store, exclude: string[], limit: number): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: string | undefined
  do {
    const page = await store.listByCalendarVersion!({ officeCode: 'balongbendo', exclude, limit, cursor })
    pages.push(page.items.map((c) => c.id))
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined && pages.length < 20)
  return pages
}

/** Six cases: three on 'cal-a' / 'cal-b', one final, one without a clock, one of another office. */
async function seedCalendars(store: Ak1Store): Promise<StoredCase[]> {
  return [
    await create(store, { id: 'case-3', calendarVersion: 'cal-a' }),
    await create(store, { id: 'case-1', calendarVersion: 'cal-a' }),
    await create(store, { id: 'case-2', calendarVersion: 'cal-b' }),
    await create(store, {
      id: 'case-4',
      calendarVersion: 'cal-0',
      final: true,
      state: 'selesai',
      awaiting: null,
    }),
    await create(store, { id: 'case-5' }),
    await create(store, { id: 'case-6', calendarVersion: 'cal-0', officeCode: 'kab-lain' }),
  ]
}

/** Checks of the optional `listByCalendarVersion` (capability `calendarIndex`). @internal */
export function calendarChecks(): CaseStoreCheck[] {
  return group('listByCalendarVersion()', {
    'is declared by capabilities.calendarIndex, and only then present': async (store) => {
      expect(typeof store.listByCalendarVersion === 'function').toBe(
        store.capabilities.calendarIndex === true,
      )
    },
    'lists open cases of the office on other calendar versions, by version then id, page by page': async (
      store,
    ) => {
      if (!store.capabilities.calendarIndex) return
      const cases = await seedCalendars(store)
      expect(await allPages(store, ['cal-b'], 1)).toEqual([['case-1'], ['case-3']])
      expect(await allPages(store, [], 2)).toEqual([['case-1', 'case-3'], ['case-2']])
      expect(await allPages(store, ['cal-a', 'cal-b'], 10)).toEqual([[]])
      const [first] = (await store.listByCalendarVersion!({ officeCode: 'balongbendo', exclude: ['cal-b'] }))
        .items
      expect(first).toEqual(cases.find((c) => c.id === 'case-1'))
    },
    'drops a case once it is committed on a current version, without a clock, or final': async (store) => {
      if (!store.capabilities.calendarIndex) return
      const [c3, c1, c2] = await seedCalendars(store)
      await store.commit(buildUpdate(c1!, { calendarVersion: 'cal-b' }))
      expect(await allPages(store, ['cal-b'], 10)).toEqual([['case-3']])
      await store.commit(buildUpdate(c3!, { calendarVersion: undefined }))
      expect(await allPages(store, ['cal-b'], 10)).toEqual([[]])
      await store.commit(buildUpdate(c2!, { final: true, state: 'selesai', awaiting: null }))
      expect(await allPages(store, ['cal-x'], 10)).toEqual([['case-1']])
    },
  })
}
