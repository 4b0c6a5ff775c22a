import { isPacked, pack, textOf, unpack } from './pack'
import type { Sealer } from './sealer'

/**
 * How a store writes personal data and other sensitive columns: as clear text (optionally packed
 * when long) without a sealer, sealed (AES-256-GCM, bound to its row by `aad`) with one. Every
 * store uses this one codec, so encryption is not a feature of one adapter.
 */
export interface RecordCodec {
  /** Whether values are sealed. */
  readonly sealed: boolean
  /** The stored form of `text`: clear text, a packed blob, or a sealed blob. */
  encode(text: string, aad: string, compress?: boolean): string | Uint8Array
  /** The text of a stored value. @throws when it is sealed and no key opens it. */
  decode(value: string | Uint8Array, aad: string): string
  /** The stored form of a JSON value. */
  encodeJson(value: unknown, aad: string, compress?: boolean): string | Uint8Array
  /** The JSON value of a stored value. @throws as {@link decode}, or for text that is not JSON. */
  decodeJson<T>(value: string | Uint8Array, aad: string): T
  /** The lookup key of a value (a keyed hash when sealed, the value itself when clear). */
  lookup(kind: string, value: string): string
  /** The lookup keys under every key (to find rows not yet re-keyed). */
  lookups(kind: string, value: string): string[]
}

/** A sealed value was found but the codec has no sealer. */
export class SealedWithoutKeyError extends Error {
  constructor() {
    super('sealed value without a key')
  }
}

/**
 * The codec of a store: `sealer` seals (see `createSealer`), or values stay clear. A getter may be
 * given instead of a sealer, for stores that re-key while open.
 */
export function createRecordCodec(sealer: Sealer | undefined | (() => Sealer | undefined)): RecordCodec {
  const current = typeof sealer === 'function' ? sealer : () => sealer
  const encode = (text: string, aad: string, compress = false): string | Uint8Array => {
    const plain = compress ? pack(text) : text
    const s = current()
    return s ? s.seal(plain, aad) : plain
  }
  const decode = (value: string | Uint8Array, aad: string): string => {
    if (typeof value === 'string') return value
    if (isPacked(value)) return unpack(value)
    const s = current()
    if (!s) throw new SealedWithoutKeyError()
    return textOf(s.open(value, aad))
  }
  return {
    get sealed() {
      return current() !== undefined
    },
    encode,
    decode,
    encodeJson: (value, aad, compress) => encode(JSON.stringify(value ?? null), aad, compress),
    decodeJson: <T>(value: string | Uint8Array, aad: string) => JSON.parse(decode(value, aad)) as T,
    lookup: (kind, value) => current()?.lookup(kind, value) ?? value,
    lookups: (kind, value) => current()?.lookups(kind, value) ?? [value],
  }
}
