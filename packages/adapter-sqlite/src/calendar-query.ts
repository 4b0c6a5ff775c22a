import type { CalendarVersionQuery } from '@ak1/core/ports'
import { checkLimit, unknownCursor } from './list-query'

/**
 * Plans `listByCalendarVersion` as range scans of the partial index `ak1_cases_calendar`
 * (office_code, calendar_version, id) over open cases with a clock: the versions to exclude, sorted,
 * cut the index into the ranges between them; each range is read in index order from the cursor on,
 * so a page reads at most (excluded versions + 1) x (limit + 1) index entries, never the whole table.
 * @internal
 */
export function planCalendarList(query: CalendarVersionQuery): {
  scans: Array<{ sql: string; params: unknown[] }>
  limit: number
} {
  const limit = checkLimit(query.limit)
  const after = query.cursor === undefined ? null : decodeCalendarCursor(query.cursor)
  const cuts = [...new Set(query.exclude)].sort()
  const scans: Array<{ sql: string; params: unknown[] }> = []
  for (let i = 0; i <= cuts.length; i++) {
    const where = ['office_code = ?', 'calendar_version IS NOT NULL', 'final = 0']
    const params: unknown[] = [query.officeCode]
    if (i > 0) {
      where.push('calendar_version > ?')
      params.push(cuts[i - 1])
    }
    if (i < cuts.length) {
      where.push('calendar_version < ?')
      params.push(cuts[i])
    }
    if (after) {
      where.push('(calendar_version, id) > (?, ?)')
      params.push(after[0], after[1])
    }
    scans.push({
      sql: `SELECT id, calendar_version FROM ak1_cases INDEXED BY ak1_cases_calendar WHERE ${where.join(' AND ')} ORDER BY calendar_version, id LIMIT ?`,
      params: [...params, limit + 1],
    })
  }
  return { scans, limit }
}

/** The cursor after a row. @internal */
export function encodeCalendarCursor(row: { id: string; calendar_version: string }): string {
  return Buffer.from(JSON.stringify(['c', row.calendar_version, row.id])).toString('base64url')
}

function decodeCalendarCursor(text: string): [string, string] {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown
    if (
      Array.isArray(parts) &&
      parts[0] === 'c' &&
      typeof parts[1] === 'string' &&
      typeof parts[2] === 'string'
    )
      return [parts[1], parts[2]]
  } catch {
    // falls through to the error below
  }
  throw unknownCursor()
}
