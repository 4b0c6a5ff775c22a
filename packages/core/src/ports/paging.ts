import { ValidationError } from '../errors/errors'

/**
 * Helpers every store uses for its paged reads (`list`, `listRecords`, `listByCalendarVersion`):
 * opaque cursors, the page size, and ISO instants in filters. Each failure is a `ValidationError`
 * naming the field, in Indonesian and English.
 */

/** The error of a cursor that is not one this query gave. */
export function unknownCursorError(): ValidationError {
  return new ValidationError([
    {
      path: ['cursor'],
      rule: 'cursor',
      message: 'cursor tidak dikenal atau berasal dari kueri lain',
      messageEn: 'the cursor is unknown or comes from another query',
    },
  ])
}

/**
 * A page position: the sort key of the last row, as a base64url JSON array tagged by the query's
 * order, so a cursor of another query is refused rather than misread.
 *
 * @example
 * ```ts
 * const next = pageCursors.encode('r', [last.id])
 * const [afterId] = pageCursors.decode(query.cursor, 'r', ['string'])
 * ```
 */
export const pageCursors = {
  encode: (tag: string, key: readonly unknown[]): string =>
    Buffer.from(JSON.stringify([tag, ...key])).toString('base64url'),
  /** @throws {ValidationError} at `cursor` when the text is not a cursor of this tag and shape. */
  decode(text: string, tag: string, types: readonly ('string' | 'number')[]): (string | number)[] {
    try {
      const parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
      if (
        Array.isArray(parts) &&
        parts[0] === tag &&
        parts.length === types.length + 1 &&
        types.every((type, i) => typeof parts[i + 1] === type)
      )
        return parts.slice(1) as (string | number)[]
    } catch {
      // falls through to the error below
    }
    throw unknownCursorError()
  },
}

/**
 * The page size of a paged read: `fallback` when absent, at most `max`.
 * @throws {ValidationError} at `limit` for anything but a whole number of at least 1.
 */
export function pageSize(limit: number | undefined, fallback = 50, max = 500): number {
  if (limit === undefined) return fallback
  if (!Number.isInteger(limit) || limit < 1)
    throw new ValidationError([
      {
        path: ['limit'],
        rule: 'limit',
        message: `limit harus bilangan bulat 1 atau lebih, bukan ${limit}`,
        messageEn: `limit must be a whole number of at least 1, not ${limit}`,
      },
    ])
  return Math.min(limit, max)
}

/** Parses an ISO instant to epoch ms. @throws {ValidationError} naming `path` when it is not one. */
export function instantMs(value: string, path: (string | number)[]): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms))
    throw new ValidationError([
      {
        path,
        rule: 'iso_instant',
        message: 'harus berupa waktu ISO 8601 (mis. 2026-01-05T01:00:00.000Z)',
        messageEn: 'must be an ISO 8601 instant (e.g. 2026-01-05T01:00:00.000Z)',
      },
    ])
  return ms
}
