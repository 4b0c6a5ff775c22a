import type { AuditEntry, AuditStreamQuery } from '@ak1/core/ports'
import { defaultStreamBatch } from '@ak1/core/ports'
import type { StoreContext } from './context'

/** A page of audit entries and the cursor after it (`null` at the end). @internal */
export interface AuditPage {
  items: AuditEntry[]
  nextCursor: string | null
}

/** The statements the office's audit stream reads, each pinned to its index. @internal */
export const auditStreamSql = {
  /** The office's case ids after `@after`, in id order, from `(office_code, id)`. */
  caseIds: `SELECT id FROM ak1_cases INDEXED BY ak1_cases_office
    WHERE office_code = @office AND id > @after ORDER BY id LIMIT @limit`,
  /** The office's record ids of one kind after `@after`, in id order, from `(office_code, kind, id)`. */
  recordIds: `SELECT id FROM ak1_records INDEXED BY ak1_records_office
    WHERE office_code = @office AND kind = @kind AND id > @after ORDER BY id LIMIT @limit`,
  /** The office's next record kind after `@after` (one seek in `(office_code, kind, id)`). */
  nextKind: `SELECT min(kind) FROM ak1_records INDEXED BY ak1_records_office
    WHERE office_code = @office AND kind > @after`,
  /** One aggregate's entries of the office after `@afterSeq`, by the audit table's primary key. */
  entries: `SELECT case_id, seq, entry FROM ak1_audit
    WHERE case_id = @id AND seq > @afterSeq AND office_code = @office AND (@kind IS NULL OR kind = @kind)
    ORDER BY seq LIMIT @limit`,
} as const

/** Aggregate ids read from each index at a time (an aggregate has one entry per commit or more). */
const idBatch = 64

/** SQLite's order of text ids (BINARY: the bytes of their UTF-8). */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b))

/**
 * The office's audit stream, a page at a time, without an index of its own on the audit table
 * (dropped by schema 7, which saved a b-tree write per commit). It walks the office's aggregate ids in
 * id order, merged from the cases' `(office_code, id)` index and the records' `(office_code, kind,
 * id)` index one kind at a time, and reads each aggregate's entries by the audit table's primary key
 * `(case_id, seq)`: the same order as before (aggregate id, then `seq`) and the same cursor. An
 * entry is in the stream when its aggregate belongs to the office now and the entry was written at
 * the office; an entry whose aggregate row is gone is not (the office checkpoint's verification
 * reports such a trail as a missing row).
 * @internal
 */
export function createAuditPages({
  db,
  codec,
}: StoreContext): (query: AuditStreamQuery, cursor?: string) => AuditPage {
  const caseIds = db.prepare(auditStreamSql.caseIds).pluck()
  const recordIds = db.prepare(auditStreamSql.recordIds).pluck()
  const nextKind = db.prepare(auditStreamSql.nextKind).pluck()
  const entries = db.prepare(auditStreamSql.entries)

  /** The record kinds to walk: the one asked for, or every kind the office has records of. */
  const recordKinds = (office: string, kind: string | undefined): string[] => {
    if (kind === 'case') return []
    if (kind !== undefined) return [kind]
    const kinds: string[] = []
    for (let k = nextKind.get({ office, after: '' }) as string | null; k !== null; ) {
      kinds.push(k)
      k = nextKind.get({ office, after: k }) as string | null
    }
    return kinds
  }

  /** The office's next `limit` aggregate ids after `after`, in id order. */
  const nextIds = (office: string, kinds: string[], withCases: boolean, after: string, limit: number) => {
    const ids: string[] = withCases ? (caseIds.all({ office, after, limit }) as string[]) : []
    for (const kind of kinds) ids.push(...(recordIds.all({ office, kind, after, limit }) as string[]))
    return ids.sort(byBytes).slice(0, limit)
  }

  return (query, cursor) => {
    const [afterId, afterSeq] = cursor === undefined ? ['', 0] : (JSON.parse(cursor) as [string, number])
    const limit = query.batchSize ?? defaultStreamBatch
    const office = query.officeCode
    const kind = query.kind ?? null
    const rows: Array<{ case_id: string; seq: number; entry: string | Buffer }> = []
    const take = (id: string, after: number) => {
      rows.push(
        ...(entries.all({ id, afterSeq: after, office, kind, limit: limit - rows.length }) as typeof rows),
      )
    }
    if (afterId !== '') take(afterId, afterSeq)
    const kinds = recordKinds(office, query.kind)
    const withCases = query.kind === undefined || query.kind === 'case'
    for (let after = afterId; rows.length < limit; ) {
      const wanted = Math.min(limit - rows.length, idBatch)
      const ids = nextIds(office, kinds, withCases, after, wanted)
      for (const id of ids) {
        take(id, 0)
        if (rows.length >= limit) break
      }
      if (ids.length < wanted) break
      after = ids.at(-1)!
    }
    const last = rows.at(-1)
    return {
      items: rows.map((r) => codec.readJson<AuditEntry>(r.entry, `audit:${r.case_id}:${r.seq}`)),
      nextCursor: rows.length === limit && last ? JSON.stringify([last.case_id, last.seq]) : null,
    }
  }
}
