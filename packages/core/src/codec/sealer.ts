import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Sealing of personal data with AES-256-GCM, and keyed lookup hashes (HMAC-SHA256).
 *
 * A sealed value is one blob: `0x01 | idLength | keyId | iv(12) | tag(16) | ciphertext`, so every
 * blob names the key that sealed it. The additional authenticated data binds a blob to its row
 * (table, id, column): a blob copied to another row does not open.
 */
export interface Sealer {
  /** Id of the key that seals. */
  readonly currentId: string
  /** Ids of every key that can open. */
  readonly keyIds: string[]
  seal(plain: string | Uint8Array, aad: string): Buffer
  /** Opens a blob; throws when its key is unknown or it was tampered with. */
  open(blob: Uint8Array, aad: string): Buffer
  /** Lookup hash under the current key. */
  lookup(kind: string, value: string): string
  /** Lookup hashes under every key (to find rows not yet re-keyed). */
  lookups(kind: string, value: string): string[]
  /** A value that identifies the key without revealing it, to catch a wrong key at open. */
  check(keyId: string): string
}

interface DerivedKey {
  enc: Buffer
  mac: Buffer
}

const version = 1

function derive(key: Buffer, saltText: string): DerivedKey {
  const salt = Buffer.from(saltText)
  return {
    enc: Buffer.from(hkdfSync('sha256', key, salt, 'aes-256-gcm', 32)),
    mac: Buffer.from(hkdfSync('sha256', key, salt, 'hmac-sha256', 32)),
  }
}

/**
 * The sealer of a keyring: AES-256-GCM under keys derived (HKDF-SHA256, `salt`) from each 32-byte
 * key. `salt` is fixed per store kind (`ak1/sqlite` for files written by the SQLite adapter).
 */
export function createSealer(
  keyring: { current: string; keys: Map<string, Buffer> },
  salt = 'ak1/sqlite',
): Sealer {
  const keys = new Map<string, DerivedKey>()
  for (const [id, key] of keyring.keys) keys.set(id, derive(key, salt))
  const current = keys.get(keyring.current)
  if (!current) throw new Error(`unknown current key ${keyring.current}`)
  const currentHeader = header(keyring.current)

  const mac = (k: DerivedKey, kind: string, value: string) =>
    createHmac('sha256', k.mac).update(`${kind}\0${value}`).digest('base64url')

  return {
    currentId: keyring.current,
    keyIds: [...keys.keys()],
    seal(plain, aad) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.enc, iv)
      cipher.setAAD(Buffer.from(aad))
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      return Buffer.concat([currentHeader, iv, cipher.getAuthTag(), body])
    },
    open(blob, aad) {
      const { keyId, offset } = parseHeader(blob)
      const k = keys.get(keyId)
      if (!k) throw new UnknownKeyError(keyId)
      const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
      const iv = buf.subarray(offset, offset + 12)
      const tag = buf.subarray(offset + 12, offset + 28)
      const decipher = createDecipheriv('aes-256-gcm', k.enc, iv)
      decipher.setAAD(Buffer.from(aad))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(buf.subarray(offset + 28)), decipher.final()])
    },
    lookup(kind, value) {
      return mac(current, kind, value)
    },
    lookups(kind, value) {
      return [...keys.values()].map((k) => mac(k, kind, value))
    },
    check(keyId) {
      const k = keys.get(keyId)
      if (!k) throw new UnknownKeyError(keyId)
      return mac(k, 'key-check', 'ak1/sqlite')
    },
  }
}

/** A blob names a key the keyring lacks. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no key with id ${keyId}`)
  }
}

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId)
  return Buffer.concat([Buffer.from([version, id.length]), id])
}

function parseHeader(blob: Uint8Array): { keyId: string; offset: number } {
  if (blob[0] !== version || blob.length < 2) throw new Error('not a sealed value')
  const length = blob[1] ?? 0
  const keyId = Buffer.from(blob.buffer, blob.byteOffset + 2, length).toString()
  return { keyId, offset: 2 + length }
}
