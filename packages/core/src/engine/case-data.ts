import type { Json } from '../ports/case-store'
import type { ProcedureSnapshot } from '../procedure/types'
import type { AuditHead } from './audit'
import type { IncidentActions } from './deliveries'
import type { AttachmentRef, CaseCard, CaseChecklistItem } from './types'

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
  attachments: AttachmentRef[]
  returned?: { fromStep: string; missing: string[]; reason: string; at: string }
  incidents: IncidentActions
}

/** Reads a stored case's data (a shallow copy the command may change). @internal */
export function readCaseData(data: Json): CaseData {
  return { ...(data as unknown as CaseData) }
}

/** The data as stored JSON. @internal */
export function caseDataJson(data: CaseData): Json {
  return data as unknown as Json
}
