import type { Json } from '../ports/case-store'

/** What an entry of the Buku Pengaduan is: "pengaduan, saran dan masukan". */
export const complaintTypes = ['pengaduan', 'saran', 'masukan'] as const
/** `pengaduan`, `saran` or `masukan`. */
export type ComplaintType = (typeof complaintTypes)[number]

/**
 * The path of an entry, as the SK's four sentences give it: recorded in the Buku Pengaduan by the
 * Petugas Layanan Informasi (`dicatat`), reported to the Kepala Seksi concerned (`dilaporkan`),
 * followed up with the result written in the tindak lanjut column (`ditindaklanjuti`), closed
 * (`selesai`).
 */
export const complaintStates = ['dicatat', 'dilaporkan', 'ditindaklanjuti', 'selesai'] as const
export type ComplaintState = (typeof complaintStates)[number]

/** Who gave the entry; every field optional (a suggestion-box note often has no name). Personal data. */
export interface Complainant {
  name?: string
  /** E.164 (`+628...`). */
  phone?: string
  email?: string
}

/** One entry of the Buku Pengaduan. */
export interface ComplaintRecord {
  id: string
  officeCode: string
  /** Register number in the Buku Pengaduan, gap-free per office and year; given at the commit. */
  number: number | null
  /** The year of the register the number belongs to (the office's local year of `recordedAt`). */
  year: number
  type: ComplaintType
  /** A channel kind of the standard: `telepon`, `email`, `langsung`, `kotak_saran`, `lapor`... */
  channel: string
  /** The seksi concerned. */
  section: string
  /** What was said or written. Personal data may be in it, so it is sealed like the complainant. */
  content: string
  /** The case it is about, by tracking code. */
  trackingCode?: string
  /** `null` for an anonymous entry. */
  complainant: Complainant | null
  /** The suggestion-box opening a note came from. */
  openingId?: string
  state: ComplaintState
  recordedAt: string
  recordedBy: string
  /** The Kepala Seksi the entry was reported to: only they follow it up. */
  assignee?: { id: string; role: string; reportedAt: string; reportedBy: string }
  /** The tindak lanjut column. */
  followUp?: { result: string; at: string; by: string }
  closedAt?: string
  closedBy?: string
}

/** A command on an entry. */
export type ComplaintCommand =
  | { type: 'RECORD'; entry: unknown }
  /** Report to the Kepala Seksi of the entry's seksi, by their user id. */
  | { type: 'REPORT'; to: string }
  /** The tindak lanjut: what was done. */
  | { type: 'FOLLOW_UP'; result: string }
  | { type: 'CLOSE' }

/** Deadline kinds of a `pengaduan`. */
export type ComplaintDeadlineKind = 'first_response' | 'resolution'

/** What a complaint command decided: the new record and the effects, as data (nothing performed). */
export interface ComplaintDecision {
  record: ComplaintRecord
  event: ComplaintCommand['type']
  from: ComplaintState | null
  to: ComplaintState
  /** Audit details: ids and states only, no personal data. */
  details: Json
  /** The register number to take inside the commit (RECORD only). */
  allocate?: { sequence: 'complaint'; year: number }
  /** Notices to the complainant where a contact was given. */
  notices: { template: 'pengaduan_diterima' | 'pengaduan_ditindaklanjuti'; channels: ('sms' | 'email')[] }[]
  /** Deadlines to set (RECORD of a pengaduan) as ISO instants. */
  deadlines: { kind: ComplaintDeadlineKind; dueAt: string }[]
  /** Deadlines met by this command, to clear. */
  meets: ComplaintDeadlineKind[]
}
