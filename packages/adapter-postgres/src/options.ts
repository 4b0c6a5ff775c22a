import { createHash } from 'node:crypto'
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
  /**
   * Seals personal data (AES-256-GCM through core's codec, as the SQLite store does): a 32-byte key
   * (bytes, 64 hex digits or base64), or a keyring `{ current, keys }` for rotation. Give either this
   * or `plaintext: true`.
   */
  encryptionKey?: EncryptionKeyInput | EncryptionKeyring
  /** Stores personal data in clear, on purpose. */
  plaintext?: boolean
  /**
   * Row-level security mode: this store serves one office. Each transaction sets the office with
   * `SET LOCAL`, and the policies refuse every other office's rows, even to a buggy query. Connect as
   * a role that does not own the tables (see `setupOfficeRoles`).
   */
  rls?: { officeCode: string }
  /**
   * A streaming replica for lists and reports. Writes, `load`, the timeline, command ids, the work
   * queue and the lookups a user makes of their own case (by tracking code or NIK) stay on the
   * primary, so a case a user just changed is read as committed.
   */
  replica?: { connectionString: string } | { pool: pg.Pool }
}

/** A 32-byte key: raw bytes, or a string of 64 hex digits or of base64. */
export type EncryptionKeyInput = Uint8Array | string

/** Several keys by id: `current` seals, every key opens. */
export interface EncryptionKeyring {
  current: string
  keys: Record<string, EncryptionKeyInput>
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
  keyring: { current: string; keys: Map<string, Buffer> } | undefined
  officeCode: string | undefined
  replica: { connectionString?: string; pool?: pg.Pool } | undefined
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
  key_32_bytes: {
    id: 'harus kunci 32 byte (bytes, 64 digit heksadesimal, atau base64)',
    en: 'must be a 32-byte key (bytes, 64 hex digits, or base64)',
  },
  key_current: { id: 'harus salah satu id di `keys`', en: 'must be one of the ids in `keys`' },
  protection: {
    id: 'isi tepat satu dari encryptionKey (data pribadi terenkripsi) atau plaintext: true (disengaja tanpa enkripsi)',
    en: 'give exactly one of encryptionKey (personal data sealed) or plaintext: true (in clear on purpose)',
  },
  office_code: { id: 'kode kantor wajib diisi', en: 'the office code is required' },
}

const poolSchema = z.custom<pg.Pool>(
  (p) =>
    typeof p === 'object' &&
    p !== null &&
    typeof (p as pg.Pool).connect === 'function' &&
    typeof (p as pg.Pool).query === 'function',
  'pool_shape',
)

/** Decodes a 32-byte key, or `null`. @internal */
export function decodeKey(input: unknown): Buffer | null {
  if (input instanceof Uint8Array) return input.length === 32 ? Buffer.from(input) : null
  if (typeof input !== 'string') return null
  const bytes = /^[0-9a-fA-F]{64}$/.test(input) ? Buffer.from(input, 'hex') : Buffer.from(input, 'base64')
  return bytes.length === 32 ? bytes : null
}

const keySchema = z.custom<EncryptionKeyInput>((v) => decodeKey(v) !== null, 'key_32_bytes')
const keyringSchema = z
  .strictObject({ current: z.string().min(1), keys: z.record(z.string().min(1), keySchema) })
  .refine((k) => Object.hasOwn(k.keys, k.current), { message: 'key_current', path: ['current'] })

const urlSchema = z.string().refine((s) => /^postgres(ql)?:\/\//.test(s), 'connection_string')

const schema = z
  .strictObject({
    connectionString: urlSchema.optional(),
    pool: poolSchema.optional(),
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'schema_name')
      .default('ak1'),
    maxConnections: z.number().int().min(1).max(1000).default(10),
    statementTimeoutMs: z.number().int().min(1).max(3_600_000).default(15_000),
    connectTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
    encryptionKey: z.union([keySchema, keyringSchema]).optional(),
    plaintext: z.boolean().optional(),
    rls: z.strictObject({ officeCode: z.string().min(1, 'office_code') }).optional(),
    replica: z
      .strictObject({
        connectionString: urlSchema.optional(),
        pool: poolSchema.optional(),
      })
      .refine((r) => (r.connectionString === undefined) !== (r.pool === undefined), 'connection_one')
      .optional(),
  })
  .refine((o) => (o.connectionString === undefined) !== (o.pool === undefined), 'connection_one')
  .refine((o) => (o.encryptionKey === undefined) !== (o.plaintext !== true), 'protection')

/**
 * Validates the options: a `ConfigError` naming the bad keys, in Indonesian (`messageEn` in
 * English). The connection string never appears in the message: a refused value is named by its key
 * only. @internal
 */
export function resolvePostgresOptions(input: unknown): ResolvedPostgresOptions {
  const parsed = parseOptions(schema, redactInput(input), {
    adapter: 'createPostgresStore',
    rules,
    rootKeys: { connection_one: ['connectionString', 'pool'], protection: ['encryptionKey', 'plaintext'] },
  })
  const raw = input as { connectionString?: string; replica?: { connectionString?: string } }
  return {
    connectionString: parsed.connectionString === undefined ? undefined : raw.connectionString,
    pool: parsed.pool,
    schema: parsed.schema,
    maxConnections: parsed.maxConnections,
    statementTimeoutMs: parsed.statementTimeoutMs,
    connectTimeoutMs: parsed.connectTimeoutMs,
    keyring: parsed.encryptionKey === undefined ? undefined : toKeyring(parsed.encryptionKey),
    officeCode: parsed.rls?.officeCode,
    replica: parsed.replica && {
      connectionString: raw.replica?.connectionString,
      pool: parsed.replica.pool,
    },
  }
}

/** A bare key gets an id from its fingerprint; a keyring keeps its ids. */
function toKeyring(input: EncryptionKeyInput | EncryptionKeyring): {
  current: string
  keys: Map<string, Buffer>
} {
  const single = decodeKey(input)
  if (single) {
    const id = createHash('sha256').update(single).digest('hex').slice(0, 16)
    return { current: id, keys: new Map([[id, single]]) }
  }
  const ring = input as EncryptionKeyring
  const keys = new Map(Object.entries(ring.keys).map(([id, key]) => [id, decodeKey(key) as Buffer]))
  return { current: ring.current, keys }
}

/** Replaces a well-formed connection string by a stand-in, so no validation message can echo its password. */
function redactInput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input
  const value = (input as { connectionString?: unknown }).connectionString
  const redact = (v: unknown) =>
    typeof v === 'string' ? (/^postgres(ql)?:\/\//.test(v) ? 'postgres://redacted' : 'redacted') : v
  const replica = (input as { replica?: unknown }).replica
  return {
    ...input,
    ...(value === undefined ? {} : { connectionString: redact(value) }),
    ...(typeof replica === 'object' && replica !== null && 'connectionString' in replica
      ? { replica: { ...replica, connectionString: redact(replica.connectionString) } }
      : {}),
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
