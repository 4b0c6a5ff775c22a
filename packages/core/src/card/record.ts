import type { Json } from '../ports/case-store'
import type { Actor } from '../procedure/types'
import type { Address, Contacts, EducationEntry } from '../schemas/application'
import type { Standard } from '../standard/schema'

/**
 * The card holder's record after hand-over: a second record linked to the case, with its own
 * state. `aktif` while valid; `ditutup` once the holder reports being employed; `kedaluwarsa` at the
 * end of validity; `tidak_lapor` when a reporting date passed without a report and the standard
 * says a missed report lapses the card; `diperpanjang` once a renewal (perpanjangan) issued the card
 * that replaces it.
 */
export const cardStates = ['aktif', 'ditutup', 'kedaluwarsa', 'tidak_lapor', 'diperpanjang'] as const
/** A card record's state. */
export type CardState = (typeof cardStates)[number]

/** How a "still seeking" report stood against its reporting date. */
export type ReportTiming = 'early' | 'on_time' | 'late'

/** One of the card's reporting dates (the four boxes of page 1) and the report that filled it. */
export interface CardReportingSlot {
  /** 1-based, as printed ("Laporan ke-1"). */
  index: number
  /** The reporting date, a calendar day in the office zone. */
  dueDate: string
  /** From this instant a report is accepted (`earlyDays` before, at 00.00 office time; ISO). */
  opensAt: string
  /** After this instant a report is late (end of the due day plus `graceDays`; ISO). */
  closesAt: string
  /** The report that filled the box. */
  report?: { at: string; timing: ReportTiming; by: { id: string; role: string } }
  /** Set when the window closed without a report. */
  missedAt?: string
}

/** What the holder reported when employed; the card is closed. */
export interface CardEmployment {
  employer: string
  position: string
  /** `YYYY-MM-DD`. */
  startDate: string
  reportedAt: string
}

/** Details the holder changed after issue; each overrides the case's application. */
export interface CardDetails {
  address?: Address
  contacts?: Contacts
  /** Education levels completed since registration. */
  education?: EducationEntry[]
}

/** The card holder's record: the card, its dates, its reports and its state. */
export interface CardRecord {
  /** The record's id (chosen by the caller, e.g. derived from the case id). */
  id: string
  /** The case the card was issued by. */
  caseId: string
  /** The job-seeker card number. */
  cardNumber: string
  /** The standard the case was submitted under (its card rules apply). */
  standard: { id: string; version: string; hash: string }
  state: CardState
  /** The register-book entry (ISO). */
  registeredAt: string
  /** Printing (ISO). */
  issuedAt: string
  /** What reporting dates and validity are counted from. */
  countFrom: 'registration' | 'issue'
  /** The last valid day, in the office zone. */
  validUntil: string
  /** The instant the card expires (ISO). */
  expiresAt: string
  reporting: CardReportingSlot[]
  employment?: CardEmployment
  details: CardDetails
  /** When the record reached its final state (ISO). */
  endedAt?: string
  /** A card this one renews: the expired card's number, set when a holder registers again. */
  previousCardNumber?: string
  /** The card a renewal issued in this one's place (state `diperpanjang`). */
  renewedBy?: { caseId: string; cardNumber: string }
}

/** A reminder to send (SMS and e-mail) before a reporting date or before expiry. */
export interface CardReminder {
  /** Stable id: the same reminder always has the same id, so it is scheduled and cancelled once. */
  id: string
  kind: 'reporting' | 'expiry'
  /** When to send it (ISO). */
  at: string
  /** The notice template: `pengingat_lapor` or `pengingat_kedaluwarsa`. */
  template: 'pengingat_lapor' | 'pengingat_kedaluwarsa'
  /** Days before the date. */
  daysBefore: number
  /** The reporting box it is about (reporting reminders). */
  reportIndex?: number
  /** The date it is about: the reporting date or the last valid day. */
  date: string
}

/** A deadline on the card record: the end of a reporting window, or expiry. */
export interface CardDeadline {
  id: string
  kind: 'report_window_closed' | 'expire'
  at: string
  reportIndex?: number
}

/** What a card decision asks the store and the queue to do, beside saving the record. */
export interface CardEffects {
  reminders: { schedule: CardReminder[]; cancel: string[] }
  deadlines: { schedule: CardDeadline[]; cancel: string[] }
}

/** The audit entry of a card decision; no personal data. */
export interface CardAudit {
  event: 'CARD_OPENED' | 'CARD_REPORT' | 'CARD_DEADLINE' | 'CARD_REMINDER' | 'CARD_RENEWED'
  from: CardState | null
  to: CardState
  details: Record<string, Json>
}

/** The result of every card decision: the next record, its effects and its audit entry. */
export interface CardDecision {
  record: CardRecord
  effects: CardEffects
  audit: CardAudit
}

/** What every card decision needs: the card's pinned standard, the time, and who acts. */
export interface CardContext {
  standard: Standard
  now: Date
  actor: Actor
}
