import type { AuditActor, Json } from '../ports/case-store'
import type { Ak2RecordInput } from '../schemas/ak2'
import type { Channel, NoticeChannel } from '../standard/schema'

/**
 * Who sends an event: a user id, the role they act in, and for an officer acting for the applicant
 * the applicant's NIK (`onBehalfOf`). An applicant (`pemohon`) carries their own `nik`.
 */
export interface Actor {
  id: string
  role: string
  /**
   * NIK of the applicant an officer acts for; checked against the case's NIK. The audit trail
   * records the applicant's role (`pemohon`) instead, never this NIK.
   */
  onBehalfOf?: string
  /** The actor's own NIK (applicants). */
  nik?: string
}

/**
 * The events a portal sends to a case, with their payloads.
 *
 * Free text: the `reason` of RETURN, REJECT and WITHDRAW and the `note` of RETRY_INCIDENT and
 * RESOLVE_INCIDENT are stored as written in the audit trail's `details`, which must hold no personal
 * data (UU PDP) and is never erased. Officers write about the documents and the procedure
 * ("Ijazah SMA belum dilegalisir", "Foto buram", "SMS dikirim ulang manual"), not about the person:
 * no NIK, no names, no phone numbers, no addresses, no e-mail addresses. The library does not (and
 * cannot reliably) detect personal data in free text; portals should say so next to the input.
 */
export type CaseEvent =
  | { type: 'ACCEPT'; verified: string[] }
  /** `reason`: about the documents, no personal data (see above). */
  | { type: 'RETURN'; missing: string[]; reason: string }
  | { type: 'RESUBMIT' }
  /** `reason`: about the documents, no personal data (see above). */
  | { type: 'REJECT'; reason: string }
  | { type: 'SIGN' }
  /**
   * `ak2`: at an interview step, the AK/II content it records (personal data: kept sealed with the
   * application, the audit names the fields only). Refused at any other step.
   */
  | { type: 'COMPLETE'; ak2?: Ak2RecordInput }
  | { type: 'HAND_OVER'; verified?: string[] }
  /** `reason`: optional, no personal data (see above). */
  | { type: 'WITHDRAW'; reason?: string }
  /** `note`: about the delivery, no personal data (see above). */
  | { type: 'RETRY_INCIDENT'; outboxId: string; note?: string }
  /** `note`: what was done instead (e.g. delivered by hand), no personal data (see above). */
  | { type: 'RESOLVE_INCIDENT'; outboxId: string; note: string }

/** The part of a checklist item the procedure needs (a `ChecklistItem` satisfies it). */
export interface ChecklistRequirement {
  /** e.g. `ktp_asli`, `ijazah:sma`. */
  id: string
  required: boolean
  /** The step at which the item is checked, per channel. */
  checkedAt: { tatap_muka?: string; online?: string }
}

/** The state of a case's SLA clock before a transition. */
export type ClockPhase = 'not_started' | 'running' | 'paused' | 'stopped'

/**
 * What a transition does beyond the step table's notices and SIPRAJA writes: the SLA clock's start,
 * pause (the case waits on the applicant), resume and stop, and the numbers and card it issues.
 */
export type LifecycleEffect =
  | { kind: 'clock'; action: 'start' | 'pause' | 'resume' | 'stop' }
  | { kind: 'issue'; what: 'register_number' | 'card' }

/**
 * A side effect the engine must perform, as plain data (never performed here): a notice or a
 * SIPRAJA write after the commit, or (when the caller gave the clock's phase) a lifecycle effect
 * applied in the commit.
 */
export type EffectIntent =
  | { kind: 'notice'; template: string; channels: NoticeChannel[] }
  | { kind: 'sipraja'; action: 'ensure_account' | 'upload_attachments' }
  | {
      kind: 'sipraja'
      action: 'set_status'
      status: string
      /** The state the case entered (set by the engine, not the procedure). */
      step?: string
      /** The reason of a REJECT or WITHDRAW (no personal data), shown with the status. */
      note?: string
    }
  | LifecycleEffect

/** The pseudo-state of a case returned to the applicant. */
export const returnedState = 'dikembalikan'
/** Final states. */
export const finalStates = ['selesai', 'ditolak', 'dibatalkan'] as const
/** A final state: `selesai` (done), `ditolak` (rejected) or `dibatalkan` (withdrawn). */
export type FinalState = (typeof finalStates)[number]

/**
 * A persisted procedure snapshot: flat JSON, stamped with the standard and machine version it was
 * made under.
 */
export interface ProcedureSnapshot {
  standardId: string
  standardVersion: string
  standardHash: string
  machineVersion: number
  /** A step id, `dikembalikan`, or a final state. */
  state: string
  channel: Channel
  /** Serialisable context: who verified what, who acted at which step, returns, visits... */
  context: Record<string, Json>
}

/** What one transition produced: the new snapshot, the audit fields, the effect intents. */
export interface TransitionResult {
  snapshot: ProcedureSnapshot
  /** `snapshot.state`, for convenience. */
  state: string
  /** The role that acts next; `null` when final. */
  awaiting: string | null
  final: boolean
  audit: { event: string; from: string | null; to: string; actor: AuditActor; details: Json }
  effects: EffectIntent[]
}

/** The answer of `authorize`: allowed, or the reason in both languages. */
export type Authorization =
  | { allowed: true }
  | { allowed: false; rule: string; reason: string; reasonEn: string }

/** An event an actor may send now, with the checklist ids it must verify (ACCEPT, HAND_OVER). */
export interface NextAction {
  type: CaseEvent['type']
  stepId: string
  needs?: string[]
}
