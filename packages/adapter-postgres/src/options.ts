import { parseOptions } from '@ak1/core/ports'
import type pg from 'pg'
import { z } from 'zod'

/** Where the store connects: a connection string, or a `pg.Pool` you own. */
export type PostgresConnection =
  | {
      /** `postgres://user:password@host:port/database`. The store opens and closes its own pool. */
      connectionString: string
      pool?: never
    }
  | {
      /** A pool you own: the store never ends it. */
      pool: pg.Pool
      connectionString?: never
    }

/** Options shared by every PostgreSQL store. */
export interface PostgresCommonOptions {
  /**
   * The schema holding the tables; created on first start when missing. One schema holds every
   * office of a kabupaten.
   * @default 'ak1'
   */
  schema?: string
  /** Largest number of connections of the pool the store opens. @default 10 */
  maxConnections?: number
  /** Each statement's time limit in milliseconds; past it the statement fails with a retryable `AdapterError`. @default 15000 */
  statementTimeoutMs?: number
  /** How long to wait for a connection, in milliseconds. @default 10000 */
  connectTimeoutMs?: number
}

/** Options of the PostgreSQL store. */
export type PostgresStoreOptions = PostgresCommonOptions & PostgresConnection

/** Options after validation, with defaults applied. @internal */
export interface ResolvedPostgresOptions {
  connectionString: string | undefined
  pool: pg.Pool | undefined
  schema: string
  maxConnections: number
  statementTimeoutMs: number
  connectTimeoutMs: number
}

const rules = {
  schema_name: {
    id: 'nama skema harus diawali huruf kecil dan hanya berisi huruf kecil, angka, atau garis bawah (maksimal 63)',
    en: 'a schema name starts with a lowercase letter and holds only lowercase letters, digits or underscores (at most 63)',
  },
  connection_one: {
    id: 'isi tepat satu dari connectionString atau pool',
    en: 'give exactly one of connectionString or pool',
  },
  connection_string: {
    id: 'harus berupa URL postgres:// atau postgresql://',
    en: 'must be a postgres:// or postgresql:// URL',
  },
  pool_shape: { id: 'harus berupa pg.Pool', en: 'must be a pg.Pool' },
}

const schema = z
  .strictObject({
    connectionString: z
      .string()
      .refine((s) => /^postgres(ql)?:\/\//.test(s), 'connection_string')
      .optional(),
    pool: z
      .custom<pg.Pool>(
        (p) =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as pg.Pool).connect === 'function' &&
          typeof (p as pg.Pool).query === 'function',
        'pool_shape',
      )
      .optional(),
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'schema_name')
      .default('ak1'),
    maxConnections: z.number().int().min(1).max(1000).default(10),
    statementTimeoutMs: z.number().int().min(1).max(3_600_000).default(15_000),
    connectTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  })
  .refine((o) => (o.connectionString === undefined) !== (o.pool === undefined), 'connection_one')

/**
 * Validates the options: a `ConfigError` naming the bad keys, in Indonesian (`messageEn` in
 * English). The connection string never appears in the message: a refused value is named by its key
 * only. @internal
 */
export function resolvePostgresOptions(input: unknown): ResolvedPostgresOptions {
  const parsed = parseOptions(schema, redactInput(input), {
    adapter: 'createPostgresStore',
    rules,
    rootKeys: { connection_one: ['connectionString', 'pool'] },
  })
  const raw = input as { connectionString?: string }
  return {
    ...parsed,
    pool: parsed.pool,
    connectionString: parsed.connectionString === undefined ? undefined : raw.connectionString,
  }
}

/** Replaces a well-formed connection string by a stand-in, so no validation message can echo its password. */
function redactInput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('connectionString' in input)) return input
  const value = (input as { connectionString: unknown }).connectionString
  if (typeof value !== 'string') return input
  return {
    ...input,
    connectionString: /^postgres(ql)?:\/\//.test(value) ? 'postgres://redacted' : 'redacted',
  }
}

/** Host, port, user and database of a connection string, without its password. @internal */
export function describeTarget(connectionString: string | undefined): string {
  if (!connectionString) return 'pool'
  try {
    const url = new URL(connectionString)
    const user = decodeURIComponent(url.username || 'postgres')
    return `${user}@${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`
  } catch {
    return 'postgres://?'
  }
}
