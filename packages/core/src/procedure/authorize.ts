import { InvalidTransitionError } from '../errors/errors'
import { mayBeSameActor } from '../schemas/identity'
import type { CaseEventType, Channel, Standard } from '../standard/schema'
import { caseEventTypes, channels } from '../standard/schema'
import { type CompiledProcedure, compileProcedure, procedureMachineVersion, type TableEdge } from './compile'
import { holds, needsAt, own, type ProcedureContext } from './context'
import { eventText, roleName } from './messages'
import type { Actor, Authorization, ClockPhase, NextAction, ProcedureSnapshot } from './types'
import { finalStates, returnedState } from './types'

/** What the engine knows about the case beyond the snapshot. */
export interface ProcedureCaseContext {
  /** The applicant's NIK (kept out of the snapshot): an applicant acts only on their own case. */
  applicantNik?: string
  /**
   * The phase of the case's SLA clock before the event. Given, the transition's effect list also
   * carries its lifecycle effects (clock start, pause, resume, stop; register number; card).
   */
  clock?: ClockPhase
}

/** Events the applicant (or an officer on the applicant's behalf) sends, rather than a step's role. */
const applicantEvents = new Set<string>(['RESUBMIT', 'WITHDRAW'])
/** Events the service engine handles itself, before the procedure. */
const engineEvents = new Set<string>(['RETRY_INCIDENT', 'RESOLVE_INCIDENT'])

/** A snapshot checked against the standard it claims. @internal */
export interface Restored {
  compiled: CompiledProcedure
  channel: Channel
  state: string
  context: ProcedureContext
}

function shortHash(hash: string): string {
  return hash.slice(0, 12)
}

/**
 * Checks that a snapshot belongs to this standard and machine version, rests in a state the
 * machine has for its channel, and has a well-formed context.
 * @throws {InvalidTransitionError} naming what does not fit.
 * @internal
 */
export function restore(standard: Standard, snapshot: ProcedureSnapshot): Restored {
  const compiled = compileProcedure(standard)
  const state = snapshot?.state
  if (
    snapshot?.standardId !== standard.id ||
    snapshot.standardVersion !== standard.version ||
    snapshot.standardHash !== standard.hash
  ) {
    const given = `${snapshot?.standardId} versi ${snapshot?.standardVersion} (hash ${shortHash(String(snapshot?.standardHash))})`
    const want = `${standard.id} versi ${standard.version} (hash ${shortHash(standard.hash)})`
    throw new InvalidTransitionError(`Snapshot dibuat dengan standar ${given}, bukan ${want}`, {
      messageEn: `The snapshot was made under standard ${given.replace('versi', 'version')}, not ${want.replace('versi', 'version')}`,
      state,
    })
  }
  if (snapshot.machineVersion !== procedureMachineVersion) {
    throw new InvalidTransitionError(
      `Snapshot dibuat dengan versi mesin prosedur ${snapshot.machineVersion}, bukan ${procedureMachineVersion}`,
      {
        messageEn: `The snapshot was made by procedure machine version ${snapshot.machineVersion}, not ${procedureMachineVersion}`,
        state,
      },
    )
  }
  const channel = snapshot.channel
  if (!(channels as readonly string[]).includes(channel) || !compiled.resting[channel].has(state)) {
    throw new InvalidTransitionError(
      `Status "${state}" tidak ada pada mesin prosedur ${standard.id} versi ${standard.version} untuk jalur ${channel}`,
      {
        messageEn: `State "${state}" does not exist in the procedure machine of ${standard.id} version ${standard.version} for the ${channel} channel`,
        state,
      },
    )
  }
  const context = snapshot.context as unknown as ProcedureContext
  if (!wellFormed(context)) {
    throw new InvalidTransitionError(`Konteks snapshot pada status "${state}" rusak atau tidak dikenal`, {
      messageEn: `The snapshot context in state "${state}" is damaged or unknown`,
      state,
    })
  }
  if ((state === returnedState) !== (context.returnedFrom !== null)) {
    throw new InvalidTransitionError(`Snapshot pada status "${state}" tidak konsisten (returnedFrom)`, {
      messageEn: `The snapshot in state "${state}" is inconsistent (returnedFrom)`,
      state,
    })
  }
  return { compiled, channel, state, context }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function wellFormed(c: ProcedureContext): boolean {
  return (
    isRecord(c) &&
    isRecord(c.checklist) &&
    isRecord(c.verified) &&
    isRecord(c.recheck) &&
    isRecord(c.actedBy) &&
    Array.isArray(c.visits) &&
    typeof c.returns === 'number' &&
    typeof c.account === 'boolean' &&
    (c.returnedFrom === null || typeof c.returnedFrom === 'string') &&
    (c.status === null || typeof c.status === 'string')
  )
}

/**
 * The transition an event would take, judged on the case's state alone (not the actor, not the
 * checklist), or `null` when the event is not possible now.
 * @internal
 */
export function possibleEdge(restored: Restored, type: string): TableEdge | null {
  const row = own(restored.compiled.table[restored.channel], restored.state)
  const edges = row && Object.hasOwn(row, type) ? row[type as CaseEventType] : undefined
  if (!edges) return null
  for (const edge of edges) {
    const { checklistAt: _checklist, ...structural } = edge.when ?? {}
    if (holds(structural, restored.context, restored.channel, { type })) return edge
  }
  return null
}

function deny(rule: string, reason: string, reasonEn: string): Authorization {
  return { allowed: false, rule, reason, reasonEn }
}

/**
 * Whether the actor may act as the applicant: the applicant themself (their NIK equals the
 * case's), or an officer of `behalfRoles` acting for them (`onBehalfOf` equals it).
 * @param behalfRoles the officer roles that may act for the applicant here.
 *   @default the standard's `applicant.onBehalfRoles` (RESUBMIT, WITHDRAW)
 * @internal
 */
export function applicantCheck(
  standard: Standard,
  actor: Actor,
  applicantNik: string | undefined,
  what: { id: string; en: string },
  behalfRoles: readonly string[] = standard.applicant.onBehalfRoles,
): Authorization {
  const { role: applicantRole } = standard.applicant
  const onBehalfRoles = behalfRoles
  if (actor.role === applicantRole) {
    if (applicantNik === undefined || actor.nik !== applicantNik) {
      return deny(
        'not_applicant',
        `Hanya pemohon pemilik permohonan ini (NIK sesuai) yang dapat ${what.id}`,
        `Only the applicant of this case (with the matching NIK) may ${what.en}`,
      )
    }
    return { allowed: true }
  }
  if (onBehalfRoles.includes(actor.role)) {
    if (actor.onBehalfOf === undefined) {
      return deny(
        'on_behalf_of',
        `${roleName(standard, actor.role, 'id')} hanya dapat ${what.id} atas nama pemohon (isi onBehalfOf dengan NIK pemohon)`,
        `A ${roleName(standard, actor.role, 'en')} may ${what.en} only on the applicant's behalf (set onBehalfOf to the applicant's NIK)`,
      )
    }
    if (applicantNik === undefined || actor.onBehalfOf !== applicantNik) {
      return deny(
        'on_behalf_of',
        'onBehalfOf tidak sama dengan NIK pemohon permohonan ini',
        "onBehalfOf does not match the NIK of this case's applicant",
      )
    }
    return { allowed: true }
  }
  return deny(
    'role',
    `Peran ${roleName(standard, actor.role, 'id')} tidak dapat ${what.id}; hanya pemohon atau petugas atas nama pemohon`,
    `The ${roleName(standard, actor.role, 'en')} role may not ${what.en}; only the applicant or an officer on the applicant's behalf may`,
  )
}

/** The authorisation of an event the state allows, for this actor. @internal */
export function authorizeIn(
  restored: Restored,
  type: string,
  actor: Actor,
  applicantNik: string | undefined,
): Authorization {
  const { compiled, state, context } = restored
  const standard = compiled.standard
  const words = { id: eventText(type, 'id'), en: eventText(type, 'en') }
  if (applicantEvents.has(type)) return applicantCheck(standard, actor, applicantNik, words)
  const step = compiled.steps.get(state)
  const stepRole = step?.role
  if (stepRole === undefined) {
    return deny('role', `Tahap "${state}" berjalan otomatis`, `Step "${state}" runs automatically`)
  }
  if (stepRole === standard.applicant.role) {
    const byApplicant = applicantCheck(standard, actor, applicantNik, words)
    if (!byApplicant.allowed) return byApplicant
  } else if (actor.onBehalfOf !== undefined) {
    return deny(
      'on_behalf_of',
      `Petugas yang bertindak atas nama pemohon hanya dapat melakukan tindakan pemohon, bukan ${eventText(type, 'id')} pada tahap "${state}"`,
      `An officer acting on the applicant's behalf may only do the applicant's actions, not ${eventText(type, 'en')} at step "${state}"`,
    )
  } else if (actor.role !== stepRole) {
    return deny(
      'role',
      `Peran ${roleName(standard, actor.role, 'id')} tidak berwenang ${eventText(type, 'id')} pada tahap "${state}"; yang berwenang: ${roleName(standard, stepRole, 'id')}`,
      `The ${roleName(standard, actor.role, 'en')} role may not ${eventText(type, 'en')} at step "${state}"; that is for: ${roleName(standard, stepRole, 'en')}`,
    )
  }
  for (const rule of standard.separationOfDuties) {
    if (!rule.forbids.includes(state)) continue
    for (const earlier of rule.steps) {
      const actedThere = own(context.actedBy, earlier) ?? []
      if (actedThere.some((id) => mayBeSameActor(id, actor.id))) {
        return deny(
          'separation_of_duties',
          `Pemisahan tugas: pengguna ${actor.id} sudah bertindak pada tahap "${earlier}", sehingga tidak boleh bertindak pada tahap "${state}" dengan peran apa pun`,
          `Separation of duties: user ${actor.id} already acted at step "${earlier}", so may not act at step "${state}" in any role`,
        )
      }
    }
  }
  return { allowed: true }
}

/** The refusal of an event the state does not allow. @internal */
export function notPossible(restored: Restored, type: string): { id: string; en: string } {
  if (engineEvents.has(type)) {
    return {
      id: `${eventText(type, 'id')} ditangani oleh layanan, bukan oleh mesin prosedur (status "${restored.state}")`,
      en: `${eventText(type, 'en')} is handled by the service, not by the procedure machine (state "${restored.state}")`,
    }
  }
  if ((finalStates as readonly string[]).includes(restored.state)) {
    return {
      id: `Permohonan sudah selesai dengan status "${restored.state}"; ${eventText(type, 'id')} tidak dapat dilakukan`,
      en: `The case has ended in state "${restored.state}"; ${eventText(type, 'en')} is not possible`,
    }
  }
  return {
    id: `${eventText(type, 'id')} tidak dapat dilakukan pada status "${restored.state}"`,
    en: `${eventText(type, 'en')} is not possible in state "${restored.state}"`,
  }
}

/**
 * Whether an actor may send an event to a case now, with the reason in Bahasa Indonesia and English
 * when not (so a portal can explain a greyed-out button). Rules, by id:
 * `invalid_transition` (the case's state does not take this event), `role` (the step's role in the
 * standard's step table acts at a step; the applicant's events belong to the applicant),
 * `not_applicant` (an applicant acts only on a case whose applicant NIK equals `actor.nik`),
 * `on_behalf_of` (an officer of `applicant.onBehalfRoles` does the applicant's events only with
 * `onBehalfOf` equal to the applicant's NIK, and only those), `separation_of_duties` (from the
 * standard: whoever acted at one of the rule's steps may not act at the steps it forbids, whatever
 * role they log in with).
 *
 * Payloads are not judged here (see {@link applyEvent} for the checklist).
 * @throws {InvalidTransitionError} when the snapshot does not belong to this standard and machine.
 * @example
 * ```ts
 * const verdict = authorize(balongbendo, snapshot, { type: 'SIGN' }, { id: 'u-9', role: 'camat' })
 * if (!verdict.allowed) button.title = verdict.reason // verdict.reasonEn in English
 * ```
 */
export function authorize(
  standard: Standard,
  snapshot: ProcedureSnapshot,
  event: { type: CaseEventType },
  actor: Actor,
  ctx: ProcedureCaseContext = {},
): Authorization {
  const restored = restore(standard, snapshot)
  if (!possibleEdge(restored, event.type)) {
    const text = notPossible(restored, event.type)
    return deny('invalid_transition', text.id, text.en)
  }
  return authorizeIn(restored, event.type, actor, ctx.applicantNik)
}

/**
 * The events this actor may send to the case now, each with its step (for a returned case, the
 * step that returned it) and, for ACCEPT and HAND_OVER, the checklist ids still to verify there.
 * @throws {InvalidTransitionError} when the snapshot does not belong to this standard and machine.
 * @example
 * ```ts
 * nextActions(balongbendo, snapshot, { id: 'u-1', role: 'petugas' })
 * // [{ type: 'ACCEPT', stepId: 'penerimaan', needs: ['ktp_asli', ...] }, { type: 'RETURN', stepId: 'penerimaan' }]
 * ```
 */
export function nextActions(
  standard: Standard,
  snapshot: ProcedureSnapshot,
  actor: Actor,
  ctx: ProcedureCaseContext = {},
): NextAction[] {
  const restored = restore(standard, snapshot)
  const stepId = restored.context.returnedFrom ?? restored.state
  const out: NextAction[] = []
  for (const type of caseEventTypes) {
    if (!possibleEdge(restored, type)) continue
    if (!authorizeIn(restored, type, actor, ctx.applicantNik).allowed) continue
    const action: NextAction = { type, stepId }
    if (type === 'ACCEPT' || type === 'HAND_OVER') action.needs = needsAt(restored.context, restored.state)
    out.push(action)
  }
  return out
}
