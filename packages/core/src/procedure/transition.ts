import { z } from 'zod'
import {
  ForbiddenError,
  InvalidTransitionError,
  ValidationError,
  type ValidationIssue,
} from '../errors/errors'
import { parseOrThrow } from '../i18n/zod-issues'
import type { AuditActor, Json } from '../ports/case-store'
import { issue } from '../standard/define-standard'
import type { Channel, Standard } from '../standard/schema'
import { channels } from '../standard/schema'
import {
  applicantCheck as applicantCheckForSubmit,
  authorizeIn,
  notPossible,
  type ProcedureCaseContext,
  possibleEdge,
  restore,
} from './authorize'
import {
  type CompiledProcedure,
  compileProcedure,
  procedureMachineVersion,
  submissionState,
  type TableEdge,
} from './compile'
import {
  effectOf,
  holds,
  initialContext,
  type MachineEvent,
  needsAt,
  own,
  type ProcedureContext,
  reduce,
  returnableAt,
  statusChange,
  verifiableAt,
} from './context'
import { actorSchema, procedureEventSchemas } from './input'
import { issuanceStepsOf, lifecycleEffects } from './lifecycle'
import { roleName } from './messages'
import type {
  Actor,
  CaseEvent,
  ChecklistRequirement,
  EffectIntent,
  ProcedureSnapshot,
  TransitionResult,
} from './types'
import { finalStates, returnedState } from './types'

/** Options of {@link startCase}. */
export interface StartCaseOptions {
  /** How the application reached the office. */
  channel: Channel
  /** Who submits: a front-desk officer (tatap muka), the applicant or an officer on their behalf (online). */
  actor: Actor
  /** The case's document checklist (a `ChecklistItem[]` from `checklistFor` fits). */
  checklist: readonly ChecklistRequirement[]
  /** The applicant's NIK, to check an applicant or on-behalf submitter; never stored in the snapshot. */
  applicantNik?: string
  /** Whether the effect list also carries the lifecycle effects (the clock's start). @default false */
  lifecycle?: boolean
}

const actorInputSchema = z.object({ actor: actorSchema })

const checklistSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(200),
      required: z.boolean(),
      checkedAt: z.object({ tatap_muka: z.string().optional(), online: z.string().optional() }),
    }),
  )
  .max(500)

const checklistInputSchema = z.object({ checklist: checklistSchema })

/**
 * The actor as the audit trail records it: ids and roles only. An officer acting for the applicant
 * names the applicant's NIK in `onBehalfOf` (authorisation compares it with the case's); the trail
 * records the represented party by its role instead (a case has exactly one applicant), so it holds
 * no personal data.
 */
function auditActor(standard: Standard, actor: Actor): AuditActor {
  return actor.onBehalfOf === undefined
    ? { id: actor.id, role: actor.role }
    : { id: actor.id, role: actor.role, onBehalfOf: standard.applicant.role }
}

function forbid(rule: string, reason: string, reasonEn: string): never {
  throw new ForbiddenError(rule, reason, { messageEn: reasonEn })
}

/** Runs a compiled transition's operations: the new context and the effect intents, in order. */
function run(
  compiled: CompiledProcedure,
  edge: TableEdge,
  context: ProcedureContext,
  event: MachineEvent,
): { context: ProcedureContext; effects: EffectIntent[] } {
  let next = context
  const effects: EffectIntent[] = []
  for (const op of edge.ops) {
    if (op.type === 'syncStatus') {
      const status = statusChange(compiled.labels, next, op.params.state)
      if (status !== null) {
        effects.push({ kind: 'sipraja', action: 'set_status', status })
        next = { ...next, status }
      }
      continue
    }
    const effect = effectOf(op)
    if (effect) effects.push(effect)
    else next = reduce(next, op, event)
  }
  return { context: next, effects }
}

function awaitingOf(compiled: CompiledProcedure, state: string): string | null {
  if ((finalStates as readonly string[]).includes(state)) return null
  if (state === returnedState) return compiled.standard.applicant.role
  return compiled.steps.get(state)?.role ?? null
}

function result(
  compiled: CompiledProcedure,
  channel: Channel,
  from: string | null,
  edge: TableEdge,
  ran: { context: ProcedureContext; effects: EffectIntent[] },
  audit: { event: string; actor: Actor; details: Record<string, Json> },
): TransitionResult {
  const { standard } = compiled
  const state = edge.target
  const snapshot: ProcedureSnapshot = {
    standardId: standard.id,
    standardVersion: standard.version,
    standardHash: standard.hash,
    machineVersion: procedureMachineVersion,
    state,
    channel,
    context: ran.context,
  }
  const details = edge.through.length ? { ...audit.details, through: edge.through } : audit.details
  return {
    snapshot,
    state,
    awaiting: awaitingOf(compiled, state),
    final: (finalStates as readonly string[]).includes(state),
    audit: { event: audit.event, from, to: state, actor: auditActor(standard, audit.actor), details },
    effects: ran.effects,
  }
}

/**
 * Submits an application: the first transition of a case. A `tatap_muka` case enters at the first
 * step that applies to it after intake (Balongbendo: `penerimaan`), submitted by a role in
 * `standard.channels.tatap_muka.submittedBy`; an `online` case enters after the intake (`unggah`),
 * submitted by the applicant or by another role of `channels.online.submittedBy` on the applicant's
 * behalf (it must give `onBehalfOf`, the applicant's NIK; `applicant.onBehalfRoles` does not apply
 * here, it governs RESUBMIT and WITHDRAW). Effects: the
 * `on: 'submit'` notices and SIPRAJA writes of every step applying to the channel, then the SIPRAJA
 * status when the applicant's account exists. The audit entry is `SUBMIT` from `null`.
 *
 * @throws {ValidationError} for a bad channel, actor or checklist (rule `checklist_step` for an item
 *   checked at a step where nothing can verify it).
 * @throws {ForbiddenError} when the actor may not submit on this channel.
 * @example
 * ```ts
 * const { snapshot, effects } = startCase(balongbendo, {
 *   channel: 'tatap_muka',
 *   actor: { id: 'u-petugas', role: 'petugas' },
 *   checklist: checklistFor(balongbendo, application),
 *   applicantNik: application.applicant.nik,
 * })
 * ```
 */
export function startCase(standard: Standard, options: StartCaseOptions): TransitionResult {
  return start(standard, options, false)
}

/**
 * {@link startCase} for input the engine already parsed: the actor by the service's one actor
 * schema, the checklist made by `checklistFor` from a defined standard. Skips parsing them again.
 * @internal
 */
export function startParsedCase(standard: Standard, options: StartCaseOptions): TransitionResult {
  return start(standard, options, true)
}

function start(standard: Standard, options: StartCaseOptions, parsed: boolean): TransitionResult {
  const compiled = compileProcedure(standard)
  const channel = options?.channel
  if (!(channels as readonly string[]).includes(channel)) {
    throw new ValidationError([
      issue(
        ['channel'],
        'invalid_value',
        `harus salah satu dari: ${channels.join(', ')}`,
        `must be one of: ${channels.join(', ')}`,
      ),
    ])
  }
  if (!compiled.channels.includes(channel)) {
    throw new ValidationError([
      issue(
        ['channel'],
        'channel_unavailable',
        `standar ${standard.id} tidak menerima permohonan melalui jalur ${channel}`,
        `standard ${standard.id} takes no applications on the ${channel} channel`,
      ),
    ])
  }
  const actor = parsed
    ? options.actor
    : (parseOrThrow(actorInputSchema, { actor: options.actor }).actor as Actor)
  const checklist = parsed
    ? options.checklist
    : (parseOrThrow(checklistInputSchema, { checklist: options.checklist })
        .checklist as ChecklistRequirement[])
  const problems: ValidationIssue[] = []
  const seen = new Set<string>()
  checklist.forEach((item, i) => {
    if (seen.has(item.id)) {
      problems.push(
        issue(
          ['checklist', i, 'id'],
          'unique',
          `butir "${item.id}" ganda`,
          `item "${item.id}" appears twice`,
        ),
      )
    }
    seen.add(item.id)
    const at = item.checkedAt[channel]
    if (at === undefined) return
    const events = compiled.steps.get(at)?.events ?? []
    const verifiable =
      compiled.resting[channel].has(at) && (events.includes('ACCEPT') || events.includes('HAND_OVER'))
    if (!verifiable) {
      problems.push(
        issue(
          ['checklist', i, 'checkedAt', channel],
          'checklist_step',
          `langkah "${at}" tidak memeriksa berkas pada jalur ${channel} (harus langkah yang menerima ACCEPT atau HAND_OVER)`,
          `step "${at}" does not check documents on the ${channel} channel (it must accept ACCEPT or HAND_OVER)`,
        ),
      )
    }
  })
  if (problems.length) throw new ValidationError(problems)

  authorizeSubmission(standard, channel, actor, options.applicantNik)
  const edge = compiled.table[channel][submissionState]?.SUBMIT?.[0] as TableEdge
  const context = initialContext(channel, checklist)
  const ran = run(compiled, edge, context, { type: 'SUBMIT', actor } as unknown as MachineEvent)
  const out = result(compiled, channel, null, edge, ran, {
    event: 'SUBMIT',
    actor,
    details: { channel, stepId: edge.target },
  })
  // The clock starts at submission when the standard counts from receipt.
  if (options.lifecycle === true && standard.completion.clockStart === 'received') {
    out.effects.push({ kind: 'clock', action: 'start' })
  }
  return out
}

function authorizeSubmission(standard: Standard, channel: Channel, actor: Actor, applicantNik?: string) {
  const submitters = standard.channels[channel]?.submittedBy ?? []
  const words = { id: 'mengajukan permohonan', en: 'submit the application' }
  if (!submitters.includes(actor.role)) {
    forbid(
      'role',
      `Peran ${roleName(standard, actor.role, 'id')} tidak dapat mengajukan permohonan melalui jalur ${channel}; yang dapat: ${submitters.map((r) => roleName(standard, r, 'id')).join(', ')}`,
      `The ${roleName(standard, actor.role, 'en')} role may not submit on the ${channel} channel; who may: ${submitters.map((r) => roleName(standard, r, 'en')).join(', ')}`,
    )
  }
  const { role: applicantRole } = standard.applicant
  // Where the applicant submits themself (online), any other role the channel names submits on the
  // applicant's behalf (Balongbendo's operator "membantu upload") and must say so with `onBehalfOf`;
  // `applicant.onBehalfRoles` is about RESUBMIT and WITHDRAW, not about who submits.
  const actsForApplicant = actor.role === applicantRole || submitters.includes(applicantRole)
  if (actsForApplicant) {
    const behalf = submitters.filter((r) => r !== applicantRole)
    const verdict = applicantCheckForSubmit(standard, actor, applicantNik, words, behalf)
    if (!verdict.allowed) forbid(verdict.rule, verdict.reason, verdict.reasonEn)
  } else if (actor.onBehalfOf !== undefined && actor.onBehalfOf !== applicantNik) {
    forbid(
      'on_behalf_of',
      'onBehalfOf tidak sama dengan NIK pemohon permohonan ini',
      "onBehalfOf does not match the NIK of this case's applicant",
    )
  }
}

/**
 * The checklist ids an event names that it may not: ids not in the case's checklist
 * (`unknown_checklist_item`); at ACCEPT and HAND_OVER, ids the step does not check
 * (`checklist_wrong_step`) or that were verified before (`checklist_already_verified`: who verified
 * an item is never overwritten); at RETURN, ids whose own step is still ahead (`checklist_wrong_step`).
 */
function checklistProblems(
  context: ProcedureContext,
  payload: Record<string, Json>,
  state: string,
  checklistAt: string | undefined,
): ValidationIssue[] {
  const problems: ValidationIssue[] = []
  const verifiable = checklistAt === undefined ? [] : verifiableAt(context, checklistAt)
  for (const key of ['verified', 'missing'] as const) {
    const ids = payload[key]
    if (!Array.isArray(ids)) continue
    ids.forEach((id, i) => {
      if (typeof id !== 'string') return
      const item = own(context.checklist, id)
      const by = own(context.verified, id)
      if (item === undefined) {
        problems.push(
          issue(
            [key, i],
            'unknown_checklist_item',
            `butir "${id}" tidak ada dalam daftar periksa permohonan ini`,
            `item "${id}" is not in this case's checklist`,
          ),
        )
      } else if (key === 'verified' && by !== undefined) {
        problems.push(
          issue(
            [key, i],
            'checklist_already_verified',
            `butir "${id}" sudah diverifikasi oleh ${by.by} (${by.role}) pada tahap "${by.stepId}"; verifikasi tidak dapat ditimpa`,
            `item "${id}" was already verified by ${by.by} (${by.role}) at step "${by.stepId}"; a verification is never overwritten`,
          ),
        )
      } else if (key === 'verified' ? !verifiable.includes(id) : !returnableAt(context, state, id)) {
        const at = item.at === null ? 'tidak diperiksa pada jalur ini' : `diperiksa pada tahap "${item.at}"`
        const atEn = item.at === null ? 'not checked on this channel' : `checked at step "${item.at}"`
        problems.push(
          issue(
            [key, i],
            'checklist_wrong_step',
            `butir "${id}" ${at}, bukan pada tahap "${state}"`,
            `item "${id}" is ${atEn}, not at step "${state}"`,
          ),
        )
      }
    })
  }
  return problems
}

/**
 * The event fields an audit entry keeps, by name: the checklist ids and the officer's `reason` (free
 * text about the documents, no personal data: see {@link CaseEvent}). Anything else an event
 * carries, today or added later, stays out of the audit chain (which is never erased) until it is
 * named here.
 * @internal
 */
export const auditedEventFields: readonly string[] = ['verified', 'missing', 'reason']

/** The payload's {@link auditedEventFields}, in the payload's order (so entries hash as before). */
function auditedFields(payload: Record<string, Json>): Record<string, Json> {
  const kept: Record<string, Json> = {}
  for (const [key, value] of Object.entries(payload))
    if (auditedEventFields.includes(key) && value !== undefined) kept[key] = value
  return kept
}

/**
 * Applies an event to a case: checks the snapshot against the standard, that the event is possible
 * in the case's state, that the actor may send it ({@link authorize}), and its payload (at ACCEPT and
 * HAND_OVER the checklist items checked at the step must be verified), then transitions. Pure:
 * returns the new snapshot, the audit entry's fields and the effect intents; a refused event
 * changes nothing.
 *
 * @throws {InvalidTransitionError} naming state and event when the event is not possible, or when
 *   the snapshot's standard, machine version or state does not fit this standard's machine.
 * @throws {ForbiddenError} with `rule` and the reason (Indonesian; `messageEn` English).
 * @throws {ValidationError} for a bad payload (rule `checklist_incomplete` naming the ids not
 *   verified, `unknown_checklist_item`).
 */
export function applyEvent(
  standard: Standard,
  snapshot: ProcedureSnapshot,
  event: CaseEvent,
  actor: Actor,
  ctx: ProcedureCaseContext = {},
): TransitionResult {
  return transition(standard, snapshot, event, actor, ctx, false)
}

/**
 * {@link applyEvent} for an event and actor the engine already parsed with the same schemas
 * (`caseEventSchema`, `actorSchema`): the same checks in the same order, without parsing them again.
 * @internal
 */
export function applyParsedEvent(...args: Parameters<typeof applyEvent>): TransitionResult {
  const [standard, snapshot, event, actor, ctx = {}] = args
  return transition(standard, snapshot, event, actor, ctx, true)
}

function transition(
  standard: Standard,
  snapshot: ProcedureSnapshot,
  event: CaseEvent,
  actor: Actor,
  ctx: ProcedureCaseContext,
  parsed: boolean,
): TransitionResult {
  const restored = restore(standard, snapshot)
  const type = String((event as { type?: unknown } | undefined)?.type)
  const edge = possibleEdge(restored, type)
  if (!edge) {
    const text = notPossible(restored, type)
    throw new InvalidTransitionError(text.id, { messageEn: text.en, state: restored.state, event: type })
  }
  const validActor = parsed ? actor : (parseOrThrow(actorInputSchema, { actor }).actor as Actor)
  const verdict = authorizeIn(restored, type, validActor, ctx.applicantNik)
  if (!verdict.allowed) forbid(verdict.rule, verdict.reason, verdict.reasonEn)

  const { type: _type, ...payload } = (
    parsed
      ? event
      : parseOrThrow(procedureEventSchemas[type as keyof typeof procedureEventSchemas] as z.ZodType, event)
  ) as Record<string, Json>
  const { context } = restored
  const problems = checklistProblems(context, payload, restored.state, edge.when?.checklistAt)
  if (problems.length) throw new ValidationError(problems)
  if (edge.when?.checklistAt !== undefined) {
    const given = (payload.verified as string[] | undefined) ?? []
    const missing = needsAt(context, edge.when.checklistAt).filter((id) => !given.includes(id))
    if (missing.length) {
      throw new ValidationError([
        issue(
          ['verified'],
          'checklist_incomplete',
          `butir wajib belum diverifikasi pada tahap "${restored.state}": ${missing.join(', ')}`,
          `required items not verified at step "${restored.state}": ${missing.join(', ')}`,
        ),
      ])
    }
  }
  const machineEvent = { ...payload, type, actor: validActor } as MachineEvent
  // Guard conditions were checked above; this holds by construction and keeps the table honest.
  if (!holds(edge.when, context, restored.channel, machineEvent as { type: string; verified?: string[] })) {
    throw new InvalidTransitionError(`${type} tidak dapat dilakukan pada status "${restored.state}"`, {
      messageEn: `${type} is not possible in state "${restored.state}"`,
      state: restored.state,
      event: type,
    })
  }
  const ran = run(restored.compiled, edge, context, machineEvent)
  const stepId = restored.state === returnedState ? (context.returnedFrom as string) : restored.state
  const out = result(restored.compiled, restored.channel, restored.state, edge, ran, {
    event: type,
    actor: validActor,
    details: { stepId, ...auditedFields(payload) },
  })
  if (ctx.clock !== undefined) {
    out.effects.push(
      ...lifecycleEffects(issuanceStepsOf(standard), {
        event: type,
        from: restored.state,
        to: out.state,
        final: out.final,
        clock: ctx.clock,
      }),
    )
  }
  return out
}
