import { createHash } from 'node:crypto'
import { ConfigError, parseOptions, type RuleText } from '@ak1/core/ports'
import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'

/** A 32-byte key: raw bytes, or a string of 64 hex digits or of base64 (44 characters). */
export type EncryptionKeyInput = Uint8Array | string

/**
 * Several keys by id, for rotation: `current` encrypts new data, every listed key can still decrypt.
 *
 * @example
 * ```ts
 * const keyring = { current: '2027', keys: { '2026': process.env.AK1_KEY_2026!, '2027': process.env.AK1_KEY_2027! } }
 * ```
 */
export interface EncryptionKeyring {
  /** Id of the key that encrypts from now on; must be in `keys`. */
  current: string
  /** Key ids (letters, digits, `.`, `_`, `-`; at most 64 characters) to keys. */
  keys: Record<string, EncryptionKeyInput>
}

/** Options shared by both ways of opening a store. */
export interface SqliteStoreCommonOptions {
  /**
   * SQLite `synchronous` level. `NORMAL` (with WAL) never corrupts the file and loses no commit
   * when the process crashes; after a power cut or an operating-system crash the last commits
   * before it may be missing. `FULL` syncs the WAL on every commit, so an acknowledged commit
   * survives a power cut too, at the price of one fsync per commit (several times slower writes on
   * most disks).
   * @default 'NORMAL'
   */
  synchronous?: 'NORMAL' | 'FULL'
  /**
   * How long a statement waits for another connection's lock before failing with a retryable
   * `AdapterError`, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number
  /**
   * Turns on encryption of personal data (UU PDP 27/2022): a 32-byte key, or a keyring for
   * rotation. Case bodies (the application with NIK, No. KK, name, birth date, contacts and address,
   * and the engine's case data), audit entries, command results, outbox payloads and attachments
   * are stored with AES-256-GCM; the NIK is looked up by an HMAC-SHA256. Opening an encrypted file
   * without a key fails with `ConfigError`; opening a clear file with a key encrypts it and rewrites
   * the file (`VACUUM`, then the WAL truncated), so no clear copy of personal data is left in it.
   * Give either this or `plaintext: true`: the store refuses to guess.
   */
  encryptionKey?: EncryptionKeyInput | EncryptionKeyring
  /**
   * `true` stores personal data (NIK, No. KK, names, contacts, addresses) in clear: the embedder's
   * explicit choice, for tests, or for a file on an encrypted disk. Without it, and without
   * `encryptionKey`, `createSqliteStore` fails with a `ConfigError` that says why.
   */
  plaintext?: boolean
}

/** Options of {@link createSqliteStore}: a file name, or a better-sqlite3 connection you own. */
export type SqliteStoreOptions = SqliteStoreCommonOptions &
  (
    | {
        /** Path of the database file (created when missing). The store closes it on `close()`. */
        filename: string
        database?: never
      }
    | {
        /** An open better-sqlite3 connection. The store sets its pragmas but never closes it. */
        database: BetterSqlite3.Database
        filename?: never
      }
  )

/** Options after validation, with defaults applied. @internal */
export interface ResolvedOptions {
  filename: string | undefined
  database: BetterSqlite3.Database | undefined
  synchronous: 'NORMAL' | 'FULL'
  busyTimeoutMs: number
  /** Key id to 32 bytes, and the current id; `undefined` without encryption. */
  keyring: { current: string; keys: Map<string, Buffer> } | undefined
}

/** What a key id may be: letters, digits, `.`, `_`, `-`; 1 to 64 characters. @internal */
export const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/

/** Decodes a key to 32 bytes, or returns `null` when it is not one. @internal */
export function decodeKey(input: unknown): Buffer | null {
  if (input instanceof Uint8Array) return input.length === 32 ? Buffer.from(input) : null
  if (typeof input !== 'string') return null
  if (/^[0-9a-fA-F]{64}$/.test(input)) return Buffer.from(input, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(input)) {
    const bytes = Buffer.from(input, input.includes('-') || input.includes('_') ? 'base64url' : 'base64')
    return bytes.length === 32 ? bytes : null
  }
  return null
}

const keySchema = z.custom<EncryptionKeyInput>((v) => decodeKey(v) !== null, { message: 'key_32_bytes' })

const keyringSchema = z
  .object({
    current: z.string().regex(keyIdPattern, { message: 'key_id' }),
    keys: z.record(z.string().regex(keyIdPattern, { message: 'key_id' }), keySchema),
  })
  .strict()
  .refine((k) => Object.hasOwn(k.keys, k.current), { message: 'key_current', path: ['current'] })

const databaseSchema = z.custom<BetterSqlite3.Database>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { prepare?: unknown }).prepare === 'function' &&
    typeof (v as { pragma?: unknown }).pragma === 'function',
  { message: 'database_instance' },
)

const optionsSchema = z
  .object({
    filename: z.string().min(1).optional(),
    database: databaseSchema.optional(),
    synchronous: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
    busyTimeoutMs: z.number().int().min(0).max(600_000).default(5000),
    encryptionKey: z.union([keySchema, keyringSchema], { message: 'encryption_key' }).optional(),
    plaintext: z.boolean().optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.plaintext === true && o.encryptionKey !== undefined)
      ctx.addIssue({ code: 'custom', message: 'plaintext_with_key', path: ['plaintext'] })
    if ((o.filename === undefined) === (o.database === undefined))
      ctx.addIssue({ code: 'custom', message: 'filename_or_database', path: ['filename'] })
  })

const ruleTexts: Record<string, RuleText> = {
  key_32_bytes: {
    id: 'harus kunci 32 byte (Buffer, 64 digit heksadesimal, atau base64)',
    en: 'must be a 32-byte key (Buffer, 64 hex digits, or base64)',
  },
  key_id: {
    id: 'id kunci hanya boleh huruf, angka, titik, garis bawah atau tanda hubung (maks. 64)',
    en: 'a key id may hold only letters, digits, dot, underscore or hyphen (at most 64)',
  },
  key_current: { id: 'harus salah satu id di `keys`', en: 'must be one of the ids in `keys`' },
  encryption_key: {
    id: 'harus kunci 32 byte atau keyring { current, keys }',
    en: 'must be a 32-byte key or a keyring { current, keys }',
  },
  database_instance: {
    id: 'harus koneksi better-sqlite3 yang terbuka',
    en: 'must be an open better-sqlite3 connection',
  },
  plaintext_with_key: {
    id: 'tidak boleh `true` bersama `encryptionKey`: pilih salah satu',
    en: 'may not be `true` together with `encryptionKey`: choose one',
  },
  filename_or_database: {
    id: 'isi tepat satu dari `filename` atau `database`',
    en: 'give exactly one of `filename` or `database`',
  },
}

/** Validates the options (`ConfigError` naming the bad keys) and applies defaults. @internal */
export function resolveOptions(input: unknown): ResolvedOptions {
  const o = parseOptions(optionsSchema, input ?? {}, {
    adapter: 'createSqliteStore',
    rules: ruleTexts,
    topLevelKeys: true,
  })
  if (o.encryptionKey === undefined && o.plaintext !== true) throw noProtectionChosen()
  return {
    filename: o.filename,
    database: o.database,
    synchronous: o.synchronous,
    busyTimeoutMs: o.busyTimeoutMs,
    keyring: o.encryptionKey === undefined ? undefined : toKeyring(o.encryptionKey),
  }
}

/** Turns a key or keyring into key ids and bytes; a bare key gets an id derived from it. @internal */
function toKeyring(input: EncryptionKeyInput | EncryptionKeyring): {
  current: string
  keys: Map<string, Buffer>
} {
  const single = decodeKey(input)
  if (single) {
    const id = keyFingerprint(single)
    return { current: id, keys: new Map([[id, single]]) }
  }
  const ring = input as EncryptionKeyring
  const keys = new Map<string, Buffer>()
  for (const [id, key] of Object.entries(ring.keys)) {
    const bytes = decodeKey(key)
    if (!bytes || !keyIdPattern.test(id)) throw invalidKey()
    keys.set(id, bytes)
  }
  if (!keys.has(ring.current)) throw invalidKey()
  return { current: ring.current, keys }
}

/** Neither a key nor `plaintext: true`: personal data would be in clear without anyone deciding so. */
function noProtectionChosen(): ConfigError {
  return new ConfigError(
    'createSqliteStore: pilih perlindungan data pribadi secara eksplisit. Berikan encryptionKey (kunci 32 byte, ' +
      'mis. dari variabel lingkungan atau berkas kunci) agar NIK, No. KK, nama, alamat dan kontak pemohon ' +
      'tersimpan terenkripsi, atau plaintext: true bila memang disengaja menyimpannya tanpa enkripsi. ' +
      'UU PDP 27/2022 menjadikan data pribadi yang bocor tanggung jawab kantor.',
    {
      messageEn:
        "createSqliteStore: choose how personal data is protected. Give encryptionKey (a 32-byte key, e.g. from an environment variable or a key file) so the applicant's NIK, KK number, name, address and contacts are stored encrypted, or plaintext: true to store them in clear on purpose. Under UU PDP 27/2022 a leak of personal data is the office's liability.",
      keys: ['encryptionKey', 'plaintext'],
    },
  )
}

function invalidKey(): ConfigError {
  return new ConfigError(`Kunci enkripsi tidak valid: ${ruleTexts.encryption_key?.id}`, {
    messageEn: `Invalid encryption key: ${ruleTexts.encryption_key?.en}`,
    keys: ['encryptionKey'],
  })
}

/** A short id for a bare key: a hash of it, which reveals nothing about the key. @internal */
export function keyFingerprint(key: Buffer): string {
  return `k${createHash('sha256').update('ak1/sqlite/key-id\0').update(key).digest('hex').slice(0, 12)}`
}
