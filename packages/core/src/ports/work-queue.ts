import type { Json } from './case-store'

/** A side effect to deliver after the commit: a notice, a SIPRAJA write, an office alert. */
export interface OutboxRowInput {
  /** Stable identity, also the idempotency key / message id of the delivery. */
  id: string
  /** The aggregate the row belongs to (a case id for cases). */
  caseId: string
  /** The aggregate's kind; the store fills in the committed aggregate's (`case` for a case). */
  aggregateKind?: string
  /** The aggregate's office; the store fills it in from the committed aggregate. */
  officeCode?: string
  /** What it is, e.g. `notice` or `sipraja`. */
  kind: string
  /** What to do, without personal data (template id, channel, SIPRAJA action...). */
  payload: Json
  /** ISO instant from which it may be claimed. */
  availableAt: string
}

/** An outbox row's status: waiting or leased, delivered, failed for good (an incident), or resolved by hand. */
export type OutboxStatus = 'pending' | 'done' | 'failed' | 'resolved'

/** An outbox row as stored. */
export interface OutboxRow extends OutboxRowInput {
  status: OutboxStatus
  /** Delivery attempts so far: claims, less those given back by `releaseOutbox`; 0 again after an operator's retry. */
  attempts: number
  leaseOwner: string | null
  /** ISO instant the current lease ends. */
  leaseUntil: string | null
  lastError: string | null
  /** Result of the delivery (provider id, status), set on completion. */
  result: Json
  createdAt: string
  /** ISO instant it was completed, failed or resolved. */
  finishedAt: string | null
}

/** A deadline of an aggregate: at a due instant the worker raises an SLA event. */
export interface DueRowInput {
  id: string
  /** The aggregate the row belongs to (a case id for cases). */
  caseId: string
  /** The aggregate's kind; the store fills in the committed aggregate's (`case` for a case). */
  aggregateKind?: string
  /** The aggregate's office; the store fills it in from the committed aggregate. */
  officeCode?: string
  /** e.g. `at_risk`, `breached`. */
  kind: string
  /** ISO instant. */
  dueAt: string
}

/** A stored due row: pending until the worker handles it, with its lease while claimed. */
export interface DueRow extends DueRowInput {
  status: 'pending' | 'done'
  leaseOwner: string | null
  leaseUntil: string | null
}

/** Claim options for the outbox and due rows. */
export interface ClaimOptions {
  /** ISO instant: rows due at or before it, whose lease is absent or expired. */
  now: string
  limit: number
  /** Who claims (a worker id). */
  owner: string
  /** Lease length in milliseconds. */
  leaseMs: number
  /** Only rows of this office (a worker of one office on a shared store); absent: every office. */
  officeCode?: string
}

/** Optional behaviour a work queue declares instead of being probed. */
export interface WorkQueueCapabilities {
  /** Survives a process restart. */
  durable?: boolean
}

/**
 * The work rows a commit writes (`CaseStore.commit`): outbox rows (deliveries) and due rows
 * (deadlines), each claimed by a worker with a lease, then completed, retried later, or
 * dead-lettered (`failOutbox`: an incident on its aggregate). Every method is async; a lost lease
 * answers `false`; an infrastructure failure throws. `describeWorkQueue` checks this contract.
 */
export interface WorkQueue {
  readonly id: string
  readonly capabilities: WorkQueueCapabilities
  /** Leases due pending outbox rows and counts an attempt on each. */
  claimOutbox(options: ClaimOptions): Promise<OutboxRow[]>
  /** Marks a leased row done with its result. `false` when `owner` no longer holds the lease. */
  completeOutbox(id: string, owner: string, done: { at: string; result: Json }): Promise<boolean>
  /**
   * Releases a leased row after a failed delivery, to be claimed again from `availableAt`; the claim
   * stays counted as an attempt. `false` when the lease is lost.
   */
  retryOutbox(id: string, owner: string, retry: { availableAt: string; error: string }): Promise<boolean>
  /**
   * Gives a leased row back without counting the claim as an attempt (a delivery that was never
   * tried): `attempts` goes back down by one, the lease is cleared, `lastError` is kept. The row is
   * claimable again at once, or from `release.availableAt` when given (a delivery that has to wait).
   * `false` when `owner` no longer holds the lease.
   */
  releaseOutbox(id: string, owner: string, release?: { availableAt?: string }): Promise<boolean>
  /** Marks a leased row failed (the dead letter: an incident). `false` when the lease is lost. */
  failOutbox(id: string, owner: string, failure: { at: string; error: string }): Promise<boolean>
  /** Every outbox row of an aggregate, oldest first. */
  listOutbox(caseId: string): Promise<OutboxRow[]>
  /**
   * Every outbox row of each aggregate named, in one read: a map from id to its rows, oldest first
   * (an id without rows maps to an empty array).
   */
  listOutboxOf(caseIds: readonly string[]): Promise<Map<string, OutboxRow[]>>
  /**
   * Optional: {@link listOutbox} answered synchronously, for a store that reads without waiting
   * (SQLite). With it, the engine reads a case's outbox rows only when a command needs them or a
   * view's `deliveries` or `incidents` are read; without it, every command on a case reads them first.
   * Throws as `listOutbox` rejects (for instance once the store is closed).
   */
  listOutboxNow?(caseId: string): OutboxRow[]
  /** Leases pending due rows whose `dueAt` is at or before `now`. */
  claimDue(options: ClaimOptions): Promise<DueRow[]>
  /** Releases a leased due row without completing it. */
  releaseDue(id: string, owner: string): Promise<boolean>
}
