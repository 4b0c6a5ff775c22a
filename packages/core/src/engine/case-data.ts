import { z } from 'zod'
import { AdapterError } from '../errors/errors'
import type { Json, StoredCase } from '../ports/case-store'
import type { ProcedureSnapshot } from '../procedure/types'
import type { FileTotals } from './attachments'
import type { AuditHead } from './audit'
import type { IncidentActions } from './deliveries'
import type { AttachmentRef, CaseCard, CaseChecklistItem, CaseRenewal } from './types'

/** One visit of a case to a step, for the per-step SLA report. @internal */
export interface StepVisit {
  stepId: string
  enteredAt: string
  leftAt?: string
}

/** The case clock as kept on the case: the SLA ledger and what was raised from it. @internal */
export interface CaseClockData {
  /** The ledger of the SLA module (opaque here); absent until the clock starts. */
  ledger?: Json
  /** When each SLA event was raised (`at_risk`, `breached`): each at most once per case. */
  raised: Record<string, string>
  /** Ids of the due rows the last write of due rows produced. */
  dueRowIds: string[]
}

/**
 * Everything the engine keeps on a case besides personal data (`StoredCase.data`). The last audit
 * entry's seq and hash are here, so a command appends to the trail without reading it.
 * @internal
 */
export interface CaseData {
  format: 1
  snapshot: ProcedureSnapshot
  /**
   * Who verified which checklist item, where and when. The checklist itself is not stored: it
   * follows from the pinned standard and the application (`checklistFor`).
   */
  verified: Record<string, NonNullable<CaseChecklistItem['verified']>>
  audit: AuditHead
  clock: CaseClockData
  steps: StepVisit[]
  registerNumber?: string
  /** The register sequence value and its instant, from which the card number is made. */
  register?: { seq: number; at: string }
  card?: CaseCard
  /**
   * How many files the case holds and their bytes together. The files themselves are named by the
   * `ATTACH` entries of the audit trail (`attachmentsFromTrail`), so an attach never rewrites a list.
   * Absent on cases written before: counted from `attachments` then.
   */
  files?: FileTotals
  /** The list cases written before `files` carry; never grown any more. */
  attachments?: AttachmentRef[]
  returned?: { fromStep: string; missing: string[]; reason: string; at: string }
  /** A renewal: the previous card the check step found valid (the link to the old card). */
  renewal?: CaseRenewal
  /** The `card_open` due row the hand-over wrote, while it is pending (see `settleCardOpening`). */
  cardOpening?: { dueAt: string }
  incidents: IncidentActions
}

const text = z.string()
const record = z.record(z.string(), z.unknown())
/** The shape a stored case must have for the engine to read it (extra keys are kept). @internal */
export const storedCaseSchema = z
  .object({
    id: text,
    version: z.number().int().min(1),
    officeCode: text,
    state: text,
    awaiting: text.nullable(),
    channel: z.enum(['tatap_muka', 'online']),
    applicantNik: text,
    trackingCode: text,
    createdAt: text,
    updatedAt: text,
    dueAt: text.nullable(),
    final: z.boolean(),
    personal: record,
    data: z
      .object({
        format: z.literal(1),
        snapshot: z
          .object({ standardId: text, standardVersion: text, standardHash: text, state: text })
          .loose(),
        verified: record,
        audit: z.object({ seq: z.number().int().min(0), hash: text }).loose(),
        clock: z.object({ raised: record, dueRowIds: z.array(text) }).loose(),
        steps: z.array(z.object({ stepId: text, enteredAt: text }).loose()),
        attachments: z.array(z.object({ sha256: text }).loose()).optional(),
        files: z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0) }).optional(),
        incidents: record,
      })
      .loose(),
  })
  .loose()

type Loose = Record<string, unknown>
/** A plain object (its prototype `Object.prototype` or `null`), as the stored JSON gives. @internal */
export const isObject = (v: unknown): v is Loose => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}
const isText = (v: unknown): v is string => typeof v === 'string'
const isCount = (v: unknown, min: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min
const allTexts = (v: unknown) => Array.isArray(v) && v.every(isText)
const allWith = (v: unknown, keys: readonly string[]) =>
  Array.isArray(v) && v.every((item) => isObject(item) && keys.every((k) => isText(item[k])))

/**
 * The shape of {@link storedCaseSchema} as plain checks, for the common case of a readable row
 * (a zod parse per command costs more than the rest of the check). Never accepts what the schema
 * refuses; anything it does not accept goes to the schema, which then decides and names the fields.
 * The optional `attachments` and `files` may be absent (most cases have neither).
 * @internal
 */
export function isReadableCase(c: unknown): c is Loose {
  if (!isObject(c)) return false
  if (!isText(c.id) || !isCount(c.version, 1) || !isText(c.officeCode) || !isText(c.state)) return false
  if (!(c.awaiting === null || isText(c.awaiting)) || !(c.dueAt === null || isText(c.dueAt))) return false
  if (c.channel !== 'tatap_muka' && c.channel !== 'online') return false
  if (!isText(c.applicantNik) || !isText(c.trackingCode) || !isText(c.createdAt) || !isText(c.updatedAt))
    return false
  if (typeof c.final !== 'boolean' || !isObject(c.personal)) return false
  const d = c.data
  if (!isObject(d) || d.format !== 1 || !isObject(d.verified) || !isObject(d.incidents)) return false
  const { snapshot: snap, audit, clock } = d
  if (!isObject(snap) || !isText(snap.standardId) || !isText(snap.standardVersion)) return false
  if (!isText(snap.standardHash) || !isText(snap.state)) return false
  if (!isObject(audit) || !isCount(audit.seq, 0) || !isText(audit.hash)) return false
  if (!isObject(clock) || !isObject(clock.raised) || !allTexts(clock.dueRowIds)) return false
  if (!allWith(d.steps, ['stepId', 'enteredAt'])) return false
  if (d.attachments !== undefined && !allWith(d.attachments, ['sha256'])) return false
  const files = d.files
  return files === undefined || (isObject(files) && isCount(files.count, 0) && isCount(files.bytes, 0))
}

/**
 * Checks a case as the store gave it before the engine reads it: a row the engine cannot read
 * (damaged, edited by hand, written by something else) is an `AdapterError` naming the case, never
 * a crash later in a view.
 * @internal
 */
export function checkStoredCase(storeId: string, caseId: string, stored: unknown): StoredCase {
  // The plain check below accepts only what the schema accepts; the schema names what is wrong.
  if (isReadableCase(stored) && stored.id === caseId) return stored as unknown as StoredCase
  const result = storedCaseSchema.safeParse(stored)
  if (result.success && (stored as StoredCase).id === caseId) return stored as StoredCase
  const where = result.success
    ? 'id'
    : result.error.issues
        .slice(0, 3)
        .map((i) => i.path.join('.') || '(root)')
        .join(', ')
  throw new AdapterError(`Data kasus ${caseId} di penyimpanan rusak atau tidak dapat dibaca (${where})`, {
    messageEn: `The stored data of case ${caseId} is damaged or unreadable (${where})`,
    adapterId: storeId,
    operation: 'load',
    retryable: false,
  })
}

/** Reads a stored case's data (a shallow copy the command may change). @internal */
export function readCaseData(data: Json): CaseData {
  return { ...(data as unknown as CaseData) }
}

/** The data as stored JSON. @internal */
export function caseDataJson(data: CaseData): Json {
  return data as unknown as Json
}
