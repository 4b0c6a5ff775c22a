import { z } from 'zod'
import { AdapterError } from '../errors/errors'
import type { CommandRecord } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRow, OutboxRow } from '../ports/work-queue'

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO instant')
const json: z.ZodType = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
)
const lease = { leaseOwner: z.string().nullable(), leaseUntil: instant.nullable() }

const recordSchema = z.object({
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

const outboxSchema = z.object({
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
  const result = recordSchema.safeParse(value)
  const what = { id: `rekaman ${kind} ${id}`, en: `record ${kind} ${id}` }
  if (!result.success) throw damaged(storeId, 'loadRecord', what, where(result.error))
  if (result.data.id !== id || result.data.kind !== kind) throw damaged(storeId, 'loadRecord', what, 'id')
  return value as StoredRecord
}

/** Checks work rows a store answered against `schema`, naming the first bad row and its aggregate. */
function checkWorkRows<T>(
  storeId: string,
  operation: string,
  rows: unknown,
  schema: z.ZodType,
  name: { id: string; en: string },
  all: { id: string; en: string },
): T[] {
  if (!Array.isArray(rows)) throw damaged(storeId, operation, all, '(root)')
  for (const row of rows) {
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
