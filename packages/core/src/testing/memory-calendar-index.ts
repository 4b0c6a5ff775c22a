import { ValidationError } from '../errors/errors'
import type { CalendarVersionQuery, CasePage, StoredCase } from '../ports/case-store'
import { createSortedKeys, type SortedKeys } from './memory-sorted'

/**
 * The memory store's index of open cases by the calendar version of their SLA clock:
 * office -> version -> case ids, kept up to date at each commit, so
 * `listByCalendarVersion` reads only the cases on the versions asked for, never every case.
 * @internal
 */
export interface MemoryCalendarIndex {
  /** Records the case as committed (a case without a version, or final, leaves the index). */
  update(stored: StoredCase): void
  /** The page of case ids `query` asks for, with the cursor of the next page. */
  query(query: CalendarVersionQuery): { ids: string[]; nextCursor: string | null }
}

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 500

/** @internal */
export function createMemoryCalendarIndex(): MemoryCalendarIndex {
  const byOffice = new Map<string, Map<string, SortedKeys>>()
  const entryOf = new Map<string, { office: string; version: string }>()
  return {
    update(stored) {
      const old = entryOf.get(stored.id)
      if (old) {
        byOffice.get(old.office)?.get(old.version)?.delete(stored.id)
        entryOf.delete(stored.id)
      }
      if (stored.final || stored.calendarVersion === undefined) return
      const versions = byOffice.get(stored.officeCode) ?? new Map<string, SortedKeys>()
      byOffice.set(stored.officeCode, versions)
      const ids = versions.get(stored.calendarVersion) ?? createSortedKeys()
      versions.set(stored.calendarVersion, ids)
      ids.add(stored.id)
      entryOf.set(stored.id, { office: stored.officeCode, version: stored.calendarVersion })
    },
    query(query) {
      const limit = Math.min(checkLimit(query.limit), MAX_LIMIT)
      const after = query.cursor === undefined ? null : decode(query.cursor)
      const exclude = new Set(query.exclude)
      const versions = byOffice.get(query.officeCode) ?? new Map<string, SortedKeys>()
      const keys: Array<[string, string]> = []
      for (const version of [...versions.keys()].sort()) {
        if (exclude.has(version) || (after && version < after[0])) continue
        // Each version's ids are kept in order: a page reads only from where it starts.
        for (const id of versions.get(version)!.after(after && version === after[0] ? after[1] : undefined)) {
          keys.push([version, id])
          if (keys.length > limit) break
        }
        if (keys.length > limit) break
      }
      const page = keys.slice(0, limit)
      const last = page.at(-1)
      return {
        ids: page.map(([, id]) => id),
        nextCursor:
          keys.length > limit && last ? Buffer.from(JSON.stringify(last)).toString('base64url') : null,
      }
    },
  }
}

/** Fills a page of ids with the stored cases (copies). @internal */
export function calendarPage(
  found: { ids: string[]; nextCursor: string | null },
  load: (id: string) => StoredCase,
): CasePage {
  return { items: found.ids.map(load), nextCursor: found.nextCursor }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (Number.isInteger(limit) && limit >= 1) return limit
  throw new ValidationError([
    {
      path: ['limit'],
      rule: 'limit',
      message: `limit harus bilangan bulat 1 atau lebih, bukan ${limit}`,
      messageEn: `limit must be a whole number of at least 1, not ${limit}`,
    },
  ])
}

function decode(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return [parsed[0], parsed[1]]
  } catch {
    // reported below
  }
  throw new ValidationError([
    {
      path: ['cursor'],
      rule: 'cursor',
      message: 'cursor tidak dikenal atau berasal dari kueri lain',
      messageEn: 'the cursor is unknown or comes from another query',
    },
  ])
}
