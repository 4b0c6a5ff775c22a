import { decideComplaint } from '../../complaints/decide'
import type { ComplaintCommand, ComplaintDeadlineKind } from '../../complaints/types'
import type { AuditActor, Json } from '../../ports/case-store'
import type { StoredRecord } from '../../ports/records'
import type { DueRowInput } from '../../ports/work-queue'
import type { WorkingCalendar } from '../../sla/calendar'
import type { Standard } from '../../standard/schema'
import {
  type ComplaintDeadline,
  complaintFromStored,
  complaintToStored,
  recordKinds,
} from '../complaint-records'
import type { RecordDecision } from '../record-pipeline'

/** What a complaint command needs besides the record and the command. @internal */
export interface ComplaintCommandContext {
  standard: Standard
  calendar: WorkingCalendar
  actor: AuditActor
  at: Date
  /** The id of a new entry (RECORD). */
  newId?: string
  commandId?: string | undefined
}

/** The record as the pipeline wants it (it sets version and updatedAt), and the entry's frame. */
function frame(
  after: StoredRecord,
  before: StoredRecord | null,
  standard: Standard,
  actor: AuditActor,
  event: string,
  details: Record<string, Json>,
  commandId: string | undefined,
): Pick<RecordDecision, 'after' | 'entry' | 'result'> {
  const { version: _v, updatedAt: _u, ...rest } = after
  return {
    after: rest,
    entry: {
      actor,
      event,
      from: before?.state ?? null,
      to: after.state,
      standardId: standard.id,
      standardVersion: standard.version,
      ...(commandId === undefined ? {} : { commandId }),
      details,
    },
    // The recorded answer holds no personal data: the view is read again from the record.
    result: (record) => ({ id: record.id }),
  }
}

const dueKinds = ['at_risk', 'breached'] as const

/** The due rows of a deadline: at risk once the threshold share of its span passed, and breached. */
function dueRowsOf(
  id: string,
  kind: ComplaintDeadlineKind,
  recordedAt: string,
  dueAt: string,
  threshold: number,
): DueRowInput[] {
  const start = Date.parse(recordedAt)
  const end = Date.parse(dueAt)
  const atRisk = new Date(start + Math.floor((end - start) * threshold)).toISOString()
  return dueKinds.map((k) => ({
    id: `${id}.${kind}.${k}`,
    caseId: id,
    aggregateKind: recordKinds.complaint,
    kind: `${kind}.${k}`,
    dueAt: k === 'at_risk' ? atRisk : dueAt,
  }))
}

/**
 * Decides a command on an entry of the Buku Pengaduan (`decideComplaint`) and turns it into what
 * the record pipeline commits: the stored record, the Buku Pengaduan number to take (gap-free per
 * office and year), the notices to the complainant, and the deadline rows (set at RECORD, closed
 * when the step that meets them is taken). Pure.
 * @internal
 */
export function decideComplaintRecord(
  before: StoredRecord | null,
  command: ComplaintCommand,
  ctx: ComplaintCommandContext,
): RecordDecision {
  const prev = before ? complaintFromStored(before) : null
  const decision = decideComplaint(prev?.record ?? null, command, {
    standard: ctx.standard,
    calendar: ctx.calendar,
    actor: ctx.actor,
    now: ctx.at,
    ...(ctx.newId ? { newId: ctx.newId } : {}),
  })
  const atIso = ctx.at.toISOString()
  const record = decision.record
  const deadlines: Partial<Record<ComplaintDeadlineKind, ComplaintDeadline>> = { ...(prev?.deadlines ?? {}) }
  let dueRows = prev?.dueRows ?? []
  let due: DueRowInput[] | undefined
  const dueDone: string[] = []
  if (decision.deadlines.length) {
    const threshold = ctx.standard.completion.atRiskThreshold ?? 0.75
    due = []
    for (const d of decision.deadlines) {
      deadlines[d.kind] = { dueAt: d.dueAt }
      due.push(...dueRowsOf(record.id, d.kind, atIso, d.dueAt, threshold))
    }
    dueRows = due.map((r) => r.id)
  }
  for (const kind of decision.meets) {
    const d = deadlines[kind]
    if (!d) continue
    deadlines[kind] = { ...d, metAt: atIso }
    const mine = dueRows.filter((r) => r.startsWith(`${record.id}.${kind}.`))
    dueDone.push(...mine)
    dueRows = dueRows.filter((r) => !mine.includes(r))
  }
  const stored = complaintToStored(record, { deadlines, dueRows, ...(before ? { previous: before } : {}) })
  const details = { ...(decision.details as Record<string, Json>) }
  const out: RecordDecision = frame(
    stored,
    before,
    ctx.standard,
    ctx.actor,
    decision.event,
    details,
    ctx.commandId,
  )
  const after = out.after
  if (due) out.due = due
  if (dueDone.length) out.dueDone = dueDone
  if (decision.allocate) {
    const { year } = decision.allocate
    out.numbers = [
      {
        name: 'complaint',
        scope: `${record.officeCode}:${year}`,
        assign(value) {
          record.number = value
          after.key = `${year}/${value}`
          after.attributes.number = value
          after.data = {
            ...(after.data as Record<string, Json>),
            entry: { ...entryOf(after), number: value },
          }
          details.number = value
        },
      },
    ]
  }
  if (decision.notices.length) {
    out.outbox = (seq) =>
      decision.notices.flatMap((n) =>
        n.channels.map((channel) => ({
          id: `${record.id}.${seq}.${n.template}.${channel}`,
          caseId: record.id,
          aggregateKind: recordKinds.complaint,
          kind: 'notice',
          payload: { template: n.template, channel, recipient: 'applicant' },
          availableAt: atIso,
        })),
      )
  }
  return out
}

const entryOf = (stored: Pick<StoredRecord, 'data'>) => (stored.data as { entry: Record<string, Json> }).entry

/**
 * Decides a due row of an entry: the deadline is raised (at risk, breached) when it is still
 * pending and not met; otherwise `null` (the row is only closed). Pure.
 * @internal
 */
export function decideComplaintDue(
  before: StoredRecord,
  row: { id: string; kind: string },
  at: Date,
  standard: Standard,
): RecordDecision | null {
  const prev = complaintFromStored(before)
  if (!prev.dueRows.includes(row.id)) return null
  const [kind, level] = row.kind.split('.') as [ComplaintDeadlineKind, 'at_risk' | 'breached']
  const d = prev.deadlines[kind]
  if (!d || d.metAt !== undefined) return null
  const atIso = at.toISOString()
  const deadlines = {
    ...prev.deadlines,
    [kind]: level === 'breached' ? { ...d, breachedAt: atIso } : { ...d, atRiskAt: atIso },
  }
  const dueRows = prev.dueRows.filter((r) => r !== row.id)
  const after = complaintToStored(prev.record, { deadlines, dueRows, previous: before })
  return {
    ...frame(
      after,
      before,
      standard,
      { id: 'system', role: 'system' },
      level === 'breached' ? 'SLA_BREACHED' : 'SLA_AT_RISK',
      { deadline: kind, dueAt: d.dueAt, dueRowId: row.id },
      undefined,
    ),
    dueDone: [row.id],
    // The office is alerted, as for a case's SLA: an e-mail to the office's address.
    outbox: (seq) => [
      {
        id: `${before.id}.${seq}.office`,
        caseId: before.id,
        aggregateKind: before.kind,
        officeCode: before.officeCode,
        kind: 'notice',
        payload: {
          template: level === 'breached' ? 'pengaduan_terlambat' : 'pengaduan_berisiko',
          channel: 'email',
          recipient: 'office',
        },
        availableAt: atIso,
      },
    ],
  }
}
