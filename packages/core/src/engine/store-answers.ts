import { z } from 'zod'
import { AdapterError } from '../errors/errors'
import type { CommandRecord } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRow, OutboxRow } from '../ports/work-queue'
import { isObject } from './case-data'

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO instant')
const json: z.ZodType = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
)
const lease = { leaseOwner: z.string().nullable(), leaseUntil: instant.nullable() }

/** @internal */
export const recordSchema = z.object({
  kind: z.string().min(1),
  id: z.string().min(1),
  version: z.number().int().min(1),
  officeCode: z.string().min(1),
  state: z.string().min(1),
  caseId: z.string().nullable().optional(),
  key: z.string().nullable().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  dueAt: instant.nullable().optional(),
  final: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  personal: json,
  data: json,
})

/** @internal */
export const outboxSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  kind: z.string().min(1),
  payload: json,
  availableAt: instant,
  status: z.enum(['pending', 'done', 'failed', 'resolved']),
  attempts: z.number().int().min(0),
  ...lease,
  lastError: z.string().nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
})

const dueSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  kind: z.string().min(1),
  dueAt: instant,
  status: z.enum(['pending', 'done']),
  ...lease,
})

const commandSchema = z.object({ id: z.string().min(1), caseId: z.string().min(1), result: json })

/** The paths of the first issues, for the message. */
function where(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => i.path.join('.') || '(root)')
    .join(', ')
}

function damaged(storeId: string, operation: string, what: { id: string; en: string }, at: string) {
  return new AdapterError(`Jawaban penyimpanan ${storeId} untuk ${what.id} rusak (${at})`, {
    messageEn: `The answer of store ${storeId} for ${what.en} is malformed (${at})`,
    adapterId: storeId,
    operation,
    retryable: false,
  })
}

/**
 * Checks a record as the store gave it: a malformed one is an `AdapterError` naming the store and
 * the record, never a `TypeError` later.
 * @internal
 */
export function checkStoredRecord(storeId: string, kind: string, id: string, value: unknown): StoredRecord {
  if (isReadableRecord(value) && value.id === id && value.kind === kind)
    return value as unknown as StoredRecord
  const result = recordSchema.safeParse(value)
  const what = { id: `rekaman ${kind} ${id}`, en: `record ${kind} ${id}` }
  if (!result.success) throw damaged(storeId, 'loadRecord', what, where(result.error))
  if (result.data.id !== id || result.data.kind !== kind) throw damaged(storeId, 'loadRecord', what, 'id')
  return value as StoredRecord
}

type Loose = Record<string, unknown>
const isName = (v: unknown) => typeof v === 'string' && v.length > 0
const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v))
const outboxStatuses = new Set(['pending', 'done', 'failed', 'resolved'])

/** JSON as the schema's `json` takes it: finite numbers, strings, booleans, null, arrays, plain objects. */
function isJson(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (depth > 64) return false
  if (Array.isArray(v)) {
    // Index by index: a hole is `undefined`, which is not JSON (`every` would skip it).
    for (let i = 0; i < v.length; i++) if (!isJson(v[i], depth + 1)) return false
    return true
  }
  if (!isObject(v) || Object.getOwnPropertySymbols(v).length > 0) return false
  for (const key of Object.keys(v)) if (!isJson(v[key], depth + 1)) return false
  return true
}

/**
 * The outbox row schema as plain checks, for the common case of a readable row (a zod parse of the
 * payload per row cost more than the rest of reading it). Never accepts what the schema refuses;
 * a row it does not accept goes to the schema, which decides and names the field.
 * @internal
 */
export function isReadableOutboxRow(r: unknown): boolean {
  if (!isObject(r)) return false
  if (!isName(r.id) || !isName(r.caseId) || !isName(r.kind) || !isInstant(r.availableAt)) return false
  if (typeof r.status !== 'string' || !outboxStatuses.has(r.status)) return false
  if (typeof r.attempts !== 'number' || !Number.isSafeInteger(r.attempts) || r.attempts < 0) return false
  if (!(r.leaseOwner === null || typeof r.leaseOwner === 'string')) return false
  if (!(r.leaseUntil === null || isInstant(r.leaseUntil))) return false
  if (!(r.lastError === null || typeof r.lastError === 'string')) return false
  if (!isInstant(r.createdAt) || !(r.finishedAt === null || isInstant(r.finishedAt))) return false
  return isJson(r.payload)
}

const isAttribute = (v: unknown) =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v))
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || v === null || check(v)

/**
 * The record schema as plain checks, for the common case of a readable record (the zod parse of
 * its personal part and data went through every member). Never accepts what the schema refuses;
 * a record it does not accept goes to the schema, which decides and names the field.
 * @internal
 */
export function isReadableRecord(r: unknown): r is Loose {
  if (!isObject(r)) return false
  if (!isName(r.kind) || !isName(r.id) || !isName(r.officeCode) || !isName(r.state)) return false
  if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 1) return false
  if (!isOptional(r.caseId, (v) => typeof v === 'string') || !isOptional(r.key, (v) => typeof v === 'string'))
    return false
  if (!isOptional(r.dueAt, isInstant) || typeof r.final !== 'boolean') return false
  if (!isInstant(r.createdAt) || !isInstant(r.updatedAt)) return false
  const attributes = r.attributes
  if (!isObject(attributes) || Object.getOwnPropertySymbols(attributes).length > 0) return false
  for (const key of Object.keys(attributes)) if (!isAttribute(attributes[key])) return false
  return isJson(r.personal) && isJson(r.data)
}

/**
 * Checks work rows a store answered against `schema`, naming the first bad row and its aggregate.
 * A row `readable` accepts (plain checks that never accept what the schema refuses) skips the parse.
 */
function checkWorkRows<T>(
  storeId: string,
  operation: string,
  rows: unknown,
  schema: z.ZodType,
  name: { id: string; en: string },
  all: { id: string; en: string },
  readable?: (row: unknown) => boolean,
): T[] {
  if (!Array.isArray(rows)) throw damaged(storeId, operation, all, '(root)')
  for (const row of rows) {
    if (readable?.(row)) continue
    const result = schema.safeParse(row)
    if (result.success) continue
    const { id, caseId } = (row ?? {}) as { id?: unknown; caseId?: unknown }
    throw damaged(
      storeId,
      operation,
      {
        id: `${name.id} ${String(id)} milik ${String(caseId)}`,
        en: `${name.en} ${String(id)} of ${String(caseId)}`,
      },
      where(result.error),
    )
  }
  return rows as T[]
}

/** Checks outbox rows a store answered (claimed or listed), naming the row and its aggregate. @internal */
export function checkOutboxRows(storeId: string, operation: string, rows: unknown): OutboxRow[] {
  return checkWorkRows(
    storeId,
    operation,
    rows,
    outboxSchema,
    { id: 'baris outbox', en: 'outbox row' },
    { id: 'baris outbox', en: 'outbox rows' },
    isReadableOutboxRow,
  )
}

/** Checks due rows a store answered (claimed), naming the row and its aggregate. @internal */
export function checkDueRows(storeId: string, rows: unknown): DueRow[] {
  return checkWorkRows(
    storeId,
    'claimDue',
    rows,
    dueSchema,
    { id: 'tenggat', en: 'due row' },
    { id: 'tenggat', en: 'due rows' },
  )
}

/** Checks a command record a store answered, naming the command. @internal */
export function checkCommandRecord(storeId: string, commandId: string, value: unknown): CommandRecord | null {
  if (value === null) return null
  const result = commandSchema.safeParse(value)
  if (result.success && result.data.id === commandId) return value as CommandRecord
  throw damaged(
    storeId,
    'getCommand',
    { id: `perintah ${commandId}`, en: `command ${commandId}` },
    result.success ? 'id' : where(result.error),
  )
}
