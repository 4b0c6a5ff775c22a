import { applyEvent, startCase } from '../src/procedure/index'
import type { Actor, CaseEvent, ChecklistRequirement, TransitionResult } from '../src/procedure/types'
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
