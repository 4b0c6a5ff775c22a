import type { Channel, NoticeChannel } from '../standard/schema'
import type { Actor, CaseEvent, ChecklistRequirement, EffectIntent } from './types'

/**
 * The serialisable context of a procedure snapshot (`ProcedureSnapshot.context`). Plain JSON: no
 * dates (the engine adds times), no personal data (the applicant's NIK stays out).
 */
export type ProcedureContext = {
  /** The case's checklist: per item id, whether it is required and the step that checks it in this channel. */
  checklist: Record<string, { required: boolean; at: string | null }>
  /** Who verified each checklist item, and at which step. */
  verified: Record<string, { by: string; role: string; stepId: string }>
  /** Items a RETURN named missing, to be verified again when the case is accepted at that step. */
  recheck: Record<string, string[]>
  /** The step that returned the case to the applicant, while it waits (`dikembalikan`). */
  returnedFrom: string | null
  /** How many times the case was returned. */
  returns: number
  /** Step ids entered, in order (intake and automatic steps included). */
  visits: string[]
  /** Per step, the ids of the actors who acted there (separation of duties reads this). */
  actedBy: Record<string, string[]>
  /** Whether the applicant's SIPRAJA account exists (online: from the start; tatap muka: once created). */
  account: boolean
  /** The SIPRAJA status label last sent, or `null`. */
  status: string | null
}

/** The context the XState machine carries: the snapshot context plus the channel. @internal */
export type MachineContext = ProcedureContext & { channel: Channel }

/** An event as the machine receives it: the case event plus who sends it. */
export type MachineEvent = CaseEvent & { actor: Actor }

/** The machine's input: the channel and the case's checklist. */
export interface MachineInput {
  channel: Channel
  checklist: readonly ChecklistRequirement[]
}

/**
 * The conditions of a guarded transition, all of which must hold. `channel` routes by channel
 * (resolved when a standard is compiled), `checklistAt` requires the checklist items of that step
 * to be verified (with those the event verifies), `returnedFrom` requires the case to have been
 * returned by one of the listed steps.
 * @internal
 */
export interface When {
  channel?: Channel
  checklistAt?: string
  returnedFrom?: string[]
}

/**
 * One operation of a transition, in order: a context update or an effect intent. The XState
 * machine runs them as named actions, the compiled table runs them directly.
 * @internal
 */
export type Op =
  | { type: 'visit'; params: { stepId: string } }
  | { type: 'recordAct'; params: { stepId: string } }
  | { type: 'recordVerified'; params: { stepId: string } }
  | { type: 'recordReturn'; params: { stepId: string } }
  | { type: 'clearReturn' }
  | { type: 'openAccount' }
  | { type: 'notice'; params: { template: string; channels: NoticeChannel[] } }
  | { type: 'sipraja'; params: { action: 'ensure_account' | 'upload_attachments' } }
  | { type: 'syncStatus'; params: { state: string } }

/** The context of a new case. @internal */
export function initialContext(
  channel: Channel,
  checklist: readonly ChecklistRequirement[],
): ProcedureContext {
  const items: ProcedureContext['checklist'] = Object.fromEntries(
    checklist.map((item) => [item.id, { required: item.required, at: item.checkedAt[channel] ?? null }]),
  )
  return {
    checklist: items,
    verified: {},
    recheck: {},
    returnedFrom: null,
    returns: 0,
    visits: [],
    actedBy: {},
    // An online applicant submitted in SIPRAJA, so the account exists.
    account: channel === 'online',
    status: null,
  }
}

/** An own entry of a record keyed by ids from input (never one of Object.prototype's). @internal */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/**
 * The checklist ids an ACCEPT or HAND_OVER may verify at a step: the items the standard checks
 * there, and the items a RETURN from that step named, that are not verified. Nothing else: an
 * item is verified at its own step and only there, and a verification is never overwritten.
 * @internal
 */
export function verifiableAt(context: ProcedureContext, stepId: string): string[] {
  const ids: string[] = []
  for (const [id, item] of Object.entries(context.checklist)) {
    if (item.at === stepId && !Object.hasOwn(context.verified, id)) ids.push(id)
  }
  for (const id of own(context.recheck, stepId) ?? []) {
    if (!Object.hasOwn(context.verified, id) && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/**
 * The checklist ids still to verify at a step: the required items checked there, and the items a
 * RETURN from that step named, that are not verified.
 * @internal
 */
export function needsAt(context: ProcedureContext, stepId: string): string[] {
  const recheck = own(context.recheck, stepId) ?? []
  return verifiableAt(context, stepId).filter(
    (id) => own(context.checklist, id)?.required === true || recheck.includes(id),
  )
}

/**
 * Whether a RETURN from a step may name an item missing: an item checked at that step, an item
 * verified before (a later step may find it wanting), or one that step already named. An item whose
 * own step is still ahead is not this step's to judge.
 * @internal
 */
export function returnableAt(context: ProcedureContext, stepId: string, id: string): boolean {
  return (
    own(context.checklist, id)?.at === stepId ||
    Object.hasOwn(context.verified, id) ||
    (own(context.recheck, stepId) ?? []).includes(id)
  )
}

/** Whether the guard conditions hold; `channel` is the case's channel. @internal */
export function holds(
  when: When | undefined,
  context: ProcedureContext,
  channel: Channel,
  event: { type: string; verified?: string[] },
): boolean {
  if (!when) return true
  if (when.channel !== undefined && when.channel !== channel) return false
  if (when.returnedFrom !== undefined && !when.returnedFrom.includes(context.returnedFrom ?? '')) return false
  if (when.checklistAt !== undefined) {
    const given = event.verified ?? []
    for (const id of needsAt(context, when.checklistAt)) if (!given.includes(id)) return false
    const verifiable = verifiableAt(context, when.checklistAt)
    if (!given.every((id) => verifiable.includes(id))) return false
  }
  return true
}

/**
 * Applies the context operations of a transition (effect operations leave the context alone).
 * Pure: returns a new context when something changed.
 * @internal
 */
export function reduce<C extends ProcedureContext>(context: C, op: Op, event: MachineEvent): C {
  switch (op.type) {
    case 'visit':
      return { ...context, visits: [...context.visits, op.params.stepId] }
    case 'recordAct': {
      const ids = own(context.actedBy, op.params.stepId) ?? []
      if (ids.includes(event.actor.id)) return context
      return { ...context, actedBy: { ...context.actedBy, [op.params.stepId]: [...ids, event.actor.id] } }
    }
    case 'recordVerified': {
      const given = 'verified' in event ? (event.verified ?? []) : []
      // Only what this step may verify (the guard refuses anything else); never overwrite.
      const verifiable = verifiableAt(context, op.params.stepId)
      let verified = context.verified
      for (const id of given) {
        if (!verifiable.includes(id) || Object.hasOwn(verified, id)) continue
        verified = {
          ...verified,
          [id]: { by: event.actor.id, role: event.actor.role, stepId: op.params.stepId },
        }
      }
      const { [op.params.stepId]: _done, ...recheck } = context.recheck
      return { ...context, verified, recheck }
    }
    case 'recordReturn': {
      const stepId = op.params.stepId
      const missing =
        event.type === 'RETURN' ? event.missing.filter((id) => returnableAt(context, stepId, id)) : []
      const verified = Object.fromEntries(
        Object.entries(context.verified).filter(([id]) => !missing.includes(id)),
      )
      const before = own(context.recheck, stepId) ?? []
      const recheck = missing.length
        ? {
            ...context.recheck,
            [stepId]: [...before, ...missing.filter((id) => !before.includes(id))],
          }
        : context.recheck
      return { ...context, verified, recheck, returnedFrom: stepId, returns: context.returns + 1 }
    }
    case 'clearReturn':
      return { ...context, returnedFrom: null }
    case 'openAccount':
      return context.account ? context : { ...context, account: true }
    default:
      return context
  }
}

/**
 * The SIPRAJA status label of a state per the standard (`siprajaStatus[state]`, else `'*'`), and
 * whether it must be sent now: it changed and the account exists.
 * @internal
 */
export function statusChange(
  labels: Readonly<Record<string, string>>,
  context: ProcedureContext,
  state: string,
): string | null {
  const label = own(labels, state) ?? own(labels, '*') ?? null
  if (label === null || !context.account || label === context.status) return null
  return label
}

/** The effect intent of an effect operation, or `null` for a context operation. @internal */
export function effectOf(op: Op): EffectIntent | null {
  if (op.type === 'notice')
    return { kind: 'notice', template: op.params.template, channels: op.params.channels }
  if (op.type === 'sipraja') return { kind: 'sipraja', action: op.params.action }
  return null
}
