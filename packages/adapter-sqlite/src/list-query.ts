import type { CaseQuery } from '@ak1/core/ports'
import { instantMs, ValidationError } from '@ak1/core/ports'

/**
 * Plans a `list()` as keyset-paged index range scans, never OFFSET.
 *
 * Every case index leads with `office_code` and ends with the sort key, so an equality on the
 * office (and on the state) gives rows already in page order. A query without an office, or with
 * several states, becomes one such scan per combination, each limited to the page size plus one,
 * merged in memory: a page reads at most (offices x states x (limit + 1)) index entries whatever
 * the table size. Lookups by tracking code or NIK are point lookups.
 * @internal
 */
export interface ListPlan {
  /** SQL of one scan, selecting `id` and `due_ms`; its `?` parameters are `params` of each scan. */
  sql: string
  /** Parameters of each scan, in order. */
  scans: unknown[][]
  /** `due` sorts by (due_ms, id), `id` by id. */
  order: 'id' | 'due'
  limit: number
}

/** The position after the last item of a page. */
export type Cursor = { order: 'id'; id: string } | { order: 'due'; dueMs: number; id: string }

const maxLimit = 500
const defaultLimit = 50
/** More combinations than this are read as one scan with IN (...) and sorted. */
const maxScans = 64

export function encodeCursor(cursor: Cursor): string {
  const parts = cursor.order === 'due' ? ['d', cursor.dueMs, cursor.id] : ['i', cursor.id]
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}

function decodeCursor(text: string, order: 'id' | 'due'): Cursor {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown
    if (Array.isArray(parts)) {
      if (order === 'id' && parts[0] === 'i' && typeof parts[1] === 'string') return { order, id: parts[1] }
      if (order === 'due' && parts[0] === 'd' && typeof parts[1] === 'number' && typeof parts[2] === 'string')
        return { order, dueMs: parts[1], id: parts[2] }
    }
  } catch {
    // falls through to the error below
  }
  throw unknownCursor()
}

/** The error of a cursor that is not one this store gave. @internal */
export function unknownCursor(): ValidationError {
  return new ValidationError([
    {
      path: ['cursor'],
      rule: 'cursor',
      message: 'cursor tidak dikenal; pakai nextCursor dari halaman sebelumnya dengan filter yang sama',
      messageEn: 'unknown cursor; pass nextCursor of the previous page with the same filters',
    },
  ])
}

/** The page size of a query: the default when absent, at most the largest page. @internal */
export function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return defaultLimit
  if (!Number.isInteger(limit) || limit < 1)
    throw new ValidationError([
      {
        path: ['limit'],
        rule: 'too_small',
        message: 'harus bilangan bulat minimal 1',
        messageEn: 'must be an integer of at least 1',
      },
    ])
  return Math.min(limit, maxLimit)
}

/**
 * Builds the plan. `offices` lists every office code in the store (used when the query names none);
 * `nikLookups` are the stored lookup values of `query.applicantNik` (the NIK itself, or its HMACs).
 * Returns `null` when the query can match nothing.
 * @internal
 */
export function planList(
  query: CaseQuery,
  offices: () => string[],
  nikLookups: (nik: string) => string[],
): ListPlan | null {
  const limit = checkLimit(query.limit)
  const order: 'id' | 'due' = query.overdueAt !== undefined ? 'due' : 'id'
  const where: string[] = []
  const params: unknown[] = []
  const states =
    query.state === undefined ? undefined : Array.isArray(query.state) ? query.state : [query.state]
  if (states && states.length === 0) return null

  // Which index drives the scan; the other filters are checked on its rows.
  let index: string | undefined
  let fanOffices = false
  let fanStates = false
  if (query.trackingCode !== undefined) {
    // Unique within an office: one probe per office.
    index = 'ak1_cases_tracking'
    fanOffices = true
    where.push('tracking_code = ?')
    params.push(query.trackingCode)
  } else if (query.applicantNik !== undefined) {
    const lookups = nikLookups(query.applicantNik)
    index = 'ak1_cases_nik'
    where.push(`nik_lookup IN (${lookups.map(() => '?').join(', ')})`)
    params.push(...lookups)
  } else if (query.overdueAt !== undefined) {
    index = 'ak1_cases_overdue'
    fanOffices = true
  } else if (states) {
    index = 'ak1_cases_state'
    fanOffices = true
    fanStates = true
  } else if (query.incident === true) {
    index = 'ak1_cases_incident'
    fanOffices = true
  } else if (query.awaiting !== undefined) {
    index = 'ak1_cases_awaiting'
    fanOffices = true
  } else if (query.final === false || query.dueBefore !== undefined) {
    index = 'ak1_cases_open'
    fanOffices = true
  } else if (query.officeCode !== undefined) {
    index = 'ak1_cases_office'
    fanOffices = true
  } else {
    index = 'sqlite_autoindex_ak1_cases_1'
  }

  // The leading equality columns, bound per scan.
  const officeList = fanOffices ? (query.officeCode !== undefined ? [query.officeCode] : offices()) : []
  const stateList = fanStates && states ? states : []
  if (fanOffices && officeList.length === 0) return null
  let scans: unknown[][] = [[]]
  const lead: string[] = []
  if (fanOffices) {
    lead.push('office_code = ?')
    scans = officeList.map((o) => [o])
    if (fanStates) {
      lead.push('state = ?')
      scans = scans.flatMap((s) => stateList.map((st) => [...s, st]))
    }
  }
  if (scans.length > maxScans) {
    // Too many combinations: one scan with IN, sorted by SQLite.
    lead.length = 0
    where.push(`office_code IN (${officeList.map(() => '?').join(', ')})`)
    params.push(...officeList)
    if (fanStates) {
      where.push(`state IN (${stateList.map(() => '?').join(', ')})`)
      params.push(...stateList)
    }
    scans = [[]]
    index = undefined
  }

  if (query.officeCode !== undefined && !fanOffices) {
    where.push('office_code = ?')
    params.push(query.officeCode)
  }
  if (states && !fanStates) {
    where.push(`state IN (${states.map(() => '?').join(', ')})`)
    params.push(...states)
  }
  if (query.awaiting !== undefined) {
    where.push('awaiting = ?')
    params.push(query.awaiting)
  }
  if (query.overdueAt !== undefined) {
    where.push('final = 0', 'due_ms IS NOT NULL', 'due_ms < ?')
    params.push(instantMs(query.overdueAt, ['overdueAt']))
  }
  if (query.dueBefore !== undefined) {
    where.push('final = 0', 'due_ms IS NOT NULL', 'due_ms <= ?')
    params.push(instantMs(query.dueBefore, ['dueBefore']))
  }
  if (query.incident === true) where.push('incidents > 0')
  if (query.incident === false) where.push('incidents = 0')
  if (query.final !== undefined) where.push(query.final ? 'final = 1' : 'final = 0')
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor, order)
    if (c.order === 'due') {
      where.push('(due_ms, id) > (?, ?)')
      params.push(c.dueMs, c.id)
    } else {
      where.push('id > ?')
      params.push(c.id)
    }
  }

  const conditions = [...lead, ...where]
  const sql = [
    `SELECT id, due_ms FROM ak1_cases${index ? ` INDEXED BY ${index}` : ''}`,
    conditions.length ? `WHERE ${[...new Set(conditions)].join(' AND ')}` : '',
    order === 'due' ? 'ORDER BY due_ms, id' : 'ORDER BY id',
    'LIMIT ?',
  ]
    .filter(Boolean)
    .join(' ')
  return { sql, scans: scans.map((lead) => [...lead, ...params, limit + 1]), order, limit }
}

/** Sort key comparison of two scan rows. @internal */
export function compareKeys(
  order: 'id' | 'due',
  a: { id: string; due_ms: number | null },
  b: { id: string; due_ms: number | null },
): number {
  if (order === 'due') {
    const d = (a.due_ms ?? 0) - (b.due_ms ?? 0)
    if (d !== 0) return d
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
