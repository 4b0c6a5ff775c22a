// Indexes of the memory store, so that a long run (100,000 cases) answers lists and claims without
// scanning every case or every row ever written.
import type { StoredCase } from '../ports/case-store'
import type { DueRow, OutboxRow } from '../ports/work-queue'

/** The memory store's indexes, and how many stored rows its queries visited. @internal */
export interface MemoryIndexes {
  casesByOffice: Map<string, Set<string>>
  casesByOfficeState: Map<string, Set<string>>
  casesByNik: Map<string, Set<string>>
  /** Pending outbox row ids (the only ones a claim can take). */
  pendingOutbox: Set<string>
  /** Case ids by failed outbox row id (open incidents). */
  failedOutbox: Map<string, string>
  /** Pending due row ids. */
  pendingDue: Set<string>
  /** Due row ids by aggregate. */
  dueByAggregate: Map<string, Set<string>>
  /** Stored cases and rows the queries looked at, for tests that show no query scans everything. */
  visited: number
}

/** Empty indexes. @internal */
export function createMemoryIndexes(): MemoryIndexes {
  return {
    casesByOffice: new Map(),
    casesByOfficeState: new Map(),
    casesByNik: new Map(),
    pendingOutbox: new Set(),
    failedOutbox: new Map(),
    pendingDue: new Set(),
    dueByAggregate: new Map(),
    visited: 0,
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  let ids = map.get(key)
  if (!ids) {
    ids = new Set()
    map.set(key, ids)
  }
  ids.add(id)
}

function remove(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key)
  if (!ids) return
  ids.delete(id)
  if (ids.size === 0) map.delete(key)
}

/** The key of the office-and-state index. @internal */
export function officeStateKey(officeCode: string, state: string): string {
  return JSON.stringify([officeCode, state])
}

/** Moves a case's index entries from its stored version to the committed one. @internal */
export function indexCase(idx: MemoryIndexes, old: StoredCase | undefined, next: StoredCase): void {
  if (old) {
    remove(idx.casesByOffice, old.officeCode, old.id)
    remove(idx.casesByOfficeState, officeStateKey(old.officeCode, old.state), old.id)
    remove(idx.casesByNik, old.applicantNik, old.id)
  }
  add(idx.casesByOffice, next.officeCode, next.id)
  add(idx.casesByOfficeState, officeStateKey(next.officeCode, next.state), next.id)
  add(idx.casesByNik, next.applicantNik, next.id)
}

/** Files an outbox row under its status after any change of it. @internal */
export function indexOutbox(idx: MemoryIndexes, row: OutboxRow): void {
  if (row.status === 'pending') idx.pendingOutbox.add(row.id)
  else idx.pendingOutbox.delete(row.id)
  if (row.status === 'failed') idx.failedOutbox.set(row.id, row.caseId)
  else idx.failedOutbox.delete(row.id)
}

/** Files a due row under its status and aggregate after any change of it. @internal */
export function indexDue(idx: MemoryIndexes, row: DueRow): void {
  add(idx.dueByAggregate, row.caseId, row.id)
  if (row.status === 'pending') idx.pendingDue.add(row.id)
  else idx.pendingDue.delete(row.id)
}

/** Forgets a deleted due row. @internal */
export function unindexDue(idx: MemoryIndexes, row: DueRow): void {
  remove(idx.dueByAggregate, row.caseId, row.id)
  idx.pendingDue.delete(row.id)
}
