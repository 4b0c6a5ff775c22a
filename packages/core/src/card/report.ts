import { z } from 'zod'
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors/errors'
import {
  addressSchema,
  contactsSchema,
  educationEntrySchema,
  workExperienceSchema,
} from '../schemas/application'
import { toApplicationIssues } from '../schemas/messages'
import { dayInZone } from './dates'
import { checkPinnedStandard } from './open'
import { cardPlan, isOpenSlot, planDiff } from './plan'
import type { CardContext, CardDecision, CardRecord, CardReportingSlot, ReportTiming } from './record'

const cardNumber = z.string().trim().min(1).max(64)

/**
 * A holder's report, in person or recorded by a petugas: still seeking work (the periodic report,
 * inside its window), employed (employer, position and start date; the card is closed), or changed
 * details (address, contacts, newly completed education), the last two at any time.
 */
export const cardReportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('still_seeking'), cardNumber }),
  z.strictObject({
    kind: z.literal('employed'),
    cardNumber,
    employer: workExperienceSchema.shape.employer,
    position: workExperienceSchema.shape.position,
    /** `YYYY-MM-DD`. */
    startDate: z.iso.date(),
  }),
  z
    .strictObject({
      kind: z.literal('changed_details'),
      cardNumber,
      address: addressSchema.optional(),
      contacts: contactsSchema.optional(),
      education: z.array(educationEntrySchema).min(1).max(12).optional(),
    })
    .refine((r) => r.address !== undefined || r.contacts !== undefined || r.education !== undefined, {
      message: 'changed_details_empty',
    }),
])

/** What {@link decideCardReport} accepts. */
export type CardReportInput = z.input<typeof cardReportSchema>
/** A parsed report. */
export type CardReport = z.output<typeof cardReportSchema>

function parseReport(input: unknown): CardReport {
  const result = cardReportSchema.safeParse(input, { reportInput: true })
  if (result.success) return result.data
  const issues = result.error.issues.map((raw) =>
    raw.message === 'changed_details_empty'
      ? {
          path: ['address'],
          rule: raw.message,
          message: 'laporan perubahan data wajib memuat alamat, kontak, atau pendidikan',
          messageEn: 'a changed-details report must hold an address, contacts or education',
        }
      : toApplicationIssues([raw])[0]!,
  )
  throw new ValidationError(issues)
}

function fail(path: string[], rule: string, message: string, messageEn: string): never {
  throw new ValidationError([{ path, rule, message, messageEn }])
}

/**
 * Decides a holder's report against the card record. Pure: returns the next record, the reminders
 * and deadlines to schedule or cancel, and the audit entry; the caller commits them together.
 *
 * - `still_seeking` fills the first open reporting box. Before its window opens it is refused; after
 *   the window it is refused or recorded late, as `card.reporting.late` says.
 * - `employed` closes the card (`ditutup`) and cancels every pending reminder and deadline.
 * - `changed_details` keeps the state and records the new details.
 *
 * @throws {ValidationError} naming the field: `cardNumber` for an unknown holder (no record, or
 *   another card's number), `kind` for a report outside its window, `employer` / `position` /
 *   `startDate` for an employed report missing them.
 * @throws {InvalidTransitionError} when the card is no longer active.
 * @throws {ForbiddenError} when the actor is neither the holder nor an officer acting for them.
 * @example
 * ```ts
 * const { record: next, effects, audit } = decideCardReport(record, { kind: 'still_seeking', cardNumber }, ctx)
 * ```
 */
export function decideCardReport(record: CardRecord | null, input: unknown, ctx: CardContext): CardDecision {
  const report = parseReport(input)
  if (record === null || record.cardNumber !== report.cardNumber) {
    fail(
      ['cardNumber'],
      'unknown_holder',
      `pemegang kartu dengan nomor ${report.cardNumber} tidak terdaftar`,
      `no card holder is registered with number ${report.cardNumber}`,
    )
  }
  checkPinnedStandard(record, ctx)
  const { standard, now, actor } = ctx
  const allowed = [standard.applicant.role, ...standard.applicant.onBehalfRoles]
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenError('role', `Peran ${actor.role} tidak boleh mencatat laporan pencari kerja`, {
      messageEn: `Role ${actor.role} may not record a job seeker's report`,
    })
  }
  if (record.state !== 'aktif') {
    throw new InvalidTransitionError(`Kartu ${record.cardNumber} tidak aktif lagi (status ${record.state})`, {
      messageEn: `Card ${record.cardNumber} is no longer active (state ${record.state})`,
      state: record.state,
      event: report.kind,
    })
  }
  const before = cardPlan(record, standard, now)
  const at = now.toISOString()
  const by = { id: actor.id, role: actor.role }
  let next: CardRecord
  let details: Record<string, string | number | string[]>
  if (report.kind === 'still_seeking') {
    const { slot, timing } = slotFor(record, ctx)
    next = {
      ...record,
      reporting: record.reporting.map((s) =>
        s.index === slot.index ? { ...s, report: { at, timing, by } } : s,
      ),
    }
    details = { kind: report.kind, reportIndex: slot.index, dueDate: slot.dueDate, timing }
  } else if (report.kind === 'employed') {
    const { employer, position, startDate } = report
    next = {
      ...record,
      state: 'ditutup',
      endedAt: at,
      employment: { employer, position, startDate, reportedAt: at },
    }
    details = { kind: report.kind, startDate }
  } else {
    const changed = (['address', 'contacts', 'education'] as const).filter((k) => report[k] !== undefined)
    const merged = { ...record.details }
    if (report.address) merged.address = report.address
    if (report.contacts) merged.contacts = report.contacts
    if (report.education) merged.education = [...(record.details.education ?? []), ...report.education]
    next = { ...record, details: merged }
    details = { kind: report.kind, fields: changed }
  }
  const effects = planDiff(before, cardPlan(next, standard, now), now)
  return {
    record: next,
    effects,
    audit: { event: 'CARD_REPORT', from: record.state, to: next.state, details },
  }
}

/** The reporting box a "still seeking" report fills now, and how it stands; refuses one outside the window. */
function slotFor(record: CardRecord, ctx: CardContext): { slot: CardReportingSlot; timing: ReportTiming } {
  const slot = record.reporting.find(isOpenSlot)
  const zone = ctx.standard.calendar.timeZone
  const today = dayInZone(ctx.now, zone)
  if (slot === undefined) {
    fail(
      ['kind'],
      'no_reporting_date',
      `semua tanggal wajib lapor kartu ${record.cardNumber} sudah terisi atau terlewat`,
      `every reporting date of card ${record.cardNumber} is already filled or passed`,
    )
  }
  const t = ctx.now.getTime()
  if (t < Date.parse(slot.opensAt)) {
    const opens = dayInZone(slot.opensAt, zone)
    fail(
      ['kind'],
      'report_too_early',
      `laporan ke-${slot.index} (wajib lapor ${slot.dueDate}) baru dapat diterima mulai ${opens}`,
      `report ${slot.index} (due ${slot.dueDate}) is accepted from ${opens} only`,
    )
  }
  if (t < Date.parse(slot.closesAt)) return { slot, timing: today < slot.dueDate ? 'early' : 'on_time' }
  if (ctx.standard.card.reporting.late === 'refuse') {
    fail(
      ['kind'],
      'report_too_late',
      `laporan ke-${slot.index} (wajib lapor ${slot.dueDate}) terlambat; batas waktunya telah lewat`,
      `report ${slot.index} (due ${slot.dueDate}) is late; its window has closed`,
    )
  }
  return { slot, timing: 'late' }
}
