// Records (aggregates other than cases) in the memory store: checks, indexes and queries.
import { z } from 'zod'
import { ConflictError, ValidationError } from '../errors/errors'
import { pageCursors } from '../ports/paging'
import type { RecordPage, RecordQuery, StoredRecord } from '../ports/records'

/** The memory store's records and their key index. @internal */
export interface RecordState {
  records: Map<string, StoredRecord>
  /** Record id by `[officeCode, kind, key]`: a key is unique per office and kind. */
  keys: Map<string, string>
  /** Record ids by `[officeCode, kind]`, for per-office queries without a scan of every record. */
  byOfficeKind: Map<string, Set<string>>
}

/** An empty {@link RecordState}. @internal */
export function createRecordState(): RecordState {
  return { records: new Map(), keys: new Map(), byOfficeKind: new Map() }
}

const attributeSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
const recordSchema = z.object({
  kind: z
    .string()
    .min(1)
    .refine((k) => k !== 'case', { message: 'case' }),
  id: z.string().min(1),
  version: z.number().int().min(1),
  officeCode: z.string().min(1),
  state: z.string().min(1),
  caseId: z.string().nullable().optional(),
  key: z.string().min(1).nullable().optional(),
  attributes: z.record(z.string(), attributeSchema),
  dueAt: z.string().nullable().optional(),
  final: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/**
 * Checks a record to commit: its shape, and its key free in its office and kind.
 * @throws {ValidationError} naming the bad field. @throws {ConflictError} when the key is taken.
 * @internal
 */
export function checkRecord(state: RecordState, next: StoredRecord): void {
  const parsed = recordSchema.safeParse(next)
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        path: ['record', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        rule: 'record',
        message: `rekaman tidak valid: ${issue.message}`,
        messageEn: `invalid record: ${issue.message}`,
      })),
    )
  }
  if (next.key === null || next.key === undefined) return
  const holder = state.keys.get(keyOf(next))
  if (holder !== undefined && holder !== next.id) {
    throw new ConflictError(`Kunci ${next.key} (${next.kind}) sudah dipakai di kantor ${next.officeCode}`, {
      messageEn: `Key ${next.key} (${next.kind}) is already used at office ${next.officeCode}`,
    })
  }
}

/** Stores a committed record and updates its indexes. @internal */
export function putRecord(state: RecordState, previous: StoredRecord | undefined, next: StoredRecord): void {
  if (previous?.key !== null && previous?.key !== undefined) state.keys.delete(keyOf(previous))
  if (next.key !== null && next.key !== undefined) state.keys.set(keyOf(next), next.id)
  state.records.set(next.id, next)
  const group = officeKind(next.officeCode, next.kind)
  let ids = state.byOfficeKind.get(group)
  if (!ids) {
    ids = new Set()
    state.byOfficeKind.set(group, ids)
  }
  ids.add(next.id)
}

/** A page of records matching `query`, ordered by id. @internal */
export function listRecords(
  state: RecordState,
  query: RecordQuery,
  limitOf: (limit: number | undefined) => number,
): RecordPage {
  const limit = limitOf(query.limit)
  const after =
    query.cursor === undefined ? undefined : String(pageCursors.decode(query.cursor, 'r', ['string'])[0])
  const states = query.state === undefined ? undefined : new Set([query.state].flat())
  const from = query.createdFrom === undefined ? undefined : Date.parse(query.createdFrom)
  const to = query.createdTo === undefined ? undefined : Date.parse(query.createdTo)
  const ids =
    query.key !== undefined
      ? [state.keys.get(JSON.stringify([query.officeCode, query.kind, query.key]))].filter(
          (id): id is string => id !== undefined,
        )
      : [...(state.byOfficeKind.get(officeKind(query.officeCode, query.kind)) ?? [])]
  const matches: StoredRecord[] = []
  for (const id of ids) {
    if (after !== undefined && id <= after) continue
    const r = state.records.get(id)!
    if (r.officeCode !== query.officeCode || r.kind !== query.kind) continue
    if (states && !states.has(r.state)) continue
    if (query.caseId !== undefined && (r.caseId ?? null) !== query.caseId) continue
    if (query.key !== undefined && r.key !== query.key) continue
    if (query.final !== undefined && r.final !== query.final) continue
    if (from !== undefined && Date.parse(r.createdAt) < from) continue
    if (to !== undefined && Date.parse(r.createdAt) >= to) continue
    if (query.attributes && !attributesMatch(r, query.attributes)) continue
    matches.push(r)
  }
  matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const items = matches.slice(0, limit)
  const last = items.at(-1)
  return {
    items: structuredClone(items),
    nextCursor: matches.length > limit && last ? pageCursors.encode('r', [last.id]) : null,
  }
}

function attributesMatch(r: StoredRecord, wanted: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(wanted)) {
    if ((r.attributes[name] ?? null) !== value) return false
  }
  return true
}

function keyOf(r: StoredRecord): string {
  return JSON.stringify([r.officeCode, r.kind, r.key])
}

function officeKind(officeCode: string, kind: string): string {
  return JSON.stringify([officeCode, kind])
}
