import type { Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { AuditHead } from './audit'

/**
 * The key, inside a record's `data`, of the head of its audit trail: the last entry's seq and hash
 * and the record version it was written with. Every store keeps `data` as it was given, so the head
 * needs nothing new from a store; a change of a record then appends to its trail without reading it.
 * @internal
 */
export const recordHeadKey = 'auditHead'

type Loose = Record<string, unknown>
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The audit head kept in a record, or `null` when the record has none to trust: written before
 * heads were kept, `data` not an object, or a head written at another version (a writer that did
 * not know the key kept an old one while it changed the record). The caller reads the trail then.
 * @internal
 */
export function recordHead(record: StoredRecord): AuditHead | null {
  const data = record.data
  if (!isObject(data)) return null
  const head = data[recordHeadKey]
  if (!isObject(head) || head.version !== record.version) return null
  const { seq, hash } = head
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1 || typeof hash !== 'string')
    return null
  return { seq, hash }
}

/**
 * The record's `data` with the head of its trail after this commit: the entry just sealed, at the
 * record's new version. `data` that is not an object is kept as it is (no head: the trail is read).
 * @internal
 */
export function withRecordHead(data: Json, version: number, entry: AuditHead): Json {
  if (!isObject(data)) return data
  return { ...data, [recordHeadKey]: { version, seq: entry.seq, hash: entry.hash } }
}
