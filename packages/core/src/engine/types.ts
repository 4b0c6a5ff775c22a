import type { Json, OutboxStatus } from '../ports/case-store'
import type { Actor } from '../procedure/types'
import type { Channel, NoticeChannel } from '../standard/schema'

/** A reference to stored bytes (scans, photos): never the bytes themselves. */
export interface AttachmentRef {
  sha256: string
  contentType: string
  size: number
  /** The checklist item it documents, e.g. `ijazah:sma`. */
  itemId?: string
  filename?: string
  attachedAt: string
}

/** A checklist item with who verified it, where and when. */
export interface CaseChecklistItem {
  id: string
  requirementId: string
  label: string
  labelEn?: string
  kind: string
  quantity: number
  required: boolean
  checkedAt: { tatap_muka?: string; online?: string }
  verified?: { by: string; role: string; stepId: string; at: string }
}

/** The SLA of a case (see the SLA module for the full semantics). */
export interface CaseSla {
  /** Due instant when the case was received (ISO). */
  plannedDueAt: string
  /** Current due instant, moved by pauses and extensions (ISO); `null` once the clock stopped. */
  dueAt: string | null
  status: 'on_track' | 'at_risk' | 'breached'
  elapsedMinutes: number
  remainingMinutes: number
  pausedMinutes: number
  paused: boolean
  calendarVersion: string
  steps: Array<{
    stepId: string
    targetMinutes?: number
    targetWorkingDays?: number
    actualMinutes: number
    overran: boolean
  }>
}

/** The job-seeker card, issued at printing. */
export interface CaseCard {
  number: string
  issuedAt: string
  validUntil: string
  /** Every reporting date (each `reportingIntervalMonths`) within validity. */
  reportingDueDates: string[]
}

/** Delivery status of one notice or SIPRAJA write, from its outbox row. */
export interface CaseDelivery {
  /** The outbox row id: the idempotency key / message id. */
  id: string
  kind: string
  template?: string
  channel?: NoticeChannel
  action?: string
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'resolved'
  attempts: number
  error?: string
  at?: string
}

/** An incident: a delivery that failed for good, until an operator retries or resolves it. */
export interface CaseIncident {
  outboxId: string
  kind: string
  status: Exclude<OutboxStatus, 'pending' | 'done'> | 'open' | 'retrying'
  error: string | null
  openedAt: string | null
}

/** A case as a portal sees it (ARCHITECTURE.md's shared field names). */
export interface CaseView {
  id: string
  version: number
  /** A step id, `dikembalikan` while waiting on the applicant, or `selesai` / `ditolak` / `dibatalkan`. */
  state: string
  /** The role that acts next; absent when final. */
  awaiting?: string
  final: boolean
  channel: Channel
  standard: { id: string; version: string; hash: string }
  /** The application as submitted (personal data). */
  application: Json
  checklist: CaseChecklistItem[]
  trackingCode: string
  /** Given at `registrasi`. */
  registerNumber?: string
  sla: CaseSla
  /** Given at `pencetakan`. */
  card?: CaseCard
  attachments: AttachmentRef[]
  /** Set while the case waits on the applicant. */
  returned?: { fromStep: string; missing: string[]; reason: string; at: string }
  deliveries: CaseDelivery[]
  incidents: CaseIncident[]
  createdAt: string
  updatedAt: string
}

/** Options of every command. */
export interface CommandOptions {
  actor: Actor
  /** A caller-chosen id; a repeat returns the first result and has no second effect. */
  commandId?: string
}

/** A timeline entry: an audit entry as a portal shows it. */
export interface TimelineEntry {
  seq: number
  at: string
  event: string
  from: string | null
  to: string
  actor: { id: string; role: string; onBehalfOf?: string }
  details?: Json
}
