import type { AuditEntry } from '../ports/case-store'
import { sha256Hex } from '../util/canonical-json'

/** The `prevHash` of a case's first audit entry. */
export const genesisHash = '0'.repeat(64)

/** The last entry of a case's audit trail, kept on the case so a command never reads the trail. */
export interface AuditHead {
  seq: number
  hash: string
}

/** The result of checking a case's audit trail. */
export type AuditVerification =
  | {
      ok: true
      entries: number
      /** Entries whose MAC of the service's `auditKey` was checked (absent without a key). */
      authenticated?: number
      /** The checkpoint the trail was checked against, and the length it saw (absent without one). */
      checkpoint?: { at: string; root: string; seq: number | null }
    }
  | { ok: false; brokenAt: number; reason: string }

/**
 * The hash of an audit entry: SHA-256 over the canonical JSON of the entry without `hash` and `mac`
 * (the MAC of an `auditKey` is made over the hash, after it).
 * @internal
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  return sha256Hex(writeObject(entry as unknown as Record<string, unknown>, hashOmits))
}

const hashOmits: readonly string[] = ['hash', 'mac']

/**
 * Completes an audit entry with its sequence number, `prevHash` and `hash`, chained to `head`.
 * @internal
 */
export function sealAuditEntry(
  head: AuditHead | null,
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>,
): AuditEntry {
  const sealed = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? genesisHash } as AuditEntry
  for (const key of Object.keys(sealed) as Array<keyof AuditEntry>) {
    if (sealed[key] === undefined) delete sealed[key]
  }
  sealed.hash = auditHash(sealed)
  return sealed
}

/**
 * `canonicalJson` (util/canonical-json) of an object with one top-level key left out, written in
 * one pass: the same text, with less allocation, since it runs on every command.
 * @internal
 */
export function canonicalJsonWithout(value: object, omit: string): string {
  return writeObject(value as Record<string, unknown>, [omit])
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      const item = value[i]
      out += item === undefined ? 'null' : write(item)
    }
    return `${out}]`
  }
  return writeObject(value as Record<string, unknown>, null)
}

function writeObject(value: Record<string, unknown>, omit: readonly string[] | null): string {
  const keys = Object.keys(value).sort()
  let out = '{'
  let first = true
  for (const key of keys) {
    const member = value[key]
    if (member === undefined || omit?.includes(key)) continue
    if (!first) out += ','
    first = false
    out += `${JSON.stringify(key)}:${write(member)}`
  }
  return `${out}}`
}

/**
 * Checks a case's audit trail: sequence numbers 1, 2, 3... without gaps, each `prevHash` the
 * previous `hash`, each `hash` recomputed from the entry, and (when the case's recorded head is
 * given) the last entry equal to that head, so a deleted last entry is caught too.
 *
 * `brokenAt` is the `seq` of the first entry found edited, out of place, or missing.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], head?: AuditHead | null): AuditVerification {
  let prevHash = genesisHash
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    const expectedSeq = i + 1
    if (entry.seq !== expectedSeq) {
      return { ok: false, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing or out of order` }
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        brokenAt: entry.seq,
        reason: `entry ${entry.seq} does not follow the previous entry`,
      }
    }
    if (auditHash(entry) !== entry.hash) {
      return { ok: false, brokenAt: entry.seq, reason: `entry ${entry.seq} was changed after it was written` }
    }
    prevHash = entry.hash
  }
  if (head) {
    if (entries.length < head.seq) {
      return { ok: false, brokenAt: entries.length + 1, reason: `entry ${entries.length + 1} is missing` }
    }
    if (entries.length > head.seq || prevHash !== head.hash) {
      return {
        ok: false,
        brokenAt: Math.min(head.seq, entries.length),
        reason: 'the trail does not end where the case says',
      }
    }
  }
  return { ok: true, entries: entries.length }
}
