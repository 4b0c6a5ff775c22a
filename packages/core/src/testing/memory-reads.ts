// The memory store's queries: case lists and their cursors, and the audit stream's pages.
import { z } from 'zod'
import type { AuditEntry, CasePage, CaseQuery, StoredCase } from '../ports/case-store'
import type { AuditStreamQuery } from '../ports/records'
import { defaultStreamBatch, inInstantRange } from '../ports/stream'
import { officeStateKey } from './memory-indexes'
import { dueKey, splitDueKey } from './memory-sorted'
import { compareIds, copy, instant, invalid, type MemoryState, ms, visit } from './memory-state'

/** Default page size of `list()`. */
const DEFAULT_LIMIT = 50
/** Largest page `list()` returns. */
const MAX_LIMIT = 500

/**
 * A page of the office's audit entries (of one kind when given), ordered by aggregate id, then seq:
 * whole trails of aggregates after the cursor's id until the page holds `batchSize` entries.
 * @internal
 */
export function auditPage(
  state: MemoryState,
  query: AuditStreamQuery,
  cursor: string | undefined,
): { items: AuditEntry[]; nextCursor: string | null } {
  const batch = query.batchSize ?? defaultStreamBatch
  const ids: string[] = []
  if (query.kind === undefined || query.kind === 'case') {
    for (const c of state.cases.values()) if (c.officeCode === query.officeCode) ids.push(c.id)
  }
  if (query.kind !== 'case') {
    for (const r of state.recs.records.values()) {
      if (r.officeCode === query.officeCode && (query.kind === undefined || r.kind === query.kind))
        ids.push(r.id)
    }
  }
  const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8')
  const pending = ids.filter((id) => after === undefined || compareIds(id, after) > 0).sort(compareIds)
  const items: AuditEntry[] = []
  let last: string | undefined
  for (const aggregateId of pending) {
    if (items.length >= batch) break
    last = aggregateId
    for (const entry of [...(state.audit.get(aggregateId) ?? [])].sort((a, b) => a.seq - b.seq)) {
      if (inInstantRange(entry.at, query.from, query.to)) items.push(copy(entry))
    }
  }
  const more = last !== undefined && pending.at(-1) !== last
  return { items, nextCursor: more ? Buffer.from(last!).toString('base64url') : null }
}

/** The cursor: the sort key of the last item of a page. */
interface Cursor {
  dueAt?: string
  id: string
}

/** A page of the cases matching `query`, by id (by due date, then id, for `overdueAt`). @internal */
export function listCases(state: MemoryState, query: CaseQuery): CasePage {
  const limit = pageLimit(query.limit)
  const byDue = query.overdueAt !== undefined
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, byDue)
  const states = query.state === undefined ? undefined : new Set([query.state].flat())
  const dueBefore = query.dueBefore === undefined ? undefined : instant(query.dueBefore, 'dueBefore')
  const overdueAt = query.overdueAt === undefined ? undefined : instant(query.overdueAt, 'overdueAt')
  const incidents = query.incident === undefined ? undefined : new Set(state.idx.failedOutbox.values())

  const keep = (c: StoredCase): boolean => {
    if (query.officeCode !== undefined && c.officeCode !== query.officeCode) return false
    if (states && !states.has(c.state)) return false
    if (query.awaiting !== undefined && c.awaiting !== query.awaiting) return false
    if (query.applicantNik !== undefined && c.applicantNik !== query.applicantNik) return false
    if (query.trackingCode !== undefined && c.trackingCode !== query.trackingCode) return false
    if (query.final !== undefined && c.final !== query.final) return false
    if (dueBefore !== undefined && (c.final || c.dueAt === null || ms(c.dueAt) > dueBefore)) return false
    if (overdueAt !== undefined && (c.final || c.dueAt === null || ms(c.dueAt) >= overdueAt)) return false
    if (incidents && incidents.has(c.id) !== query.incident) return false
    return true
  }
  const ordered = orderedCandidates(state, query, after)
  if (ordered) {
    // An ordered index: read from the cursor on, and stop once the page and one more are found.
    const found: StoredCase[] = []
    for (const id of ordered) {
      const c = state.cases.get(id)
      state.idx.visited++
      if (c && keep(c)) found.push(c)
      if (found.length > limit) break
    }
    const items = found.slice(0, limit)
    const last = items.at(-1)
    return {
      items: copy(items),
      nextCursor:
        found.length > limit && last
          ? encodeCursor(byDue ? { dueAt: last.dueAt!, id: last.id } : { id: last.id })
          : null,
    }
  }
  const matches = visit(state, candidates(state, query), state.cases).filter(keep)
  const key = (c: StoredCase): Cursor => (byDue ? { dueAt: c.dueAt!, id: c.id } : { id: c.id })
  const compare = (a: Cursor, b: Cursor): number =>
    (byDue ? ms(a.dueAt!) - ms(b.dueAt!) : 0) || compareIds(a.id, b.id)
  const sorted = matches.sort((a, b) => compare(key(a), key(b)))
  const rest = after ? sorted.filter((c) => compare(key(c), after) > 0) : sorted
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  return {
    items: copy(items),
    nextCursor: rest.length > limit && last ? encodeCursor(key(last)) : null,
  }
}

/**
 * The case ids of an office in the query's order, from its cursor on, when an ordered index holds
 * every match: by due time for the overdue list (stopping at `overdueAt`), by id for the office or
 * one of its states. `undefined` when the query needs the general path.
 */
function orderedCandidates(
  state: MemoryState,
  query: CaseQuery,
  after: Cursor | undefined,
): Iterable<string> | undefined {
  const { idx } = state
  const office = query.officeCode
  if (office === undefined || query.trackingCode !== undefined || query.applicantNik !== undefined) return
  if (query.overdueAt !== undefined) {
    const overdueAt = instant(query.overdueAt, 'overdueAt')
    const keys = idx.openDueByOffice.get(office)
    const from = after ? dueKey(ms(after.dueAt!), after.id) : undefined
    return (function* () {
      for (const key of keys?.after(from) ?? []) {
        const { dueMs, id } = splitDueKey(key)
        if (dueMs >= overdueAt) return
        yield id
      }
    })()
  }
  if (query.dueBefore !== undefined || Array.isArray(query.state)) return
  const keys =
    query.state === undefined
      ? idx.casesByOffice.get(office)
      : idx.casesByOfficeState.get(officeStateKey(office, query.state))
  return keys ? keys.after(after?.id) : []
}

/** The ids a list query has to look at: the smallest index that holds every match. */
function candidates(state: MemoryState, query: CaseQuery): Iterable<string> {
  const { idx } = state
  const office = query.officeCode
  if (office !== undefined && query.trackingCode !== undefined) {
    const holder = state.tracking.get(JSON.stringify([office, query.trackingCode]))
    return holder === undefined ? [] : [holder]
  }
  if (query.applicantNik !== undefined) return idx.casesByNik.get(query.applicantNik) ?? []
  if (office !== undefined && typeof query.state === 'string') {
    return idx.casesByOfficeState.get(officeStateKey(office, query.state)) ?? []
  }
  if (office !== undefined) return idx.casesByOffice.get(office) ?? []
  return state.cases.keys()
}

/** The page size of a query: the default when not given, at most the largest page. @internal */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalid(['limit'], 'limit', {
      id: `limit harus bilangan bulat 1 atau lebih, bukan ${limit}`,
      en: `limit must be a whole number of at least 1, not ${limit}`,
    })
  }
  return Math.min(limit, MAX_LIMIT)
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

const cursorSchema = z.object({ id: z.string(), dueAt: z.string().optional() })

function decodeCursor(cursor: string, byDue: boolean): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (byDue === (parsed.dueAt !== undefined)) return parsed
  } catch {
    // reported below
  }
  throw invalid(['cursor'], 'cursor', {
    id: 'cursor tidak dikenal atau berasal dari kueri lain',
    en: 'the cursor is unknown or comes from another query',
  })
}
