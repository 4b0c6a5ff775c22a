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
  tx<T>(operation: string, fn: (q: Query) => Promise<T>, options?: { replica?: boolean }): Promise<T>
  /**
   * Runs a read of one statement (or of statements that need no common snapshot). Without row-level
   * security it runs on the pool without BEGIN and COMMIT: one round trip instead of three.
   */
  read<T>(operation: string, fn: (q: Query) => Promise<T>, options?: { replica?: boolean }): Promise<T>
  closed: boolean
}

/** A session over `pool` (reads marked `replica` on `replicaPool` when given), for `officeCode` in RLS mode. @internal */
export function createSession(
  pool: pg.Pool,
  officeCode: string | undefined,
  replicaPool: pg.Pool | undefined,
): Session {
  const poolOf = (options?: { replica?: boolean }) => (options?.replica && replicaPool) || pool
  const closedError = (operation: string) =>
    new AdapterError(`Penyimpanan postgres sudah ditutup (${operation})`, {
      messageEn: `The postgres store is closed (${operation})`,
      adapterId: storeId,
      operation,
      retryable: false,
    })
  const session: Session = {
    closed: false,
    async read(operation, fn, options) {
      if (officeCode !== undefined) return session.tx(operation, fn, options)
      if (session.closed) throw closedError(operation)
      const target = poolOf(options)
      try {
        return await fn((sql, params) => target.query(sql, params as unknown[]))
      } catch (error) {
        if (isAk1Error(error)) throw error
        throw storeFailure(storeId, operation, error)
      }
    },
    async tx(operation, fn, options) {
      if (session.closed) throw closedError(operation)
      let client: pg.PoolClient
      try {
        client = await poolOf(options).connect()
      } catch (error) {
        throw storeFailure(storeId, operation, error)
      }
      let broken: unknown
      // A connection lost between two statements (a server restart) is an error event on the checked-out
      // client: kept here, so it fails this transaction instead of the process.
      const onError = (error: unknown) => {
        broken = error
      }
      client.on('error', onError)
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
        if ((operation === 'commit' || operation === 'importAggregate') && code === '23505')
          throw conflicts.unique(String((error as { constraint?: string }).constraint ?? ''))
        // A programming error of the caller (e.g. a throwing `complete`) passes through unchanged.
        if (code === undefined && !isRetryable(error)) throw error
        throw storeFailure(storeId, operation, error)
      } finally {
        client.off('error', onError)
        client.release(broken instanceof Error ? broken : undefined)
      }
    },
  }
  return session
}
