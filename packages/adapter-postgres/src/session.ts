import { AdapterError, isAk1Error } from '@ak1/core/ports'
import type pg from 'pg'
import { conflicts, isRetryable, storeFailure, storeId } from './errors'

/** A query function bound to one client inside a transaction. @internal */
export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params?: unknown[],
) => Promise<pg.QueryResult<R>>

/**
 * Runs `fn` in one transaction on one pooled client. In row-level security mode the office is set
 * with `SET LOCAL` (`set_config(..., true)`) first, so it holds for this transaction only, also
 * under a transaction pooler. A unique violation during a commit is a `ConflictError`; any other
 * failure an `AdapterError` (retryable when trying again may help). A client whose connection broke
 * is discarded, not returned to the pool.
 * @internal
 */
export interface Session {
  tx<T>(operation: string, fn: (q: Query) => Promise<T>, options?: { pool?: pg.Pool }): Promise<T>
  closed: boolean
}

/** A session over `pool`, for `officeCode` in RLS mode. @internal */
export function createSession(pool: pg.Pool, officeCode: string | undefined): Session {
  const session: Session = {
    closed: false,
    async tx(operation, fn, options) {
      if (session.closed)
        throw new AdapterError(`Penyimpanan postgres sudah ditutup (${operation})`, {
          messageEn: `The postgres store is closed (${operation})`,
          adapterId: storeId,
          operation,
          retryable: false,
        })
      let client: pg.PoolClient
      try {
        client = await (options?.pool ?? pool).connect()
      } catch (error) {
        throw storeFailure(storeId, operation, error)
      }
      let broken: unknown
      const q: Query = (sql, params) => client.query(sql, params as unknown[])
      try {
        await client.query('BEGIN')
        if (officeCode !== undefined)
          await client.query("SELECT set_config('ak1.office', $1, true)", [officeCode])
        const result = await fn(q)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e
        })
        if (isAk1Error(error)) throw error
        const code = (error as { code?: unknown } | null)?.code
        if (operation === 'commit' && code === '23505')
          throw conflicts.unique(String((error as { constraint?: string }).constraint ?? ''))
        // A programming error of the caller (e.g. a throwing `complete`) passes through unchanged.
        if (code === undefined && !isRetryable(error)) throw error
        throw storeFailure(storeId, operation, error)
      } finally {
        client.release(broken instanceof Error ? broken : undefined)
      }
    },
  }
  return session
}
