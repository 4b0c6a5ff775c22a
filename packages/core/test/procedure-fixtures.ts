import { expect } from 'vitest'
import { getSimplePaths } from 'xstate/graph'
import type { MachineEvent, ProcedureContext } from '../src/procedure/context'
import { applyEvent, createProcedureMachine, startCase } from '../src/procedure/index'
import {
  machineStart,
  machineTransition,
  type ProcedureMachineSnapshot,
  toMachineSnapshot,
  toProcedureSnapshot,
} from '../src/procedure/reference'
import type {
  Actor,
  CaseEvent,
  ChecklistRequirement,
  ProcedureSnapshot,
  TransitionResult,
} from '../src/procedure/types'
import type { Channel, Standard } from '../src/standard/schema'

/** The applicant's NIK in these tests (a made-up Sidoarjo NIK). */
export const applicantNik = '3515014101950003'
export const applicantActor: Actor = { id: 'u-pemohon', role: 'pemohon', nik: applicantNik }
export const ctx = { applicantNik }

/** One user per role, so separation of duties never trips by accident. */
export function officer(role: string, id = `u-${role}`): Actor {
  return { id, role }
}

/** The checklist of an applicant who completed the given levels, built from the standard's requirements. */
export function checklistOf(
  standard: Standard,
  levels: string[] = ['sd', 'smp', 'sma'],
): ChecklistRequirement[] {
  return standard.requirements
    .filter((r) => r.onlyIf === undefined)
    .flatMap((r) =>
      r.perEducationLevel
        ? levels.map((l) => ({ id: `${r.id}:${l}`, required: r.required, checkedAt: { ...r.checkedAt } }))
        : [{ id: r.id, required: r.required, checkedAt: { ...r.checkedAt } }],
    )
}

/** The usual submitter of a channel. */
export function submitterOf(channel: Channel): Actor {
  return channel === 'online' ? applicantActor : officer('petugas')
}

/** The ids to verify at a step for a channel, per the checklist (the test's own reading). */
export function itemsAt(checklist: ChecklistRequirement[], channel: Channel, stepId: string): string[] {
  return checklist.filter((c) => c.required && c.checkedAt[channel] === stepId).map((c) => c.id)
}

/** The forward event of a step kind, verifying what the step checks. */
export function forwardOf(
  standard: Standard,
  checklist: ChecklistRequirement[],
  channel: Channel,
  stepId: string,
): CaseEvent {
  const kind = standard.steps.find((s) => s.id === stepId)?.kind
  if (kind === 'review') return { type: 'ACCEPT', verified: itemsAt(checklist, channel, stepId) }
  if (kind === 'sign') return { type: 'SIGN' }
  if (kind === 'task') return { type: 'COMPLETE' }
  if (kind === 'handover') return { type: 'HAND_OVER', verified: itemsAt(checklist, channel, stepId) }
  throw new Error(`no forward event at ${stepId}`)
}

/** Submits and moves a case forward until it rests in `target` (or ends). */
export function walkTo(
  standard: Standard,
  channel: Channel,
  target: string,
  checklist = checklistOf(standard),
): TransitionResult {
  let r = startCase(standard, { channel, actor: submitterOf(channel), checklist, applicantNik })
  for (let i = 0; i < 30 && r.state !== target; i++) {
    if (r.final) throw new Error(`ended in ${r.state} before ${target}`)
    const role = r.awaiting as string
    r = applyEvent(standard, r.snapshot, forwardOf(standard, checklist, channel, r.state), officer(role), ctx)
  }
  if (r.state !== target) throw new Error(`did not reach ${target}`)
  return r
}

/**
 * The events the model offers in a state, each with an actor entitled to send it; `context` (the
 * snapshot's) says what is verified already and what a return asked to check again.
 */
export function eventsOffered(
  standard: Standard,
  channel: Channel,
  state: string,
  context?: ProcedureContext,
): MachineEvent[] {
  const checklist = checklistOf(standard)
  const applicantSide: MachineEvent[] = [
    { type: 'RESUBMIT', actor: applicantActor },
    { type: 'WITHDRAW', reason: 'Sudah mendapat pekerjaan', actor: applicantActor },
  ]
  const index = standard.steps.findIndex((s) => s.id === state)
  const step = standard.steps[index]
  if (!step?.role) return applicantSide
  const done = Object.keys(context?.verified ?? {})
  const recheck = context && Object.hasOwn(context.recheck, state) ? (context.recheck[state] ?? []) : []
  // A return names one checklist item, chosen per step among those the step may judge (its own
  // items and those verified before); accepting there again verifies it.
  const judged = checklist.filter((c) => c.checkedAt[channel] === state || done.includes(c.id))
  const missing = judged[index % Math.max(judged.length, 1)]?.id
  const verified = [...new Set([...itemsAt(checklist, channel, state), ...recheck])].filter(
    (id) => !done.includes(id),
  )
  const actor = officer(step.role)
  const returns: MachineEvent[] =
    missing === undefined
      ? []
      : [{ type: 'RETURN', missing: [missing], reason: 'Berkas belum lengkap', actor }]
  return [
    { type: 'ACCEPT', verified, actor },
    ...returns,
    { type: 'REJECT', reason: 'Data tidak sesuai', actor },
    { type: 'SIGN', actor },
    { type: 'COMPLETE', actor },
    { type: 'HAND_OVER', verified, actor },
    ...applicantSide,
  ]
}

/** Returns at most this many times per path in the model-based tests. */
export const maxReturns = 2
const finals = ['selesai', 'ditolak', 'dibatalkan']

/** Every simple path from a channel's entry to a final state, with at most {@link maxReturns} returns. */
export function simplePaths(standard: Standard, channel: Channel) {
  const machine = createProcedureMachine(standard)
  return getSimplePaths(machine, {
    input: { channel, checklist: checklistOf(standard) },
    events: (snapshot) => eventsOffered(standard, channel, String(snapshot.value), snapshot.context),
    // A vertex is the state with the return count and the returning step: a path may go round
    // the return loop, up to `maxReturns` times. What is verified and what is to be checked again
    // decide the events offered, so they are part of the vertex too.
    serializeState: (snapshot) =>
      JSON.stringify([
        snapshot.value,
        snapshot.context.returns,
        snapshot.context.returnedFrom,
        Object.keys(snapshot.context.verified).sort(),
        snapshot.context.recheck,
      ]),
    filterEvents: (snapshot, event) => event.type !== 'RETURN' || snapshot.context.returns < maxReturns,
    toState: (snapshot) => finals.includes(String(snapshot.value)),
  })
}

function stripActor(event: MachineEvent) {
  const { actor, ...caseEvent } = event
  return { actor, caseEvent }
}

/** Runs one path through the table (`startCase`/`applyEvent`) and the XState machine side by side, via JSON snapshots. */
export function runPath(
  standard: Standard,
  channel: Channel,
  events: MachineEvent[],
  check: (step: PathStep) => void,
) {
  const checklist = checklistOf(standard)
  let result: TransitionResult = startCase(standard, {
    channel,
    actor: submitterOf(channel),
    checklist,
    applicantNik,
  })
  const start = machineStart(standard, { channel, checklist })
  expect(result.effects).toEqual(start.effects)
  expect(result.snapshot).toEqual(toProcedureSnapshot(standard, start.snapshot))
  check({ from: null, event: 'SUBMIT', result })
  for (const event of events) {
    // Persist, JSON, restore: every transition starts from a snapshot that went through JSON.
    const stored = JSON.parse(JSON.stringify(result.snapshot)) as ProcedureSnapshot
    expect(stored).toEqual(result.snapshot)
    const restored: ProcedureMachineSnapshot = toMachineSnapshot(standard, stored)
    expect(toProcedureSnapshot(standard, restored)).toEqual(stored)
    const { actor, caseEvent } = stripActor(event)
    const from = result.state
    result = applyEvent(standard, stored, caseEvent as never, actor, ctx)
    const reference = machineTransition(standard, restored, event)
    expect(reference.changed).toBe(true)
    expect(result.snapshot).toEqual(toProcedureSnapshot(standard, reference.snapshot))
    expect(result.effects).toEqual(reference.effects)
    expect(result.final).toBe(reference.snapshot.status === 'done')
    check({ from, event: event.type, result })
  }
  return result
}

export interface PathStep {
  from: string | null
  event: string
  result: TransitionResult
}
