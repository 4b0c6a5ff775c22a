// The memory store's work queue: outbox and due rows, their claims, leases and outcomes.
import type { Json } from '../ports/case-store'
import type { ClaimOptions, DueRow, OutboxRow } from '../ports/work-queue'
import { indexOutbox } from './memory-indexes'
import { splitDueKey } from './memory-sorted'
import { compareIds, copy, instant, type MemoryState, ms, visit } from './memory-state'

/** Claims the outbox rows available at `options.now`, oldest first, leased to `options.owner`. @internal */
export function claimOutbox(state: MemoryState, options: ClaimOptions): OutboxRow[] {
  const now = instant(options.now, 'now')
  const claimed = visit(state, state.idx.pendingOutbox, state.outbox)
    .filter((row) => row.status === 'pending' && ms(row.availableAt) <= now && leaseFree(row, now))
    .filter((row) => options.officeCode === undefined || row.officeCode === options.officeCode)
    .sort((a, b) => ms(a.availableAt) - ms(b.availableAt) || compareIds(a.id, b.id))
    .slice(0, Math.max(0, options.limit))
  for (const row of claimed) {
    lease(row, options)
    row.attempts += 1
  }
  return copy(claimed)
}

/** Marks a held outbox row done. @internal */
export function completeOutbox(
  state: MemoryState,
  rowId: string,
  owner: string,
  done: { at: string; result: Json },
): boolean {
  const row = held(state.outbox.get(rowId), owner)
  if (!row) return false
  Object.assign(row, { status: 'done', result: copy(done.result), finishedAt: done.at })
  releaseLease(row)
  indexOutbox(state.idx, row)
  return true
}

/** Gives a held outbox row back for a later attempt. @internal */
export function retryOutbox(
  state: MemoryState,
  rowId: string,
  owner: string,
  retry: { availableAt: string; error: string },
): boolean {
  const row = held(state.outbox.get(rowId), owner)
  if (!row) return false
  Object.assign(row, { availableAt: retry.availableAt, lastError: retry.error })
  releaseLease(row)
  return true
}

/** Gives a held outbox row back, its attempt not counted. @internal */
export function releaseOutbox(
  state: MemoryState,
  rowId: string,
  owner: string,
  release: { availableAt?: string } | undefined,
): boolean {
  if (release?.availableAt !== undefined) instant(release.availableAt, 'availableAt')
  const row = held(state.outbox.get(rowId), owner)
  if (!row) return false
  row.attempts = Math.max(0, row.attempts - 1)
  if (release?.availableAt !== undefined) row.availableAt = release.availableAt
  releaseLease(row)
  return true
}

/** Dead-letters a held outbox row: an open incident of its case. @internal */
export function failOutbox(
  state: MemoryState,
  rowId: string,
  owner: string,
  failure: { at: string; error: string },
): boolean {
  const row = held(state.outbox.get(rowId), owner)
  if (!row) return false
  Object.assign(row, { status: 'failed', lastError: failure.error, finishedAt: failure.at })
  releaseLease(row)
  indexOutbox(state.idx, row)
  return true
}

/** A case's outbox rows, oldest first. @internal */
export function listOutbox(state: MemoryState, caseId: string): OutboxRow[] {
  return copy(outboxOf(state, caseId))
}

/** The outbox rows of each case. @internal */
export function listOutboxOf(state: MemoryState, caseIds: readonly string[]): Map<string, OutboxRow[]> {
  return new Map(caseIds.map((caseId) => [caseId, copy(outboxOf(state, caseId))]))
}

/** Claims the due rows due at `options.now`, earliest first, leased to `options.owner`. @internal */
export function claimDue(state: MemoryState, options: ClaimOptions): DueRow[] {
  const now = instant(options.now, 'now')
  const limit = Math.max(0, options.limit)
  const claimed: DueRow[] = []
  // The pending rows in due order, up to the first not yet due: rows due later are never looked at.
  for (const key of state.idx.pendingDue) {
    if (claimed.length >= limit) break
    const { dueMs, id } = splitDueKey(key)
    if (dueMs > now) break
    const row = state.due.get(id)
    state.idx.visited++
    if (row?.status !== 'pending' || !leaseFree(row, now)) continue
    if (options.officeCode === undefined || row.officeCode === options.officeCode) claimed.push(row)
  }
  for (const row of claimed) lease(row, options)
  return copy(claimed)
}

/** Gives a held due row back. @internal */
export function releaseDue(state: MemoryState, rowId: string, owner: string): boolean {
  const row = held(state.due.get(rowId), owner)
  if (!row) return false
  releaseLease(row)
  return true
}

/** The row when it is pending and `owner` holds its lease. */
function held<Row extends OutboxRow | DueRow>(row: Row | undefined, owner: string): Row | undefined {
  return row?.status === 'pending' && row.leaseOwner === owner ? row : undefined
}

function leaseFree(row: { leaseOwner: string | null; leaseUntil: string | null }, now: number): boolean {
  return row.leaseOwner === null || row.leaseUntil === null || ms(row.leaseUntil) <= now
}

function lease(row: { leaseOwner: string | null; leaseUntil: string | null }, options: ClaimOptions): void {
  row.leaseOwner = options.owner
  row.leaseUntil = new Date(ms(options.now) + options.leaseMs).toISOString()
}

/** Clears a row's lease. @internal */
export function releaseLease(row: { leaseOwner: string | null; leaseUntil: string | null }): void {
  row.leaseOwner = null
  row.leaseUntil = null
}

function outboxOf(state: MemoryState, caseId: string): OutboxRow[] {
  return (state.outboxByCase.get(caseId) ?? []).map((rowId) => state.outbox.get(rowId)!)
}
