import type { Json } from './case-store'

/** A plain, indexed attribute value of a record (no personal data). */
export type RecordAttribute = string | number | boolean | null

/**
 * One aggregate other than a case, as a store holds it: a complaint (Buku Pengaduan), a card record,
 * an SKM response, a kotak saran opening... Like a case it has a version, an office, a state, its own
 * audit trail (hash-chained per id), outbox and due rows. Ids are unique across every aggregate of a
 * store, cases included (the engine gives records a kind prefix).
 */
export interface StoredRecord {
  /** What it is, e.g. `complaint`, `card`, `skm`, `box_opening`. Never `case`. */
  kind: string
  /** Unique across all aggregates of the store. */
  id: string
  /** Starts at 1 when the record is created; each commit adds 1. */
  version: number
  /** The office, for per-office queries. */
  officeCode: string
  /** The record's state, e.g. `diterima`, `aktif`. */
  state: string
  /** The case the record belongs to, if any (a card's case). */
  caseId?: string | null
  /**
   * A key unique per office and kind when set, e.g. a Buku Pengaduan number or a card number. A
   * second record of the same office and kind with the same key is a `ConflictError`.
   */
  key?: string | null
  /**
   * Plain values to query and report on (type, channel, seksi, sex, age band, education level...).
   * Stored in clear and filterable by equality: never personal data.
   */
  attributes: Record<string, RecordAttribute>
  /** Current due instant, if the record has a deadline. */
  dueAt?: string | null
  /** Whether the record reached a final state. */
  final: boolean
  /** ISO instant the record was created. */
  createdAt: string
  /** ISO instant of the last commit. */
  updatedAt: string
  /** Personal data (names, contacts, the complaint text...): sealed by the store's codec. */
  personal: Json
  /** Everything else the engine keeps on the record. */
  data: Json
}

/** Filters of {@link CaseStore.listRecords}; all given filters must hold. */
export interface RecordQuery {
  /** The office (required: one office's records at a time). */
  officeCode: string
  /** The record kind (required). */
  kind: string
  state?: string | string[]
  /** Records linked to this case. */
  caseId?: string
  key?: string
  final?: boolean
  /** Every attribute named must equal the value given (`null` matches a `null` or absent attribute). */
  attributes?: Record<string, RecordAttribute>
  /** Records created at or after this ISO instant. */
  createdFrom?: string
  /** Records created before this ISO instant. */
  createdTo?: string
  /** Opaque cursor from a previous page. */
  cursor?: string
  /** @default 50 (at most 500) */
  limit?: number
}

/** A page of records, ordered by id. `nextCursor` is `null` on the last page. */
export interface RecordPage {
  items: StoredRecord[]
  nextCursor: string | null
}

/** Filters of {@link CaseStore.streamRecords}: a {@link RecordQuery} without paging. */
export type RecordStreamQuery = Omit<RecordQuery, 'cursor' | 'limit'> & {
  /** Rows read per page inside the stream. @default 200 */
  batchSize?: number
}

/** Filters of {@link CaseStore.streamAudit}: one office's audit entries. */
export interface AuditStreamQuery {
  officeCode: string
  /** Only entries of this aggregate kind (`case` for cases). */
  kind?: string
  /** Entries at or after this ISO instant. */
  from?: string
  /** Entries before this ISO instant. */
  to?: string
  /** Rows read per page inside the stream. @default 200 */
  batchSize?: number
}
