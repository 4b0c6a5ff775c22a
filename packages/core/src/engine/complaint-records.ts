import type { SuggestionBoxOpening } from '../complaints/suggestion-box'
import type { ComplaintDeadlineKind, ComplaintRecord } from '../complaints/types'
import type { Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'

/** The record kinds of the Buku Pengaduan, the kotak saran, the SKM and audited book readings. */
export const recordKinds = {
  complaint: 'complaint',
  opening: 'box_opening',
  skm: 'skm',
  bookReading: 'book_reading',
} as const

/** A deadline of a `pengaduan` as the record keeps it. */
export interface ComplaintDeadline {
  dueAt: string
  /** When the step that meets it was taken. */
  metAt?: string
  atRiskAt?: string
  breachedAt?: string
}

/** An entry of the Buku Pengaduan as the service shows it to staff. */
export interface ComplaintView extends ComplaintRecord {
  version: number
  /** The deadlines of a `pengaduan`, where the standard sets them, and how each stands. */
  deadlines: Partial<
    Record<ComplaintDeadlineKind, ComplaintDeadline & { status: 'on_track' | 'at_risk' | 'breached' | 'met' }>
  >
}

interface ComplaintData {
  entry: Omit<ComplaintRecord, 'content' | 'complainant' | 'followUp'> & {
    followUp?: { at: string; by: string }
  }
  deadlines: Partial<Record<ComplaintDeadlineKind, ComplaintDeadline>>
  /** Due rows still pending. */
  dueRows: string[]
}

interface ComplaintPersonal {
  content: string
  complainant: ComplaintRecord['complainant']
  followUpResult?: string
}

/** Whether every deadline of the entry was met in time: `null` without deadlines. */
export function deadlinesMet(deadlines: ComplaintData['deadlines']): boolean | null {
  const all = Object.values(deadlines)
  if (!all.length) return null
  return all.every((d) => d.metAt !== undefined && d.metAt <= d.dueAt)
}

/**
 * The stored record of an entry: the plain attributes a report and a query need (type, channel,
 * seksi, year, number, anonymous, the deadline outcome), the complainant, the content and the
 * follow-up text sealed as personal data, the rest as data.
 * @internal
 */
export function complaintToStored(
  record: ComplaintRecord,
  extra: { deadlines: ComplaintData['deadlines']; dueRows: string[]; previous?: StoredRecord },
): StoredRecord {
  const { content, complainant, followUp, ...rest } = record
  const entry: ComplaintData['entry'] = { ...rest }
  if (followUp) entry.followUp = { at: followUp.at, by: followUp.by }
  const personal: ComplaintPersonal = { content, complainant }
  if (followUp) personal.followUpResult = followUp.result
  const open = Object.values(extra.deadlines)
    .filter((d) => d.metAt === undefined)
    .map((d) => d.dueAt)
    .sort()
  const met = deadlinesMet(extra.deadlines)
  const previousData = (extra.previous?.data ?? {}) as Record<string, Json>
  return {
    kind: recordKinds.complaint,
    id: record.id,
    version: extra.previous?.version ?? 0,
    officeCode: record.officeCode,
    state: record.state,
    caseId: null,
    key: record.number === null ? null : `${record.year}/${record.number}`,
    attributes: {
      type: record.type,
      channel: record.channel,
      section: record.section,
      year: record.year,
      number: record.number,
      anonymous: complainant === null,
      opening: record.openingId ?? null,
      deadlinesMet: met,
      breached: Object.values(extra.deadlines).some((d) => d.breachedAt !== undefined),
    },
    dueAt: open[0] ?? null,
    final: record.state === 'selesai',
    createdAt: record.recordedAt,
    updatedAt: record.closedAt ?? record.followUp?.at ?? record.assignee?.reportedAt ?? record.recordedAt,
    personal: personal as unknown as Json,
    data: {
      ...previousData,
      entry: entry as unknown as Json,
      deadlines: extra.deadlines as unknown as Json,
      dueRows: extra.dueRows,
    },
  }
}

/** Reads an entry back from its stored record. @internal */
export function complaintFromStored(stored: StoredRecord): {
  record: ComplaintRecord
  deadlines: ComplaintData['deadlines']
  dueRows: string[]
} {
  const data = stored.data as unknown as ComplaintData
  const personal = stored.personal as unknown as ComplaintPersonal
  const { followUp, ...entry } = data.entry
  const record: ComplaintRecord = {
    ...entry,
    state: stored.state as ComplaintRecord['state'],
    content: personal.content,
    complainant: personal.complainant ?? null,
  }
  if (followUp) record.followUp = { ...followUp, result: personal.followUpResult ?? '' }
  return { record, deadlines: { ...data.deadlines }, dueRows: [...(data.dueRows ?? [])] }
}

/** The view of a stored entry at `now`. @internal */
export function complaintView(stored: StoredRecord, now: Date): ComplaintView {
  const { record, deadlines } = complaintFromStored(stored)
  const out: ComplaintView['deadlines'] = {}
  for (const [kind, d] of Object.entries(deadlines) as [ComplaintDeadlineKind, ComplaintDeadline][]) {
    const status =
      d.metAt !== undefined && d.metAt <= d.dueAt
        ? 'met'
        : d.breachedAt !== undefined || (d.metAt === undefined && now.toISOString() >= d.dueAt) || d.metAt
          ? 'breached'
          : d.atRiskAt !== undefined
            ? 'at_risk'
            : 'on_track'
    out[kind] = { ...d, status }
  }
  return { ...record, version: stored.version, deadlines: out }
}

/** The stored record of a suggestion-box opening: one per office and day (the day is its key). @internal */
export function openingToStored(opening: SuggestionBoxOpening, noteIds: string[]): StoredRecord {
  return {
    kind: recordKinds.opening,
    id: opening.id,
    version: 0,
    officeCode: opening.officeCode,
    state: 'dibuka',
    caseId: null,
    key: opening.day,
    attributes: { day: opening.day, notesFound: opening.notesFound },
    dueAt: null,
    final: true,
    createdAt: opening.openedAt,
    updatedAt: opening.openedAt,
    personal: {},
    data: { openedBy: opening.openedBy, noteIds },
  }
}

/** Reads an opening back. @internal */
export function openingFromStored(stored: StoredRecord): SuggestionBoxOpening & { noteIds: string[] } {
  const data = stored.data as { openedBy: string; noteIds?: string[] }
  return {
    id: stored.id,
    officeCode: stored.officeCode,
    day: String(stored.attributes.day),
    openedAt: stored.createdAt,
    openedBy: data.openedBy,
    notesFound: Number(stored.attributes.notesFound),
    noteIds: data.noteIds ?? [],
  }
}
