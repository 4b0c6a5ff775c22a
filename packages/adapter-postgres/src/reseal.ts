import { createHash } from 'node:crypto'
import {
  ConfigError,
  commandAad,
  createSealer,
  isAk1Error,
  legacyCommandAad,
  parseOptions,
  type Sealer,
} from '@ak1/core/ports'
import type pg from 'pg'
import { z } from 'zod'
import { type Columns, checkEncryption, createColumns, openWithFallback } from './columns'
import { openDatabase } from './connect'
import { startFailure, storeFailure, storeId } from './errors'
import { quoteIdent } from './migrations'
import { describeTarget, type PostgresStoreOptions, resolvePostgresOptions } from './options'
import { migrations } from './schema'

/** What a re-seal does besides the store's own options. */
export interface ResealOptions {
  /** Re-seal only this office's rows; without it every office. The old keys stay recorded then. */
  officeCode?: string
  /** Rows read per batch. @default 500 */
  batchSize?: number
  /** Rows re-sealed at once, each in its own short transaction. @default 4 */
  concurrency?: number
  /** Passes over the tables before giving up on rows that keep changing under an old key. @default 5 */
  maxPasses?: number
  /** Stops after the batch in flight; a later run takes up where this one stopped. */
  signal?: AbortSignal
  /** Called after every batch. */
  onProgress?: (progress: { table: string; resealed: number; pass: number }) => void
}

/** What a re-seal did. */
export interface ResealReport {
  /** The key every sealed value is under afterwards. */
  keyId: string
  /** Values re-sealed, by table. */
  resealed: Record<string, number>
  /** Rows still under another key (changed during every pass, or written by a server with an old key). */
  remaining: number
  /** Whether the run stopped on its `signal` before the end. */
  aborted: boolean
  /** Key ids whose check values were removed from the schema: those keys are refused from now on. */
  retiredKeys: string[]
}

/** One sealed table: its key columns, its sealed columns and how to seal them, and its version check. */
interface SealedTable {
  table: string
  key: readonly string[]
  columns: ReadonlyArray<{
    name: string
    aad: (row: Row) => string
    /** The binding of values sealed before `aad` (read when `aad` does not open them). */
    legacyAad?: (row: Row) => string
    kind: 'json' | 'text' | 'bytes'
    compress?: boolean
  }>
  /** A column compared besides the sealed values (the row version), when the table has one. */
  version?: string
}

type Row = Record<string, unknown>

const sealedTables: readonly SealedTable[] = [
  {
    table: 'ak1_cases',
    key: ['id'],
    version: 'version',
    columns: [{ name: 'body', aad: (r) => `case:${r.id}`, kind: 'json' }],
  },
  {
    table: 'ak1_records',
    key: ['id'],
    version: 'version',
    columns: [{ name: 'body', aad: (r) => `record:${r.id}`, kind: 'json' }],
  },
  {
    table: 'ak1_audit',
    key: ['aggregate_id', 'seq'],
    columns: [{ name: 'entry', aad: (r) => `audit:${r.aggregate_id}:${r.seq}`, kind: 'json' }],
  },
  {
    table: 'ak1_outbox',
    key: ['id'],
    columns: [
      { name: 'payload', aad: (r) => `outbox:${r.id}:payload`, kind: 'json' },
      { name: 'last_error', aad: (r) => `outbox:${r.id}:last_error`, kind: 'text' },
      { name: 'result', aad: (r) => `outbox:${r.id}:result`, kind: 'json' },
    ],
  },
  {
    // Keyed by (scope, id): the same command id in two scopes is two rows, each re-sealed on its own.
    table: 'ak1_commands',
    key: ['scope', 'id'],
    // Bound to scope and id; a result sealed before the scope was bound opens under its id alone.
    columns: [
      {
        name: 'result',
        aad: (r) => commandAad(String(r.scope), String(r.id)),
        legacyAad: (r) => legacyCommandAad(String(r.id)),
        kind: 'json',
        compress: true,
      },
    ],
  },
  {
    table: 'ak1_attachments',
    key: ['office_code', 'lookup'],
    columns: [{ name: 'bytes', aad: (r) => `attachment:${r.lookup}`, kind: 'bytes' }],
  },
]

const resealSchema = z.strictObject({
  officeCode: z.string().min(1, 'office_code').optional(),
  batchSize: z.number().int().min(1).max(10_000).default(500),
  concurrency: z.number().int().min(1).max(64).default(4),
  maxPasses: z.number().int().min(1).max(100).default(5),
  signal: z.custom<AbortSignal>((s) => s instanceof AbortSignal, 'signal').optional(),
  onProgress: z.custom<ResealOptions['onProgress']>((f) => typeof f === 'function', 'function').optional(),
})

const storeKeys = new Set([
  'connectionString',
  'pool',
  'schema',
  'maxConnections',
  'statementTimeoutMs',
  'connectTimeoutMs',
  'encryptionKey',
  'plaintext',
])

/**
 * The conditions (and their parameters) of the rows of `spec` with a value sealed under a key other
 * than `current`, in one office when given (a sealed value starts with 1, the length of its key id,
 * and the key id). CASE keeps `get_byte` off values too short.
 */
function underOtherKey(spec: SealedTable, current: Buffer, officeCode: string | undefined) {
  const params: unknown[] = [current]
  const needs = spec.columns
    .map(
      ({ name: c }) =>
        `(CASE WHEN length(${c}) < 2 THEN false WHEN get_byte(${c}, 0) <> 1 THEN false
           ELSE substring(${c} from 3 for get_byte(${c}, 1)) <> $1 END)`,
    )
    .join(' OR ')
  const where = [`(${needs})`]
  if (officeCode !== undefined) {
    params.push(officeCode)
    where.push(`office_code = $${params.length}`)
  }
  return { where, params }
}

/** A sealed value's key id, or `null` for a value that is not sealed (clear or packed). */
function keyIdOf(value: Buffer): string | null {
  if (value[0] !== 1 || value.length < 2) return null
  return value.subarray(2, 2 + (value[1] ?? 0)).toString()
}

/**
 * Re-seals every sealed value of a schema (or of one office) under the keyring's current key, in
 * place and online: rows are read in batches, and each row is written back in its own short
 * transaction, one UPDATE that checks the row's version (or the old sealed values) so a command that
 * changed the row meanwhile wins, and the row is taken up again on the next pass. The run is
 * resumable: it only touches values under another key, so a stopped run is simply started again.
 * NIK lookups and attachment lookups are recomputed under the new key.
 *
 * The keyring must hold the current (new) key and every old key still in use. Its key check values
 * are recorded first; when every office was re-sealed and nothing remains under an old key, the old
 * keys' check values are removed, so a store given only an old key is refused from then on.
 *
 * @throws {ConfigError} for bad options (`plaintext` cannot be re-sealed) or a database that does not
 * start, as `createPostgresStore` does.
 *
 * @example
 * ```ts
 * const report = await resealPostgresStore({
 *   connectionString: process.env.AK1_DATABASE_URL!,
 *   encryptionKey: { current: '2027', keys: { '2026': process.env.AK1_KEY_2026!, '2027': process.env.AK1_KEY_2027! } },
 * })
 * ```
 */
export async function resealPostgresStore(
  options: PostgresStoreOptions & ResealOptions,
): Promise<ResealReport> {
  const storeOptions = Object.fromEntries(Object.entries(options).filter(([k]) => storeKeys.has(k)))
  const ownOptions = Object.fromEntries(Object.entries(options).filter(([k]) => !storeKeys.has(k)))
  const o = resolvePostgresOptions(storeOptions)
  const r = parseOptions(resealSchema, ownOptions, {
    adapter: 'resealPostgresStore',
    rules: {
      office_code: { id: 'kode kantor wajib diisi', en: 'the office code is required' },
      signal: { id: 'harus berupa AbortSignal', en: 'must be an AbortSignal' },
      function: { id: 'harus berupa fungsi', en: 'must be a function' },
    },
  })
  if (!o.keyring)
    throw new ConfigError('Penyegelan ulang memerlukan encryptionKey; data tanpa enkripsi tidak disegel.', {
      messageEn: 'Re-sealing needs encryptionKey; data in clear is not sealed.',
      keys: ['encryptionKey', 'plaintext'],
    })
  const db = await openDatabase(o, migrations)
  const t = quoteIdent(o.schema)
  const sealer = createSealer(o.keyring, 'ak1/postgres')
  try {
    try {
      await checkEncryption(db.pool, t, sealer)
    } catch (error) {
      if (isAk1Error(error)) throw error
      throw startFailure(describeTarget(o.connectionString), o.schema, error)
    }
    const run = createResealRun(db.pool, t, sealer, createColumns(sealer), r)
    const report = await run()
    if (!report.aborted && report.remaining === 0 && r.officeCode === undefined)
      report.retiredKeys = await retireOldKeys(db.pool, t, sealer.currentId)
    return report
  } finally {
    await db.close()
  }
}

type Resolved = z.output<typeof resealSchema>

function createResealRun(pool: pg.Pool, t: string, sealer: Sealer, cols: Columns, r: Resolved) {
  const current = Buffer.from(sealer.currentId)
  const resealed: Record<string, number> = {}
  const failure = (operation: string, error: unknown) =>
    isAk1Error(error) ? error : storeFailure(storeId, operation, error)

  /** The rows of `spec` after `after` (by key) with a value under another key. */
  const batch = async (spec: SealedTable, after: unknown[] | null) => {
    const { where, params } = underOtherKey(spec, current, r.officeCode)
    if (after) {
      const placeholders = after.map((v) => {
        params.push(v)
        return `$${params.length}`
      })
      where.push(`(${spec.key.join(', ')}) > (${placeholders.join(', ')})`)
    }
    const select = [...spec.key, ...(spec.version ? [spec.version] : []), ...spec.columns.map((c) => c.name)]
    params.push(r.batchSize)
    const { rows } = await pool.query<Row>(
      `SELECT ${[...new Set(select)].join(', ')} FROM ${t}.${spec.table} WHERE ${where.join(' AND ')}
       ORDER BY ${spec.key.join(', ')} LIMIT $${params.length}`,
      params,
    )
    return rows
  }

  /** Re-seals one row in one UPDATE that checks it did not change; whether it was written. */
  const resealRow = async (spec: SealedTable, row: Row): Promise<boolean> => {
    const sets: string[] = []
    const params: unknown[] = []
    const param = (v: unknown) => {
      params.push(v)
      return `$${params.length}`
    }
    let lookup: string | undefined
    for (const c of spec.columns) {
      const value = row[c.name] as Buffer | null
      if (value === null || keyIdOf(value) === null || keyIdOf(value) === sealer.currentId) continue
      const { fresh, newLookup } = resealValue(c, row, value)
      if (newLookup) lookup = newLookup
      sets.push(`${c.name} = ${param(fresh)}`)
    }
    if (spec.table === 'ak1_cases') {
      const body = cols.readJson<{ applicantNik?: string }>(row.body as Buffer, `case:${row.id}`)
      if (body.applicantNik !== undefined)
        sets.push(`nik_lookup = ${param(cols.lookup('nik', body.applicantNik))}`)
    }
    if (lookup !== undefined) sets.push(`lookup = ${param(lookup)}`)
    if (!sets.length) return false
    const checks = spec.key.map((k) => `${k} = ${param(row[k])}`)
    if (spec.version) checks.push(`${spec.version} = ${param(row[spec.version])}`)
    for (const c of spec.columns) checks.push(`${c.name} IS NOT DISTINCT FROM ${param(row[c.name])}`)
    const { rowCount } = await pool.query(
      `UPDATE ${t}.${spec.table} SET ${sets.join(', ')} WHERE ${checks.join(' AND ')}`,
      params,
    )
    return rowCount === 1
  }

  /** The value sealed under the current key; for an attachment also its lookup under that key. */
  const resealValue = (c: SealedTable['columns'][number], row: Row, value: Buffer) => {
    if (c.kind !== 'bytes') {
      // A value sealed before its column's current binding opens under the legacy one.
      const text = openWithFallback(
        (aad) => cols.readText(value, aad),
        c.aad(row),
        c.legacyAad ? [c.legacyAad(row)] : [],
      )
      return { fresh: cols.writeText(text, c.aad(row), c.compress) }
    }
    // An attachment is filed under a keyed hash of its sha256: recomputed, and checked against the old one.
    const bytes = sealer.open(value, c.aad(row))
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    if (!sealer.lookups('sha256', sha256).includes(String(row.lookup)))
      throw new ConfigError(`Lampiran ${String(row.lookup)} tidak cocok dengan sidik sha256-nya.`, {
        messageEn: `Attachment ${String(row.lookup)} does not match its sha256 fingerprint.`,
        keys: ['encryptionKey'],
      })
    const newLookup = sealer.lookup('sha256', sha256)
    return { fresh: sealer.seal(bytes, `attachment:${newLookup}`), newLookup }
  }

  /** One pass over one table; the rows it could not write (changed meanwhile). */
  const pass = async (spec: SealedTable, passNo: number): Promise<number> => {
    let after: unknown[] | null = null
    let missed = 0
    for (;;) {
      if (r.signal?.aborted) return missed
      let rows: Row[]
      try {
        rows = await batch(spec, after)
      } catch (error) {
        throw failure('reseal', error)
      }
      if (!rows.length) return missed
      for (let i = 0; i < rows.length; i += r.concurrency) {
        const written = await Promise.all(
          rows.slice(i, i + r.concurrency).map((row) =>
            resealRow(spec, row).catch((error) => {
              throw failure('reseal', error)
            }),
          ),
        )
        const n = written.filter(Boolean).length
        resealed[spec.table] = (resealed[spec.table] ?? 0) + n
        missed += written.length - n
      }
      r.onProgress?.({ table: spec.table, resealed: resealed[spec.table] ?? 0, pass: passNo })
      const last = rows.at(-1) as Row
      after = spec.key.map((k) => last[k])
    }
  }

  return async (): Promise<ResealReport> => {
    let remaining = 0
    for (let passNo = 1; passNo <= r.maxPasses; passNo++) {
      remaining = 0
      for (const spec of sealedTables) remaining += await pass(spec, passNo)
      if (r.signal?.aborted) break
      // A row written under an old key after the pass went by is found by a count, not by the pass.
      if (remaining === 0) remaining = await countRemaining(pool, t, current, r.officeCode)
      if (remaining === 0) break
    }
    return {
      keyId: sealer.currentId,
      resealed,
      remaining: r.signal?.aborted ? await countRemaining(pool, t, current, r.officeCode) : remaining,
      aborted: r.signal?.aborted === true,
      retiredKeys: [],
    }
  }
}

/** Rows with a value sealed under a key other than `current`. */
async function countRemaining(pool: pg.Pool, t: string, current: Buffer, officeCode: string | undefined) {
  let n = 0
  for (const spec of sealedTables) {
    const { where, params } = underOtherKey(spec, current, officeCode)
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${t}.${spec.table} WHERE ${where.join(' AND ')}`,
      params,
    )
    n += rows[0]?.n ?? 0
  }
  return n
}

/** Removes the check values of every key but `current`: the schema then knows only the new key. */
async function retireOldKeys(pool: pg.Pool, t: string, current: string): Promise<string[]> {
  const { rows } = await pool.query<{ key: string }>(
    `DELETE FROM ${t}.ak1_meta WHERE key LIKE 'key:%' AND key <> $1 RETURNING key`,
    [`key:${current}`],
  )
  return rows.map((row) => row.key.slice(4)).sort()
}
