// Indexes of the memory store, so that a long run (100,000 cases) answers lists and claims without
// scanning every case or every row ever written.
import type { StoredCase } from '../ports/case-store'
import type { DueRow, OutboxRow } from '../ports/work-queue'
import { createSortedKeys, dueKey, type SortedKeys } from './memory-sorted'

/** The memory store's indexes, and how many stored rows its queries visited. @internal */
export interface MemoryIndexes {
  /** Case ids by office, in id order (a page of `list` starts at its cursor). */
  casesByOffice: Map<string, SortedKeys>
  /** Case ids by office and state, in id order. */
  casesByOfficeState: Map<string, SortedKeys>
  casesByNik: Map<string, Set<string>>
  /** Open cases with a due time, by office, as {@link dueKey}s: the overdue list in due order. */
  openDueByOffice: Map<string, SortedKeys>
  /** Pending outbox row ids (the only ones a claim can take). */
  pendingOutbox: Set<string>
  /** Case ids by failed outbox row id (open incidents). */
  failedOutbox: Map<string, string>
  /** Pending due rows as {@link dueKey}s: a claim reads those due by now, earliest first. */
  pendingDue: SortedKeys
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
    openDueByOffice: new Map(),
    pendingOutbox: new Set(),
    failedOutbox: new Map(),
    pendingDue: createSortedKeys(),
    dueByAggregate: new Map(),
    visited: 0,
  }
}

interface KeySet {
  readonly size: number
  add(key: string): unknown
  delete(key: string): unknown
}

function add<S extends KeySet>(map: Map<string, S>, key: string, id: string, make: () => S): void {
  let ids = map.get(key)
  if (!ids) {
    ids = make()
    map.set(key, ids)
  }
  ids.add(id)
}

const newSet = () => new Set<string>()

function remove(map: Map<string, KeySet>, key: string, id: string): void {
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
    if (!old.final && old.dueAt !== null)
      remove(idx.openDueByOffice, old.officeCode, dueKey(Date.parse(old.dueAt), old.id))
  }
  add(idx.casesByOffice, next.officeCode, next.id, createSortedKeys)
  add(idx.casesByOfficeState, officeStateKey(next.officeCode, next.state), next.id, createSortedKeys)
  add(idx.casesByNik, next.applicantNik, next.id, newSet)
  if (!next.final && next.dueAt !== null)
    add(idx.openDueByOffice, next.officeCode, dueKey(Date.parse(next.dueAt), next.id), createSortedKeys)
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
  add(idx.dueByAggregate, row.caseId, row.id, newSet)
  if (row.status === 'pending') idx.pendingDue.add(dueKey(Date.parse(row.dueAt), row.id))
  else idx.pendingDue.delete(dueKey(Date.parse(row.dueAt), row.id))
}

/** Forgets a deleted due row. @internal */
export function unindexDue(idx: MemoryIndexes, row: DueRow): void {
  remove(idx.dueByAggregate, row.caseId, row.id)
  idx.pendingDue.delete(dueKey(Date.parse(row.dueAt), row.id))
}
