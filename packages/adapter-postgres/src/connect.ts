import { ConfigError } from '@ak1/core/ports'
import pg from 'pg'
import { startFailure } from './errors'
import { type Migration, migrate } from './migrations'
import { describeTarget, type ResolvedPostgresOptions } from './options'

/** An open database: the pool, whether the store owns it, and the schema version. @internal */
export interface OpenDatabase {
  pool: pg.Pool
  schema: string
  version: number
  close(): Promise<void>
}

/**
 * Opens the pool (or takes the caller's), checks that the server answers, and migrates the schema.
 * Any failure before the store is ready is a `ConfigError` that names the target without its
 * password, and a pool the store opened is ended again.
 * @internal
 */
export async function openDatabase(
  options: ResolvedPostgresOptions,
  migrations: readonly Migration[],
): Promise<OpenDatabase> {
  const owned = options.pool === undefined
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections,
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      application_name: 'ak1',
    })
  // An idle client that loses its server (a restart) must not crash the process.
  if (owned) {
    pool.on('error', () => {})
    // A checked-out client whose server goes away emits 'error' too; the statement in flight fails
    // on its own (a retryable AdapterError), so the event must not end the process.
    pool.on('connect', (client) => client.on('error', () => {}))
  }
  const target = describeTarget(options.connectionString)
  try {
    const version = await migrate(pool, options.schema, migrations)
    return {
      pool,
      schema: options.schema,
      version,
      close: async () => {
        if (owned) await pool.end()
      },
    }
  } catch (error) {
    if (owned) await pool.end().catch(() => {})
    if (error instanceof ConfigError) throw error
    throw startFailure(target, options.schema, error)
  }
}
