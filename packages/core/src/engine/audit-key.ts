import { createHmac, timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../errors/errors'
import type { AuditEntry } from '../ports/case-store'

/** The key that authenticates audit entries (`auditKey`), resolved. @internal */
export interface AuditKey {
  /** A public id of the key (16 hex digits of an HMAC of a fixed text): which key made a MAC. */
  id: string
  /** `<id>:<hex HMAC-SHA256 of the entry hash>`. */
  mac(hash: string): string
}

/** Bytes an `auditKey` must have at least. */
export const auditKeyMinBytes = 32

/**
 * Resolves the `auditKey` option: text (UTF-8) or bytes, at least 32 bytes, kept outside the
 * database (an environment variable, a key file), so that someone who can write the database cannot
 * write a valid entry.
 * @throws {ConfigError} naming `auditKey` when it is shorter.
 * @internal
 */
export function resolveAuditKey(key: string | Uint8Array | undefined): AuditKey | null {
  if (key === undefined) return null
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key)
  if (bytes.length < auditKeyMinBytes) {
    throw new ConfigError(
      `auditKey harus paling sedikit ${auditKeyMinBytes} byte (mis. 32 byte acak dalam base64, disimpan di luar basis data)`,
      {
        messageEn: `auditKey must have at least ${auditKeyMinBytes} bytes (e.g. 32 random bytes in base64, kept outside the database)`,
        keys: ['auditKey'],
      },
    )
  }
  const hmac = (text: string) => createHmac('sha256', bytes).update(text, 'utf8').digest('hex')
  const id = hmac('ak1 audit key id').slice(0, 16)
  return { id, mac: (hash) => `${id}:${hmac(`ak1 audit entry\n${hash}`)}` }
}

/** Adds the MAC of each entry (over its `hash`, which does not cover the MAC). @internal */
export function authenticateEntries(entries: readonly AuditEntry[], key: AuditKey | null): void {
  if (!key) return
  for (const entry of entries) entry.mac = key.mac(entry.hash)
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Checks the MACs of a trail whose hash chain already holds: every entry from the first one that
 * carries a MAC on must carry a valid one of this key. Entries before it were written without a key
 * (a store older than its `auditKey`) and are only as strong as the hash chain and the checkpoints.
 * @returns the number of authenticated entries, or where and why the check failed.
 * @internal
 */
export function checkEntryMacs(
  entries: readonly AuditEntry[],
  key: AuditKey,
): { authenticated: number } | { brokenAt: number; reason: string } {
  let authenticated = 0
  for (const entry of entries) {
    const mac = (entry as { mac?: unknown }).mac
    if (mac === undefined) {
      if (authenticated > 0) {
        return { brokenAt: entry.seq, reason: `entry ${entry.seq} lacks the MAC the entries before it carry` }
      }
      continue
    }
    if (typeof mac !== 'string' || !mac.startsWith(`${key.id}:`)) {
      return { brokenAt: entry.seq, reason: `entry ${entry.seq} carries a MAC of another key` }
    }
    if (!sameText(mac, key.mac(entry.hash))) {
      return {
        brokenAt: entry.seq,
        reason: `entry ${entry.seq} has a MAC that does not match: it was not written with the audit key`,
      }
    }
    authenticated += 1
  }
  return { authenticated }
}
