import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

interface NodeHash {
  update(data: string | Uint8Array): NodeHash
  digest(encoding: 'hex'): string
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeHash
  /** One-shot digest (Node 20.12 and later): no Hash object per call. */
  hash?(algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex'): string
}

/**
 * Node's own `crypto`, found at run time through `process.getBuiltinModule` (Node 20.16 and later)
 * rather than imported, so no `node:*` import enters the module graph and a browser bundle stays
 * clean. Elsewhere (a browser, an older Node) it is `undefined` and the pure-JS digest is used.
 */
const nodeCrypto: NodeCrypto | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const found =
    typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('node:crypto') : undefined
  return found && typeof (found as NodeCrypto).createHash === 'function' ? (found as NodeCrypto) : undefined
})()

const oneShot = typeof nodeCrypto?.hash === 'function' ? nodeCrypto.hash.bind(nodeCrypto) : undefined

/**
 * Hex SHA-256 of a string (UTF-8) or bytes, synchronous everywhere: the pure-JS digest of
 * `@noble/hashes` (WebCrypto's digest is async), or Node's native one where the runtime offers it.
 * Both give the same bytes.
 * @internal
 */
export function sha256Hex(input: string | Uint8Array): string {
  if (oneShot) return oneShot('sha256', input, 'hex')
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(input).digest('hex')
  return pureSha256Hex(input)
}

/** The pure-JS digest alone, so a test can compare it with Node's. @internal */
export function pureSha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input))
}
