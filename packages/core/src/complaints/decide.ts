import { z } from 'zod'
import { ConfigError, ForbiddenError, InvalidTransitionError, ValidationError } from '../errors/errors'
import { parseOrThrow, ruleMessages } from '../i18n/zod-issues'
import { contactsSchema } from '../schemas/application'
import type { WorkingCalendar } from '../sla/calendar'
import type { Standard } from '../standard/schema'
import { complaintRules } from './messages'
import {
  type ComplaintCommand,
  type ComplaintDeadlineKind,
  type ComplaintDecision,
  type ComplaintRecord,
  type ComplaintState,
  complaintTypes,
} from './types'

/** What a complaint decision needs besides the record and the command. */
export interface ComplaintContext {
  standard: Standard
  calendar: WorkingCalendar
  actor: { id: string; role: string }
  now: Date
  /** The new entry's id (RECORD). */
  newId?: string
}

const line = (max: number) => z.string().trim().min(1).max(max)

/** The input of a new entry of the Buku Pengaduan. */
export const complaintEntrySchema = z.strictObject({
  type: z.enum(complaintTypes),
  /** A channel kind the office's standard lists. */
  channel: line(40),
  /** The seksi concerned: one of the standard's `complaints.sections` when it lists any. */
  section: line(100),
  content: z
    .string({ error: () => 'complaint_content' })
    .trim()
    .min(1, 'complaint_content')
    .max(4000),
  trackingCode: line(64).optional(),
  complainant: z
    .strictObject({
      name: line(200).optional(),
      phone: contactsSchema.shape.mobile.optional(),
      email: contactsSchema.shape.email,
    })
    .optional(),
  openingId: line(64).optional(),
})

/** The parsed input of a new entry. */
export type ComplaintEntry = z.output<typeof complaintEntrySchema>

/**
 * Decides one command on an entry of the Buku Pengaduan: pure, so the engine's pipeline commits what
 * it returns (the record, an audit entry with `details`, the register number, notices and deadline
 * rows) in one transaction, and a refused command changes nothing.
 *
 * Roles come from the standard: `complaints.recordedBy` records and reports, `complaints.followUpRole`
 * follows up and closes, and only the officer the entry was reported to. Deadlines apply to a
 * `pengaduan` only: the first response is met when the entry is reported to the Kepala Seksi, the
 * resolution when the follow-up is written.
 *
 * @throws {ValidationError} naming the field (no content, an unknown channel or seksi, a bad contact).
 * @throws {ForbiddenError} for a role the standard does not allow, or a Kepala Seksi the entry was not reported to.
 * @throws {InvalidTransitionError} for a step out of order (a follow-up before the report...).
 * @throws {ConfigError} when the standard names no role for the step.
 */
export function decideComplaint(
  record: ComplaintRecord | null,
  command: ComplaintCommand,
  ctx: ComplaintContext,
): ComplaintDecision {
  const complaints = ctx.standard.complaints
  const recorder = roleOf(complaints.recordedBy, 'complaints.recordedBy')
  const at = ctx.now.toISOString()
  if (command.type === 'RECORD') {
    if (record) throw transition(record.state, 'RECORD')
    requireRole(ctx, recorder)
    return record0(command.entry, ctx, at)
  }
  if (!record) throw transition(null, command.type)
  const next = (
    state: ComplaintState,
    patch: Partial<ComplaintRecord>,
    details: ComplaintDecision['details'],
  ) => ({
    record: { ...record, ...patch, state },
    event: command.type,
    from: record.state,
    to: state,
    details,
    notices: [],
    deadlines: [],
    meets: [],
  })
  switch (command.type) {
    case 'REPORT': {
      requireState(record, 'dicatat', command.type)
      requireRole(ctx, recorder)
      const to = line(64).safeParse(command.to)
      if (!to.success) throw invalid(['to'], 'required')
      const role = roleOf(complaints.followUpRole, 'complaints.followUpRole')
      const assignee = { id: to.data, role, reportedAt: at, reportedBy: ctx.actor.id }
      return {
        ...next('dilaporkan', { assignee }, { to: to.data }),
        meets: deadlineMet(record, 'first_response'),
      }
    }
    case 'FOLLOW_UP': {
      requireState(record, 'dilaporkan', command.type)
      requireAssignee(record, ctx)
      const result = z.string().trim().min(1).max(4000).safeParse(command.result)
      if (!result.success) throw invalid(['result'], 'complaint_follow_up')
      const decision = next(
        'ditindaklanjuti',
        { followUp: { result: result.data, at, by: ctx.actor.id } },
        {},
      )
      return {
        ...decision,
        notices: noticeFor(record, 'pengaduan_ditindaklanjuti'),
        meets: deadlineMet(record, 'resolution'),
      }
    }
    case 'CLOSE': {
      requireState(record, 'ditindaklanjuti', command.type)
      requireAssignee(record, ctx)
      return next('selesai', { closedAt: at, closedBy: ctx.actor.id }, {})
    }
  }
  throw transition(record.state, (command as { type: string }).type)
}

function record0(input: unknown, ctx: ComplaintContext, at: string): ComplaintDecision {
  const entry = parseOrThrow(complaintEntrySchema, input)
  const { standard, calendar } = ctx
  const channels = standard.complaints.channels.map((c) => c.kind as string)
  if (!channels.includes(entry.channel)) throw invalid(['channel'], 'complaint_channel')
  const sections = standard.complaints.sections
  if (sections.length && !sections.some((s) => s.id === entry.section)) {
    throw invalid(['section'], 'complaint_section')
  }
  if (!ctx.newId) throw new ConfigError('a new complaint needs an id (newId)', { keys: ['newId'] })
  const complainant = entry.complainant && Object.keys(entry.complainant).length ? entry.complainant : null
  const record: ComplaintRecord = {
    id: ctx.newId,
    officeCode: standard.office.code,
    number: null,
    year: Number(calendar.dayOf(ctx.now).slice(0, 4)),
    type: entry.type,
    channel: entry.channel,
    section: entry.section,
    content: entry.content,
    complainant,
    state: 'dicatat',
    recordedAt: at,
    recordedBy: ctx.actor.id,
    ...(entry.trackingCode ? { trackingCode: entry.trackingCode } : {}),
    ...(entry.openingId ? { openingId: entry.openingId } : {}),
  }
  return {
    record,
    event: 'RECORD',
    from: null,
    to: 'dicatat',
    details: {
      type: record.type,
      channel: record.channel,
      section: record.section,
      anonymous: complainant === null,
      ...(record.trackingCode ? { trackingCode: record.trackingCode } : {}),
    },
    allocate: { sequence: 'complaint', year: record.year },
    notices: noticeFor(record, 'pengaduan_diterima'),
    deadlines: record.type === 'pengaduan' ? deadlinesOf(standard, calendar, ctx.now) : [],
    meets: [],
  }
}

function deadlinesOf(
  standard: Standard,
  calendar: WorkingCalendar,
  now: Date,
): ComplaintDecision['deadlines'] {
  const set = standard.complaints.deadlines ?? {}
  const legacy = standard.complaints.responseDeadline
  const targets: [ComplaintDeadlineKind, typeof set.firstResponse][] = [
    ['first_response', set.firstResponse ?? legacy],
    ['resolution', set.resolution],
  ]
  return targets.flatMap(([kind, target]) => {
    if (!target) return []
    const due =
      'hours' in target
        ? new Date(now.getTime() + target.hours * 3_600_000)
        : 'minutes' in target
          ? calendar.addWorkingMinutes(now, target.minutes)
          : calendar.addWorkingDays(now, target.workingDays)
    return [{ kind, dueAt: due.toISOString() }]
  })
}

function deadlineMet(record: ComplaintRecord, kind: ComplaintDeadlineKind): ComplaintDeadlineKind[] {
  return record.type === 'pengaduan' ? [kind] : []
}

function noticeFor(record: ComplaintRecord, template: ComplaintDecision['notices'][number]['template']) {
  const channels: ('sms' | 'email')[] = []
  if (record.complainant?.phone) channels.push('sms')
  if (record.complainant?.email) channels.push('email')
  return channels.length ? [{ template, channels }] : []
}

function roleOf(role: string | undefined, key: string): string {
  if (!role) {
    throw new ConfigError(
      `Standar Pelayanan tidak menyebut peran untuk langkah pengaduan ini (${key}) / the standard names no role for this complaint step (${key})`,
      { keys: [key] },
    )
  }
  return role
}

function requireRole(ctx: ComplaintContext, role: string): void {
  if (ctx.actor.role !== role) {
    throw new ForbiddenError('role', `peran ${ctx.actor.role} tidak berwenang untuk langkah pengaduan ini`, {
      messageEn: `role ${ctx.actor.role} may not take this complaint step`,
    })
  }
}

function requireAssignee(record: ComplaintRecord, ctx: ComplaintContext): void {
  requireRole(ctx, record.assignee!.role)
  if (ctx.actor.id !== record.assignee!.id) {
    throw new ForbiddenError(
      'not_assignee',
      'hanya Kepala Seksi yang menerima laporan pengaduan ini yang dapat menindaklanjutinya',
      { messageEn: 'only the section head this complaint was reported to may follow it up' },
    )
  }
}

function requireState(record: ComplaintRecord, state: ComplaintState, event: string): void {
  if (record.state !== state) throw transition(record.state, event)
}

function transition(from: ComplaintState | null, event: string): InvalidTransitionError {
  const text = complaintRules.complaint_state
  return new InvalidTransitionError(`${text.id} (${from ?? 'baru'}, ${event})`, {
    messageEn: `${text.en} (${from ?? 'new'}, ${event})`,
  })
}

function invalid(path: string[], rule: string): ValidationError {
  const text = ruleMessages[rule] ?? { id: 'wajib diisi', en: 'is required' }
  return new ValidationError([{ path, rule, message: text.id, messageEn: text.en }])
}
