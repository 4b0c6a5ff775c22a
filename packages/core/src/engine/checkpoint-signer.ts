import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { ConfigError } from '../errors/errors'

/**
 * Signs audit checkpoints. The private key stays with the signer (a key file the database server
 * cannot read, an HSM, a Camat's token); core only hands it the checkpoint's signed text.
 */
export interface CheckpointSigner {
  /** The key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
  readonly id: string
  readonly algorithm: 'ed25519'
  /** The public key as PEM (SPKI), to publish beside the checkpoints. */
  readonly publicKey: string
  /** The signature of `message`. */
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>
}

/** The id of an Ed25519 public key: 16 hex digits of the SHA-256 of its SPKI DER. @internal */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}

function ed25519(key: KeyObject, keys: string[]): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`${keys[0]} harus kunci Ed25519`, {
      messageEn: `${keys[0]} must be an Ed25519 key`,
      keys,
    })
  }
  return key
}

/** Reads a public key given as PEM text or a KeyObject (public or private). @internal */
export function toPublicKey(key: string | KeyObject, name = 'publicKey'): KeyObject {
  try {
    const read = typeof key === 'string' || key.type !== 'public' ? createPublicKey(key) : key
    return ed25519(read, [name])
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(`${name} bukan kunci publik yang dapat dibaca (PEM SPKI)`, {
      messageEn: `${name} is not a readable public key (PEM SPKI)`,
      keys: [name],
      cause: error,
    })
  }
}

/**
 * A {@link CheckpointSigner} over an Ed25519 private key from `node:crypto` (PEM PKCS#8 text or a
 * `KeyObject`), e.g. one made with `generateKeyPairSync('ed25519')` and kept in a file outside the
 * database.
 *
 * @throws {ConfigError} naming `privateKey` when it is not a readable Ed25519 private key.
 * @example
 * ```ts
 * const { privateKey } = generateKeyPairSync('ed25519')
 * const signer = createEd25519CheckpointSigner({ privateKey })
 * const service = createAk1Service({ standard, store, checkpointSigner: signer })
 * ```
 */
export function createEd25519CheckpointSigner(options: { privateKey: string | KeyObject }): CheckpointSigner {
  let privateKey: KeyObject
  try {
    const given = options?.privateKey
    privateKey = ed25519(typeof given === 'string' ? createPrivateKey(given) : given, ['privateKey'])
    if (privateKey.type !== 'private') throw new TypeError('not a private key')
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError('privateKey harus kunci privat Ed25519 (PEM PKCS#8 atau KeyObject)', {
      messageEn: 'privateKey must be an Ed25519 private key (PEM PKCS#8 or a KeyObject)',
      keys: ['privateKey'],
      cause: error,
    })
  }
  const publicKey = createPublicKey(privateKey)
  return {
    id: keyIdOf(publicKey),
    algorithm: 'ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  }
}

/** Checks an Ed25519 signature of `message`. @internal */
export function verifyEd25519(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify(null, message, publicKey, signature)
  } catch {
    return false
  }
}
