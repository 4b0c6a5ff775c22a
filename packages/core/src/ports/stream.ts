import type { CaseFacts, CaseFactsQuery, CaseQuery, CaseStreamQuery, Json, StoredCase } from './case-store'
import type { RecordQuery, RecordStreamQuery, StoredRecord } from './records'

/** A page of a paged read: its items and the cursor of the next page (`null` on the last). */
export interface StreamPage<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * Streams a paged read: reads one page, yields its items, then reads the next from its cursor, so
 * memory holds one page at a time however many rows match. For adapters implementing the streamed
 * reads of `CaseStore` over their own paged queries.
 *
 * @example
 * ```ts
 * streamCases: (query) => streamPages((cursor) => store.list({ ...query, cursor, limit: 200 }))
 * ```
 */
export async function* streamPages<T>(
  read: (cursor: string | undefined) => Promise<StreamPage<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    yield* page.items
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
}

/** Whether an ISO instant lies in `[from, to)` (either bound absent: open). */
export function inInstantRange(at: string, from: string | undefined, to: string | undefined): boolean {
  const value = Date.parse(at)
  if (from !== undefined && value < Date.parse(from)) return false
  if (to !== undefined && value >= Date.parse(to)) return false
  return true
}

/** The items of `source` for which `keep` holds, streamed. */
export async function* filterStream<T>(
  source: AsyncIterable<T>,
  keep: (item: T) => boolean,
): AsyncGenerator<T, void, undefined> {
  for await (const item of source) if (keep(item)) yield item
}

/** Rows per page of the streams built by {@link streamCasesByPages} and {@link streamRecordsByPages}. */
export const defaultStreamBatch = 200

/**
 * `CaseStore.streamCases` over the store's own `list`: pages by cursor, and keeps the cases created
 * in the query's range.
 */
export function streamCasesByPages(
  list: (query: CaseQuery) => Promise<StreamPage<StoredCase>>,
  query: CaseStreamQuery,
): AsyncGenerator<StoredCase, void, undefined> {
  const { createdFrom, createdTo, batchSize, ...filters } = query
  const limit = batchSize ?? defaultStreamBatch
  return filterStream(
    streamPages((cursor) => list({ ...filters, limit, ...(cursor === undefined ? {} : { cursor }) })),
    (c) => inInstantRange(c.createdAt, createdFrom, createdTo),
  )
}

/** `CaseStore.streamRecords` over the store's own `listRecords`, paged by cursor. */
export function streamRecordsByPages(
  listRecords: (query: RecordQuery) => Promise<StreamPage<StoredRecord>>,
  query: RecordStreamQuery,
): AsyncGenerator<StoredRecord, void, undefined> {
  const { batchSize, ...filters } = query
  const limit = batchSize ?? defaultStreamBatch
  return streamPages((cursor) =>
    listRecords({ ...filters, limit, ...(cursor === undefined ? {} : { cursor }) }),
  )
}

/**
 * The {@link CaseFacts} of a stored case: its plain columns and `facts`, without its personal data.
 * `openIncidents` is the count of its failed, unresolved outbox rows, which the store knows.
 */
export function caseFactsOf(c: StoredCase, openIncidents: number): CaseFacts {
  return {
    id: c.id,
    version: c.version,
    officeCode: c.officeCode,
    state: c.state,
    channel: c.channel,
    trackingCode: c.trackingCode,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    final: c.final,
    openIncidents,
    facts: c.facts ?? null,
  }
}

/**
 * `CaseStore.streamCaseFacts` over the store's own `streamCases` and `list({ incident: true })`,
 * for a simple adapter whose rows have no plain column of facts: correct, but it reads (and so
 * opens) each case's whole row. A store that keeps `facts` in a column of its own should read only
 * that column instead.
 */
export async function* streamCaseFactsByCases(
  streamCases: (query: CaseStreamQuery) => AsyncIterable<StoredCase>,
  openIncidentsOf: (caseId: string) => Promise<number> | number,
  query: CaseFactsQuery,
): AsyncGenerator<CaseFacts, void, undefined> {
  for await (const c of streamCases(query)) yield caseFactsOf(c, await openIncidentsOf(c.id))
}

/**
 * The plain columns of a case row as both bundled SQL adapters name them, for
 * {@link caseFactsOfRow}. `final` is a boolean, or 0 / 1 where the database has no boolean.
 */
export interface CaseFactsRow {
  id: string
  version: number
  office_code: string
  state: string
  channel: string
  tracking_code: string
  created_at: string
  updated_at: string
  final: boolean | number
  /** Failed, unresolved outbox rows of the case. */
  incidents: number
}

/** The {@link CaseFacts} of a SQL case row's plain columns and its (already parsed) facts. */
export function caseFactsOfRow(row: CaseFactsRow, facts: Json | null): CaseFacts {
  return {
    id: row.id,
    version: row.version,
    officeCode: row.office_code,
    state: row.state,
    channel: row.channel as CaseFacts['channel'],
    trackingCode: row.tracking_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    final: row.final === true || row.final === 1,
    openIncidents: row.incidents,
    facts,
  }
}
