import type { Json, Sealer } from '@ak1/core/ports'
import {
  AdapterError,
  ConfigError,
  createRecordCodec,
  openCommandResult,
  SealedWithoutKeyError,
} from '@ak1/core/ports'
import type pg from 'pg'
import { storeId } from './errors'

/**
 * The sealed columns (`bytea`) of the store, written through core's record codec exactly as the
 * SQLite store writes them: clear text (UTF-8) without a key, packed when long, sealed with
 * AES-256-GCM bound to its row by `aad` with a key. A stored value is told apart by its first byte:
 * 1 is a sealed blob, 2 a packed text, anything else clear JSON text.
 * @internal
 */
export interface Columns {
  readonly sealed: boolean
  writeText(text: string, aad: string, compress?: boolean): Buffer
  readText(value: Buffer, aad: string): string
  writeJson(value: Json | undefined, aad: string, compress?: boolean): Buffer
  readJson<T = Json>(value: Buffer, aad: string): T
  lookup(kind: string, value: string): string
  lookups(kind: string, value: string): string[]
}

/** The columns of a store with `sealer` (or clear). @internal */
export function createColumns(sealer: Sealer | undefined): Columns {
  const codec = createRecordCodec(sealer)
  const toBytes = (v: string | Uint8Array): Buffer =>
    typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  const readText = (value: Buffer, aad: string): string => {
    const stored = value[0] === 1 || value[0] === 2 ? value : value.toString('utf8')
    try {
      return codec.decode(stored, aad)
    } catch (error) {
      if (error instanceof SealedWithoutKeyError) throw sealedWithoutKey()
      throw unreadable(aad, error)
    }
  }
  return {
    sealed: sealer !== undefined,
    writeText: (text, aad, compress) => toBytes(codec.encode(text, aad, compress)),
    readText,
    writeJson: (value, aad, compress) => toBytes(codec.encodeJson(value ?? null, aad, compress)),
    readJson: <T>(value: Buffer, aad: string): T => {
      const text = readText(value, aad)
      try {
        return JSON.parse(text) as T
      } catch (error) {
        throw unreadable(aad, error)
      }
    },
    lookup: codec.lookup,
    lookups: codec.lookups,
  }
}

function sealedWithoutKey(): ConfigError {
  return new ConfigError('Basis data ini menyimpan data pribadi terenkripsi; berikan encryptionKey.', {
    messageEn: 'This database holds encrypted personal data; give encryptionKey.',
    keys: ['encryptionKey'],
  })
}

function unreadable(aad: string, cause: unknown): AdapterError {
  return new AdapterError(`Baris ${aad} tidak dapat dibaca (rusak, atau kunci enkripsi lain).`, {
    messageEn: `Row ${aad} cannot be read (damaged, or another encryption key).`,
    adapterId: storeId,
    operation: 'read',
    retryable: false,
    cause,
  })
}

/**
 * Records the encryption mode and each key's check value on first start, and refuses a store whose
 * mode or keys differ from what the schema holds (a key-less server must not write clear rows next
 * to sealed ones, and a wrong key must not seal new rows). @internal
 */
export async function checkEncryption(pool: pg.Pool, q: string, sealer: Sealer | undefined): Promise<void> {
  const mode = sealer ? 'aes-256-gcm' : 'none'
  const entries: Array<[string, string]> = [['encryption', mode]]
  for (const id of sealer?.keyIds ?? []) entries.push([`key:${id}`, sealer!.check(id)])
  const read = async () => {
    const { rows } = await pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${q}.ak1_meta WHERE key = ANY($1)`,
      [entries.map(([k]) => k)],
    )
    return new Map(rows.map((r) => [r.key, r.value]))
  }
  let stored = await read()
  if (sealer) {
    // A key the schema has never seen may join a keyring only beside one it has (a rotation).
    const { rows: known } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q}.ak1_meta WHERE key LIKE 'key:%'`,
    )
    if ((known[0]?.n ?? 0) > 0 && !entries.slice(1).some(([key]) => stored.has(key)))
      throw new ConfigError('Kunci enkripsi ini bukan kunci yang dipakai basis data ini.', {
        messageEn: 'This encryption key is not the key this database was encrypted with.',
        keys: ['encryptionKey'],
      })
  }
  // Only what is missing is written: a reader role starts on a schema whose keys are recorded.
  const missing = entries.filter(([key]) => !stored.has(key))
  if (missing.length) {
    for (const [key, value] of missing)
      await pool.query(
        `INSERT INTO ${q}.ak1_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [key, value],
      )
    stored = await read()
  }
  if (stored.get('encryption') !== mode)
    throw new ConfigError(
      sealer
        ? 'Basis data ini menyimpan data pribadi tanpa enkripsi; pindahkan dengan perintah ekspor/impor ke skema baru bila ingin mengenkripsinya.'
        : 'Basis data ini menyimpan data pribadi terenkripsi; berikan encryptionKey.',
      {
        messageEn: sealer
          ? 'This database holds personal data in clear; move it with the export/import command into a new schema to encrypt it.'
          : 'This database holds encrypted personal data; give encryptionKey.',
        keys: ['encryptionKey', 'plaintext'],
      },
    )
  for (const [key, value] of entries.slice(1))
    if (stored.get(key) !== value)
      throw new ConfigError(
        `Kunci enkripsi dengan id ${key.slice(4)} bukan kunci yang dipakai basis data ini.`,
        {
          messageEn: `The encryption key with id ${key.slice(4)} is not the key this database was encrypted with.`,
          keys: ['encryptionKey'],
        },
      )
}

/**
 * A command result, bound to its scope and id, or else (a row sealed before the scope was bound,
 * until a re-seal writes it again) to its id alone; the first failure otherwise.
 * @internal
 */
export function readCommandResult(cols: Columns, row: { scope: string; id: string; result: Buffer }): Json {
  return openCommandResult((value: Buffer, aad) => cols.readJson(value, aad), row)
}

/**
 * `open` under `aad`, or else under each of `fallbacks` in turn; the first failure when none opens.
 * @internal
 */
export function openWithFallback<T>(open: (aad: string) => T, aad: string, fallbacks: readonly string[]): T {
  try {
    return open(aad)
  } catch (error) {
    for (const other of fallbacks) {
      try {
        return open(other)
      } catch {}
    }
    throw error
  }
}
