import type { Json } from '../ports/case-store'
import type { OutboxStatus } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import type { Ak2Record } from '../schemas/ak2'
import type { Channel, NoticeChannel } from '../standard/schema'

/** A reference to stored bytes (scans, photos): never the bytes themselves. */
export interface AttachmentRef {
  sha256: string
  contentType: string
  size: number
  /** The checklist item it documents, e.g. `ijazah:sma`. */
  itemId?: string
  /** Only on cases written before files were read from the audit trail (a name may be personal). */
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
  /** Either/or: one of these is shown; see the checklist's `alternatives`. */
  alternatives?: Array<{ id: string; label: string; labelEn?: string; kind: string }>
  /** Wording derived from the requirement's attributes, alternatives and "bila ada". */
  wording?: string
  wordingEn?: string
  verified?: { by: string; role: string; stepId: string; at: string }
}

/**
 * The SLA of a case at the moment the view was made (see the SLA module for the full semantics).
 * Before the clock starts (a standard whose clock starts at acceptance), the figures are those of a
 * clock started now. The service sets every member; the optional ones are optional only so that
 * hand-made literals (in tests of notices, say) need not spell them all out.
 */
export interface CaseSla {
  /** Due instant when the case was received (ISO). */
  plannedDueAt: string
  /**
   * Current due instant, moved by pauses and extensions (ISO); `null` once the clock stopped. While
   * paused: where it would be if the case were resubmitted now (the store's `dueAt` is `null` then,
   * so a paused case is never in the overdue list).
   */
  dueAt: string | null
  status: 'on_track' | 'at_risk' | 'breached'
  /** The clock: not started yet, running, paused (waiting on the applicant) or stopped (card printed, case ended). */
  state?: 'not_started' | 'running' | 'paused' | 'stopped'
  /** When the office received the application (ISO); `null` before the clock starts. */
  receivedAt?: string | null
  /** When the case becomes (or became) at risk (ISO), or `null`. */
  atRiskAt?: string | null
  stoppedAt?: string | null
  /** Working minutes the clock ran. */
  elapsedMinutes: number
  /** Working minutes left before the due time. */
  remainingMinutes: number
  /** Working minutes past the due time. */
  overdueMinutes?: number
  /** Working minutes paused while waiting on the applicant. */
  pausedMinutes: number
  paused: boolean
  /** Working minutes allowed (the limit plus extensions). */
  budgetMinutes?: number
  calendarVersion: string
  /**
   * Set when the due time is an estimate ("perkiraan"): its count crosses days whose holiday data is
   * not official (the year's decree is not entered yet), with the reason in Indonesian and English.
   * `null` when the due time is certain. Recomputing after the decree is entered clears it.
   */
  provisional?: { years: number[]; reason: string; reasonEn: string } | null
  /** Extensions granted, with their reasons. */
  extensions?: Array<{ at: string; workingDays: number; reason: string }>
  /** Per step visited: the target, the actual working time, and whether it overran. */
  steps: Array<{
    stepId: string
    targetMinutes?: number
    targetWorkingDays?: number
    actualMinutes: number
    overran: boolean
    /** The case is at this step now. */
    current?: boolean
  }>
}

/** The job-seeker card, issued at printing. */
export interface CaseCard {
  number: string
  /** Printing (ISO). */
  issuedAt: string
  /** The register-book entry (ISO), the SK's step 2.1; absent on cards issued before it was kept. */
  registeredAt?: string
  /** What validity and reporting dates are counted from (the standard's `card.countFrom`). */
  countFrom?: 'registration' | 'issue'
  /** The last valid day, as the instant it starts in the office zone. */
  validUntil: string
  /**
   * Every reporting date (each `reportingIntervalMonths`) within validity, each as the instant its
   * day starts in the office zone.
   */
  reportingDueDates: string[]
  /** The printed PDF, stored by its sha256 in the attachment store (when a renderer is configured). */
  pdf?: { sha256: string; size: number; filename: string; contentType: string }
  /** How many times the card was printed: 1 at the print step, plus each reprint. */
  prints?: number
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
  /**
   * Set to `card` on a delivery of the holder's card record (a reporting or expiry reminder), shown
   * with the case's own once the case is handed over.
   */
  aggregate?: 'card'
}

/** An incident: a delivery that failed for good, until an operator retries or resolves it. */
export interface CaseIncident {
  outboxId: string
  kind: string
  status: Exclude<OutboxStatus, 'pending' | 'done'> | 'open' | 'retrying'
  error: string | null
  openedAt: string | null
}

/** The AK/II recorded at a case's interview step. */
export type CaseAk2 = Ak2Record & { stepId: string; recordedAt: string }

/** The previous card a renewal case renews. */
export interface CaseRenewal {
  previousCardNumber: string
  /** The previous card's last valid day when the check step read it. */
  previousValidUntil: string
  /** When the check step read it (ISO). */
  checkedAt: string
}

/** A case as a portal sees it: its state, checklist, SLA, card, deliveries and incidents. */
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
  /**
   * The case's files, read from the `ATTACH` entries of its audit trail: in the views of `get`, of
   * commands on the case and of the outbox; empty in `list` pages (read the case with `get`).
   */
  attachments: AttachmentRef[]
  /** Set while the case waits on the applicant. */
  returned?: { fromStep: string; missing: string[]; reason: string; at: string }
  /**
   * The AK/II as the interview step recorded it (personal data, sealed with the application): the
   * fields given, the step and the instant. Absent until an interview step is completed.
   */
  ak2?: CaseAk2
  /**
   * A renewal (perpanjangan): the previous card its check step found still valid, linked to this
   * case; set when the check step accepted.
   */
  renewal?: CaseRenewal
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
