import { ForbiddenError } from '../errors/errors'
import type {
  AuditActor,
  AuditEntry,
  CommitCompletion,
  CommitInput,
  Json,
  StoredCase,
} from '../ports/case-store'
import type { DueRowInput, OutboxRow, OutboxRowInput } from '../ports/work-queue'
import type { Actor, EffectIntent, TransitionResult } from '../procedure/types'
import type { NoticeChannel, Standard } from '../standard/schema'
import { type AuditHead, sealAuditEntry } from './audit'
import { indexCalendarVersion } from './calendar-sets'
import { settleCardOpening } from './card-open-row'
import { type CaseData, caseDataJson, type StepVisit } from './case-data'
import type { CaseRows } from './case-rows'
import type { Runtime } from './context'
import { outboxRowsFor, pendingOutboxRow } from './deliveries'
import { caseReportFacts } from './report-facts'
import type { CaseView } from './types'
import { commandResult, viewOf } from './views'

/** A sequence value a decision needs, taken inside the commit; `assign` puts it in place. @internal */
export interface NumberRequest {
  name: string
  scope: string
  /** Called with the value taken, before the audit entry is sealed. */
  assign(value: number): void
}

/**
 * What a command decided, before the commit: the case after it, its data, the audit entry to seal,
 * the effects, the clock's due rows, the numbers to take. Made by a pure `decide` from the case as
 * read, the input and the runtime; the pipeline commits it.
 * @internal
 */
export interface Decision {
  rt: Runtime
  /** The case as read; `null` for a submission. */
  before: StoredCase | null
  after: StoredCase
  data: CaseData
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>
  /** Notice and SIPRAJA intents of the transition. */
  effects?: readonly EffectIntent[]
  /** Further outbox rows, by the audit seq. */
  extraOutbox?: (seq: number) => OutboxRowInput[]
  outboxChanges?: CommitInput['outboxChanges']
  /** Whether the clock changed, so the due rows are written anew. */
  writeDue: boolean
  /**
   * Due rows of the case beside the clock's (by the audit seq), e.g. the card record's opening at
   * hand-over; when given, the case's due rows are written anew with them.
   */
  extraDue?: (seq: number) => DueRowInput[]
  dueDone?: string[]
  numbers?: NumberRequest[]
  /** The command recorded with a command id (default: the audit entry's event). */
  command?: string
  at: Date
}

/** A command's outcome: a decision to commit, or a view to answer with and nothing to write. @internal */
export type Outcome = Decision | { view: CaseView }

/** The commit parts of a sealed decision, and the view it produces. @internal */
export interface Sealed {
  completion: Required<Pick<CommitCompletion, 'case' | 'audit' | 'outbox'>> & CommitCompletion
  view: CaseView
  event: string
}

/** The case at its next version. @internal */
export function nextCase(stored: StoredCase, at: Date, change: Partial<StoredCase>): StoredCase {
  return { ...stored, ...change, version: stored.version + 1, updatedAt: at.toISOString() }
}

/**
 * The actor as the audit trail records it: ids and roles only. An officer acting for the applicant
 * is recorded with the applicant role, never the NIK. @internal
 */
export function auditActor(standard: Standard, actor: Actor): AuditActor {
  return actor.onBehalfOf === undefined
    ? { id: actor.id, role: actor.role }
    : { id: actor.id, role: actor.role, onBehalfOf: standard.applicant.role }
}

/** Refuses an officer who claims to act for someone other than the case's applicant. @internal */
export function checkOnBehalf(stored: StoredCase, actor: Actor): void {
  if (actor.onBehalfOf !== undefined && actor.onBehalfOf !== stored.applicantNik) {
    throw new ForbiddenError('on_behalf_of', 'onBehalfOf tidak sama dengan NIK pemohon permohonan ini', {
      messageEn: "onBehalfOf does not match the NIK of this case's applicant",
    })
  }
}

/** The audit fields every entry of a command shares. @internal */
function auditBase(rt: Runtime, caseId: string, at: Date, commandId: string | undefined) {
  return {
    caseId,
    at: at.toISOString(),
    standardId: rt.standard.id,
    standardVersion: rt.standard.version,
    calendarVersion: rt.clock.calendarVersion,
    commandId,
  }
}

/**
 * The audit entry of a procedure transition (submit, act): the common fields plus the transition's
 * actor, event, states and the given details. @internal
 */
export function transitionEntry(
  rt: Runtime,
  caseId: string,
  at: Date,
  commandId: string | undefined,
  audit: TransitionResult['audit'],
  details: Json,
) {
  return {
    ...auditBase(rt, caseId, at, commandId),
    actor: audit.actor,
    event: audit.event,
    from: audit.from,
    to: audit.to,
    details,
  }
}

/** The audit entry of an event that leaves the case in its state (file, clock, incident, SLA). @internal */
export function sameStateEntry(
  rt: Runtime,
  stored: StoredCase,
  at: Date,
  commandId: string | undefined,
  actor: Actor,
  event: string,
  details: Record<string, Json>,
): Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> {
  return {
    ...auditBase(rt, stored.id, at, commandId),
    actor: auditActor(rt.standard, actor),
    event,
    from: stored.state,
    to: stored.state,
    details,
  }
}

/** The step history with the case moved to `to`. @internal */
export function moveSteps(rt: Runtime, steps: StepVisit[], to: string, at: string): StepVisit[] {
  const out = steps.slice()
  const open = out.at(-1)
  if (open && open.leftAt === undefined) {
    if (open.stepId === to) return out
    out[out.length - 1] = { ...open, leftAt: at }
  }
  if (rt.steps.has(to)) out.push({ stepId: to, enteredAt: at })
  return out
}

function reachableChannels(personal: Json): Set<NoticeChannel> {
  const contacts = (personal as { contacts?: { mobile?: unknown; email?: unknown } } | null)?.contacts
  const out = new Set<NoticeChannel>()
  if (typeof contacts?.mobile === 'string' && contacts.mobile) out.add('sms')
  if (typeof contacts?.email === 'string' && contacts.email) out.add('email')
  return out
}

function dueRowsFor(rt: Runtime, caseId: string, seq: number, data: CaseData): DueRowInput[] {
  const ledger = data.clock.ledger
  if (ledger === undefined) return []
  return rt.clock
    .deadlines(ledger)
    .filter((d) => data.clock.raised[d.kind] === undefined)
    .map((d) => ({ id: `${caseId}.${seq}.${d.kind}`, caseId, kind: d.kind, dueAt: d.dueAt }))
}

/** The case's outbox rows as they stand after the commit, for the view's delivery status. */
function rowsAfter(
  rows: readonly OutboxRow[],
  outbox: OutboxRowInput[],
  changes: CommitInput['outboxChanges'],
  atIso: string,
): OutboxRow[] {
  const all = [...rows, ...outbox.map((r) => pendingOutboxRow(r, atIso))]
  if (!changes?.length) return all
  const byId = new Map(changes.map((c) => [c.id, c]))
  return all.map((r) => {
    const change = byId.get(r.id)
    if (!change) return r
    return change.action === 'retry'
      ? // As the port's retry does: a fresh set of attempts, no lease, lastError kept.
        {
          ...r,
          status: 'pending' as const,
          attempts: 0,
          availableAt: change.at,
          leaseOwner: null,
          leaseUntil: null,
          finishedAt: null,
        }
      : { ...r, status: 'resolved' as const, finishedAt: change.at }
  })
}

/**
 * Seals a decision (its numbers assigned): the audit entry chained to the case's head and hashed,
 * the outbox and due rows, the stored case, the view, and the command record.
 * @internal
 */
export function sealDecision(
  d: Decision,
  rows: CaseRows,
  command: { id: string; scope: string; fingerprint: string } | undefined,
): Sealed {
  const { rt, data, after, at } = d
  const head: AuditHead | null = d.before ? data.audit : null
  const entry = sealAuditEntry(head, d.entry)
  data.audit = { seq: entry.seq, hash: entry.hash }
  const atIso = at.toISOString()
  const outbox = [
    ...outboxRowsFor(after.id, entry.seq, d.effects ?? [], reachableChannels(after.personal), atIso),
    ...(d.extraOutbox?.(entry.seq) ?? []),
  ]
  let due: DueRowInput[] | undefined
  if (d.writeDue || d.extraDue) {
    due = dueRowsFor(rt, after.id, entry.seq, data)
    data.clock = { ...data.clock, dueRowIds: due.map((r) => r.id) }
    if (d.extraDue) due.push(...d.extraDue(entry.seq))
  }
  settleCardOpening(data, after.id, due, d.dueDone)
  after.dueAt = data.clock.ledger === undefined ? null : rt.clock.dueAt(data.clock.ledger as unknown as Json)
  indexCalendarVersion(after, rt.clock, data.clock.ledger)
  after.data = caseDataJson(data)
  after.facts = caseReportFacts(data) as unknown as Json
  // Read once the commit is done, the store holds this commit's rows; read before (a command's
  // recorded result, a store that cannot read synchronously), they are added here.
  const view = viewOf(
    rt,
    after,
    () =>
      rows.committed && rows.live
        ? [...rows.live()]
        : rowsAfter(rows.before(), outbox, d.outboxChanges, atIso),
    at,
  )
  const completion: Sealed['completion'] = { case: after, audit: [entry], outbox }
  if (due !== undefined) completion.due = due
  if (command !== undefined) {
    completion.command = {
      id: command.id,
      scope: command.scope,
      result: commandResult(view, data.verified, d.command ?? entry.event, command.fingerprint),
    }
  }
  return { completion, view, event: entry.event }
}
