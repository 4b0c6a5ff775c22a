// The memory store's state, and the small helpers its commit, work queue and reads share.
import { ConflictError, ValidationError } from '../errors/errors'
import type { AttachmentRecord } from '../ports/attachment-store'
import type { AuditEntry, CommandRecord, StoredCase } from '../ports/case-store'
import type { DueRow, OutboxRow } from '../ports/work-queue'
import { createMemoryIndexes, type MemoryIndexes } from './memory-indexes'
import { createRecordState, type RecordState } from './memory-records'

/** Everything the memory store holds. @internal */
export interface MemoryState {
  cases: Map<string, StoredCase>
  audit: Map<string, AuditEntry[]>
  /** Insertion order is the "oldest first" order of `listOutbox`. */
  outbox: Map<string, OutboxRow>
  /** Case id by `[officeCode, trackingCode]`: a tracking code is unique within its office. */
  tracking: Map<string, string>
  /** Outbox row ids by case, oldest first. */
  outboxByCase: Map<string, string[]>
  due: Map<string, DueRow>
  sequences: Map<string, number>
  commands: Map<string, CommandRecord>
  attachments: Map<string, AttachmentRecord>
  recs: RecordState
  idx: MemoryIndexes
}

/** An empty {@link MemoryState}. @internal */
export function createMemoryState(): MemoryState {
  return {
    cases: new Map(),
    audit: new Map(),
    outbox: new Map(),
    outboxByCase: new Map(),
    tracking: new Map(),
    due: new Map(),
    sequences: new Map(),
    commands: new Map(),
    attachments: new Map(),
    recs: createRecordState(),
    idx: createMemoryIndexes(),
  }
}

/** The stored values of `ids`, counted as visited. @internal */
export function visit<T>(state: MemoryState, ids: Iterable<string>, from: Map<string, T>): T[] {
  const out: T[] = []
  for (const id of ids) {
    const value = from.get(id)
    if (value !== undefined) out.push(value)
  }
  state.idx.visited += out.length
  return out
}

/** The key of a committed command in its scope. @internal */
export function commandKey(scope: string, commandId: string): string {
  return JSON.stringify([scope, commandId])
}

/** The key of a named sequence in its scope. @internal */
export function sequenceKey(name: string, scope: string): string {
  return JSON.stringify([name, scope])
}

/** Code-unit order, as a database's binary collation sorts. @internal */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The epoch milliseconds of a stored ISO instant. @internal */
export function ms(iso: string): number {
  return Date.parse(iso)
}

/** The epoch milliseconds of a caller's ISO instant. @throws {ValidationError} naming `field`. @internal */
export function instant(iso: string, field: string): number {
  const value = Date.parse(iso)
  if (Number.isNaN(value)) {
    throw invalid([field], 'iso_instant', {
      id: `${field} harus waktu ISO 8601, bukan ${JSON.stringify(iso)}`,
      en: `${field} must be an ISO 8601 instant, not ${JSON.stringify(iso)}`,
    })
  }
  return value
}

/** A deep copy: values go in and out of the store by copy. @internal */
export function copy<T>(value: T): T {
  return structuredClone(value)
}

/** A {@link ConflictError} with its English message. @internal */
export function conflict(message: string, messageEn: string): ConflictError {
  return new ConflictError(message, { messageEn })
}

/** A {@link ValidationError} of one field. @internal */
export function invalid(
  path: (string | number)[],
  rule: string,
  text: { id: string; en: string },
): ValidationError {
  return new ValidationError([{ path, rule, message: text.id, messageEn: text.en }])
}
