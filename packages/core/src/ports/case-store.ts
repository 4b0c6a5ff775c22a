import type { Channel } from '../standard/schema'

/** A JSON value. Everything a store holds is JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * One case as a store holds it. The store indexes the top-level fields and keeps `data` and
 * `personal` as opaque JSON (an adapter may encrypt `personal`).
 */
export interface StoredCase {
  /** Case id, unique, sortable by creation (the engine generates it). */
  id: string
  /** Starts at 1 when the case is created; each commit adds 1. */
  version: number
  /** The office (`standard.office.code`), for per-office queries. */
  officeCode: string
  /** Step id, `dikembalikan` while waiting on the applicant, or a final state. */
  state: string
  /** The role that acts next; `null` when final. */
  awaiting: string | null
  channel: Channel
  /** The applicant's NIK, for lookups (an adapter may store only a keyed hash of it). */
  applicantNik: string
  /** Given at submission; unique. */
  trackingCode: string
  /** ISO instant the case was created. */
  createdAt: string
  /** ISO instant of the last commit. */
  updatedAt: string
  /** Current SLA due instant; `null` while the clock is paused or stopped. Indexed for the overdue list. */
  dueAt: string | null
  /** Whether the case reached a final state. */
  final: boolean
  /**
   * Calendar version the due time of the case's running or paused SLA clock was computed on; absent
   * when the clock is stopped or not started. Indexed (where `capabilities.calendarIndex`) so that
   * deadlines computed on an older or provisional calendar can be found and recomputed.
   */
  calendarVersion?: string
  /** Personal data (the application: NIK, KK, name, birth date, contacts, address...). */
  personal: Json
  /** Everything else the engine keeps on the case (machine snapshot, checklist, SLA ledger, card...). */
  data: Json
}

/** The actor recorded in an audit entry (ids and roles only: no personal data). */
export interface AuditActor {
  id: string
  role: string
  /**
   * When an officer acted for someone: the role of the party acted for, e.g. `pemohon`; never a NIK
   * (the officer names the applicant's NIK on input, the trail records only the role).
   */
  onBehalfOf?: string
}

/**
 * One entry of a case's append-only audit trail, hash-chained: `hash` is SHA-256 over the
 * canonical JSON of the entry without `hash`, and `prevHash` is the previous entry's hash (64 zeros
 * for the first). Holds no personal data beyond the case id.
 */
export interface AuditEntry {
  caseId: string
  /** 1, 2, 3... per case, with no gaps. */
  seq: number
  /** ISO instant. */
  at: string
  actor: AuditActor
  /** The case event (`SUBMIT` for the submission), or an engine event such as `SLA_AT_RISK`. */
  event: string
  from: string | null
  to: string
  standardId: string
  standardVersion: string
  calendarVersion?: string
  commandId?: string
  /** Event details without personal data (verified item ids, reasons, notes). */
  details?: Json
  prevHash: string
  hash: string
}

/** A side effect to deliver after the commit: a notice, a SIPRAJA write, an office alert. */
export interface OutboxRowInput {
  /** Stable identity, also the idempotency key / message id of the delivery. */
  id: string
  caseId: string
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

/** A deadline of a case: at a due instant the worker raises an SLA event. */
export interface DueRowInput {
  id: string
  caseId: string
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

/** A sequence value the commit takes: it must be exactly one more than the stored value. */
export interface SequenceClaim {
  /** e.g. `register`, `tracking`. */
  name: string
  /** e.g. `balongbendo:2026`. */
  scope: string
  value: number
}

/** What the engine commits for one command: all of it, or nothing. */
export interface CommitInput {
  /** The case after the command; its `version` is `expectedVersion + 1` (1 when created). */
  case: StoredCase
  /** The version the command read; `null` creates the case (it must not exist). */
  expectedVersion: number | null
  /** Appended to the case's audit trail. */
  audit: AuditEntry[]
  /** Inserted as pending rows. */
  outbox: OutboxRowInput[]
  /**
   * Failed outbox rows of this case changed by the command (an operator's retry or resolve of an
   * incident). `retry` makes the row pending again with `attempts` reset to 0 (an operator's retry
   * gives the row a fresh set of attempts), `availableAt` set to `at`, no lease, and `lastError`
   * kept; `resolve` marks it `resolved` with `finishedAt` set to `at`.
   */
  outboxChanges?: Array<{ id: string; action: 'retry' | 'resolve'; at: string }>
  /** When given, replaces the case's pending due rows. */
  due?: DueRowInput[]
  /** Due rows this command handled, marked done in the same commit. */
  dueDone?: string[]
  /** Sequence values taken; a value that is not next fails the commit with `ConflictError`. */
  sequences?: SequenceClaim[]
  /** The command id and the result to give back when the same id comes again. */
  command?: { id: string; result: Json }
}

/** A command already committed. */
export interface CommandRecord {
  id: string
  caseId: string
  result: Json
  at: string
}

/** Filters for {@link CaseStore.list}; all given filters must hold. */
export interface CaseQuery {
  officeCode?: string
  state?: string | string[]
  awaiting?: string
  /** Open cases whose `dueAt` is at or before this ISO instant. */
  dueBefore?: string
  /** Open cases with `dueAt` before this ISO instant (the overdue list); sorted by `dueAt`. */
  overdueAt?: string
  /** Cases with (true) or without (false) a failed, unresolved outbox row. */
  incident?: boolean
  applicantNik?: string
  trackingCode?: string
  final?: boolean
  /** Opaque cursor from a previous page. */
  cursor?: string
  /** @default 50 (at most 500) */
  limit?: number
}

/** Query of {@link CaseStore.listByCalendarVersion}. */
export interface CalendarVersionQuery {
  officeCode: string
  /** Calendar versions that are current: cases on these are not listed. */
  exclude: readonly string[]
  /** Opaque cursor from a previous page. */
  cursor?: string
  /** @default 50 (at most 500) */
  limit?: number
}

/** A page of cases. `nextCursor` is `null` on the last page. */
export interface CasePage {
  items: StoredCase[]
  nextCursor: string | null
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
}

/** A stored attachment. */
export interface AttachmentRecord {
  sha256: string
  contentType: string
  size: number
  bytes: Uint8Array
}

/** Optional behaviour a store declares instead of being probed. */
export interface CaseStoreCapabilities {
  /** Personal data is stored encrypted. */
  encryption?: boolean
  /** Survives a process restart. */
  durable?: boolean
  /** Implements {@link CaseStore.listByCalendarVersion} from an index. */
  calendarIndex?: boolean
}

/**
 * Where cases live. Every method is async; a lookup that misses returns `null`; an infrastructure
 * failure throws. `describeCaseStore` from `@ak1/core/conformance` checks exactly this contract.
 */
export interface CaseStore {
  readonly id: string
  readonly capabilities: CaseStoreCapabilities
  /** The case, or `null`. */
  load(caseId: string): Promise<StoredCase | null>
  /**
   * Commits one command atomically: the case row (checked against `expectedVersion`), its audit
   * entries, outbox rows and changes, due rows, sequence claims and the command id. On any failure
   * nothing is written.
   * @throws {ConflictError} when the stored version is not `expectedVersion` (or the case exists
   * for a create), a sequence claim is not next, or the command id was already committed.
   */
  commit(input: CommitInput): Promise<void>
  /** The committed command with this id, or `null`. */
  getCommand(commandId: string): Promise<CommandRecord | null>
  /** The case's audit entries in `seq` order (empty for an unknown case). */
  timeline(caseId: string): Promise<AuditEntry[]>
  /** Cases matching the query, ordered by id (by `dueAt`, then id, for `overdueAt`). */
  list(query: CaseQuery): Promise<CasePage>
  /**
   * Only where `capabilities.calendarIndex`: open cases of the office whose `calendarVersion` is set
   * and is none of `exclude`, ordered by (`calendarVersion`, `id`), a page at a time, read from an
   * index (not a scan of the cases). A case committed meanwhile with a current version drops out.
   */
  listByCalendarVersion?(query: CalendarVersionQuery): Promise<CasePage>
  /** The stored value of a sequence (0 when never taken). */
  currentSequence(name: string, scope: string): Promise<number>
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
  /** Marks a leased row failed (an incident). `false` when the lease is lost. */
  failOutbox(id: string, owner: string, failure: { at: string; error: string }): Promise<boolean>
  /** Every outbox row of a case, oldest first. */
  listOutbox(caseId: string): Promise<OutboxRow[]>
  /** Leases pending due rows whose `dueAt` is at or before `now`. */
  claimDue(options: ClaimOptions): Promise<DueRow[]>
  /** Releases a leased due row without completing it. */
  releaseDue(id: string, owner: string): Promise<boolean>
  /** Stores bytes under their sha256; storing the same bytes again is a no-op. */
  putAttachment(attachment: AttachmentRecord): Promise<void>
  /** The attachment, or `null`. */
  getAttachment(sha256: string): Promise<AttachmentRecord | null>
  /** Releases resources. Further calls may throw. */
  close(): Promise<void>
}
