import type { Channel } from '../standard/schema'
import type { AuditStreamQuery, RecordPage, RecordQuery, RecordStreamQuery, StoredRecord } from './records'
import type { SequenceClaim } from './sequence-allocator'
import type { DueRowInput, OutboxRowInput } from './work-queue'

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
  /** Given at submission; unique within its office (two offices may share a store). */
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
  /**
   * What reports read of the case, derived by the engine from `data` and holding no personal data
   * (the pinned standard, the SLA ledger without free-text reasons, step visits, the register
   * number). A store keeps it in clear beside the indexed columns, so reports never open the sealed
   * body, and gives it back unchanged in {@link CaseStore.streamCaseFacts}. Absent on cases written
   * before it existed.
   */
  facts?: Json
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
  /** The aggregate the entry belongs to: a case id, or a record id (see `aggregateKind`). */
  caseId: string
  /** The aggregate's kind: absent for a case, the record's `kind` for a record. */
  aggregateKind?: string
  /** 1, 2, 3... per aggregate, with no gaps. */
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
  /** With the service's `auditKey`: `<key id>:<HMAC-SHA256 of hash>`; not covered by `hash`. */
  mac?: string
}

/**
 * What the engine commits for one command over one aggregate: all of it, or nothing. Exactly one of
 * `case` and `record` is given; audit, outbox and due rows belong to that aggregate.
 */
export interface CommitInput {
  /** The case after the command; its `version` is `expectedVersion + 1` (1 when created). */
  case?: StoredCase
  /** The record after the command (instead of `case`); versioned the same way. */
  record?: StoredRecord
  /** The version the command read; `null` creates the aggregate (it must not exist). */
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
  /**
   * Sequence values taken inside the commit (see `SequenceAllocator`): a claim without `value` is
   * allocated (the next value); a claim with a `value` that is not next fails with `ConflictError`.
   */
  sequences?: SequenceClaim[]
  /**
   * Called inside the commit's transaction, after the sequences were taken and before anything is
   * written, with the values taken (in the order of `sequences`). What it returns replaces those
   * members of the input (the case, its sealed audit entries, outbox and due rows, the command
   * record), so numbers land in the audit entry before it is hashed. It must be synchronous and do
   * no I/O; when it throws, the commit fails and nothing (no number either) is taken.
   */
  complete?: (values: readonly number[]) => CommitCompletion
  /**
   * The command id and the result to give back when the same id comes again. Ids are unique per
   * `scope` (the office code; `''` when absent).
   */
  command?: { id: string; scope?: string; result: Json }
}

/** What {@link CommitInput.complete} may fill in once the sequence values are known. */
export type CommitCompletion = Partial<
  Pick<CommitInput, 'case' | 'record' | 'audit' | 'outbox' | 'due' | 'command'>
>

/** A command already committed. */
export interface CommandRecord {
  id: string
  /** The scope it was committed in (the office code; `''` when none was given). */
  scope?: string
  /** The aggregate it was committed on (a case id or a record id). */
  caseId: string
  /** The aggregate's kind: absent (or `case`) for a case. */
  aggregateKind?: string
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

/** Filters of {@link CaseStore.streamCases}: a {@link CaseQuery} without paging, plus a created range. */
export type CaseStreamQuery = Omit<CaseQuery, 'cursor' | 'limit'> & {
  /** Cases created at or after this ISO instant. */
  createdFrom?: string
  /** Cases created before this ISO instant. */
  createdTo?: string
  /** Rows read per page inside the stream. @default 200 */
  batchSize?: number
}

/** Query of {@link CaseStore.streamCaseFacts}: one office's cases, optionally of a created range. */
export interface CaseFactsQuery {
  officeCode: string
  /** Cases created at or after this ISO instant (included). */
  createdFrom?: string
  /** Cases created before this ISO instant (excluded). */
  createdTo?: string
  /** Rows read per page inside the stream. @default 200 */
  batchSize?: number
}

/**
 * What {@link CaseStore.streamCaseFacts} gives of one case: its plain columns and its report
 * `facts`, never its personal data (no `personal`, no `applicantNik`).
 */
export interface CaseFacts {
  id: string
  version: number
  officeCode: string
  state: string
  channel: Channel
  trackingCode: string
  createdAt: string
  updatedAt: string
  final: boolean
  /** Failed outbox rows of the case not yet retried or resolved (its open delivery incidents). */
  openIncidents: number
  /** {@link StoredCase.facts} as committed, or `null` for a case written without them. */
  facts: Json | null
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

/** Optional behaviour a case store declares instead of being probed. */
export interface CaseStoreCapabilities {
  /** Personal data is stored encrypted. */
  encryption?: boolean
  /** Survives a process restart. */
  durable?: boolean
  /** Implements {@link CaseStore.listByCalendarVersion} from an index. */
  calendarIndex?: boolean
}

/**
 * Where cases live: load, the atomic commit (case + audit + outbox + due rows + sequence values +
 * command id), queries, and the audit trail. Every method is async; a lookup that misses returns
 * `null`; an infrastructure failure throws (a stored row that cannot be read is an `AdapterError`
 * naming the case). `describeCaseStore` from `@ak1/core/conformance` checks exactly this contract.
 */
export interface CaseStore {
  readonly id: string
  readonly capabilities: CaseStoreCapabilities
  /** The case, or `null`. */
  load(caseId: string): Promise<StoredCase | null>
  /**
   * Commits one command atomically: the case row (checked against `expectedVersion`), its audit
   * entries, outbox rows and changes, due rows, sequence values and the command id. On any failure
   * nothing is written.
   * @throws {ConflictError} when the stored version is not `expectedVersion` (or the case exists
   * for a create), a sequence claim with a value is not next, the tracking code is taken in the
   * office, or the command id was already committed in its scope.
   */
  commit(input: CommitInput): Promise<void>
  /** The committed command with this id in `scope` (default `''`), or `null`. */
  getCommand(commandId: string, scope?: string): Promise<CommandRecord | null>
  /** The aggregate's audit entries in `seq` order (empty for an unknown id); a record's too. */
  timeline(caseId: string): Promise<AuditEntry[]>
  /** Cases matching the query, ordered by id (by `dueAt`, then id, for `overdueAt`). */
  list(query: CaseQuery): Promise<CasePage>
  /**
   * Only where `capabilities.calendarIndex`: open cases of the office whose `calendarVersion` is set
   * and is none of `exclude`, ordered by (`calendarVersion`, `id`), a page at a time, read from an
   * index (not a scan of the cases). A case committed meanwhile with a current version drops out.
   */
  listByCalendarVersion?(query: CalendarVersionQuery): Promise<CasePage>
  /** The record of this kind, or `null` (also when the id is of another kind or a case). */
  loadRecord(kind: string, id: string): Promise<StoredRecord | null>
  /** Records matching the query, ordered by id, a page at a time. */
  listRecords(query: RecordQuery): Promise<RecordPage>
  /**
   * Every case matching the query, ordered as {@link CaseStore.list}, read a page at a time inside
   * the iteration: memory does not grow with the number of cases.
   */
  streamCases(query: CaseStreamQuery): AsyncIterable<StoredCase>
  /**
   * Every case of the office created in `[createdFrom, createdTo)`, each exactly once, as
   * {@link CaseFacts}: plain columns and report facts only, read a page at a time inside the
   * iteration (filtered by the created range in the store's query, over an index where it has one)
   * and never opening the sealed personal data. The order is the store's own (stable for one run).
   */
  streamCaseFacts(query: CaseFactsQuery): AsyncIterable<CaseFacts>
  /** Every record matching the query, ordered by id, read a page at a time inside the iteration. */
  streamRecords(query: RecordStreamQuery): AsyncIterable<StoredRecord>
  /**
   * Every audit entry of the office's aggregates (of one kind when given) in the instant range,
   * ordered by aggregate id, then `seq`; read a page at a time inside the iteration.
   */
  streamAudit(query: AuditStreamQuery): AsyncIterable<AuditEntry>
  /** Releases resources. Further calls may throw. */
  close(): Promise<void>
}
