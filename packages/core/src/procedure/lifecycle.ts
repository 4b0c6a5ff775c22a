import type { ValidationIssue } from '../errors/errors'
import { issue, standardChecks } from '../standard/define-standard'
import type { Standard } from '../standard/schema'
import { type ClockPhase, type LifecycleEffect, returnedState } from './types'

export type { ClockPhase, LifecycleEffect } from './types'

/** Which steps' `COMPLETE` gives the register number and prints the card. */
export interface IssuanceSteps {
  /** The step whose COMPLETE gives the register number (`null`: given with the card). */
  registerStep: string | null
  /** The step whose COMPLETE prints the card and stops the SLA clock. */
  cardStep: string | null
}

const issuanceCache = new WeakMap<Standard, IssuanceSteps>()

/** {@link issuanceSteps}, worked out once per standard object. */
export function issuanceStepsOf(standard: Standard): IssuanceSteps {
  let found = issuanceCache.get(standard)
  if (!found) {
    found = issuanceSteps(standard)
    issuanceCache.set(standard, found)
  }
  return found
}

/**
 * The issuance steps of a standard, read from its `issuance` setting: a named step that exists and
 * accepts COMPLETE; else, for the card, the last `task` step that accepts COMPLETE before the
 * `handover` step, and for the register number none (it comes with the card).
 */
export function issuanceSteps(standard: Standard): IssuanceSteps {
  const completes = (stepId: string | null) =>
    stepId !== null && standard.steps.some((s) => s.id === stepId && s.events.includes('COMPLETE'))
  const { registerStep, cardStep } = standard.issuance
  let card = completes(cardStep) ? cardStep : null
  if (card === null) {
    const handover = standard.steps.findIndex((s) => s.kind === 'handover')
    const before = (handover === -1 ? standard.steps : standard.steps.slice(0, handover)).filter(
      (s) => s.kind === 'task' && s.events.includes('COMPLETE'),
    )
    card = before.at(-1)?.id ?? null
  }
  return { registerStep: completes(registerStep) ? registerStep : null, cardStep: card }
}

/**
 * The lifecycle effects of one transition, from the step kinds and marks of the standard (no step
 * or role is named in code): the clock starts at the first ACCEPT when it did not start at
 * submission, pauses when the case is returned to the applicant and resumes when it comes back,
 * and stops when the card is printed or the case ends; COMPLETE at the register step gives the
 * register number, COMPLETE at the card step the card (and the number, if none was given yet).
 */
export function lifecycleEffects(
  issuance: IssuanceSteps,
  t: { event: string; from: string; to: string; final: boolean; clock: ClockPhase },
): LifecycleEffect[] {
  const out: LifecycleEffect[] = []
  if (t.clock === 'not_started') {
    if (t.event === 'ACCEPT' && !t.final) out.push({ kind: 'clock', action: 'start' })
  } else if (t.clock !== 'stopped') {
    if (t.to === returnedState && t.from !== returnedState) out.push({ kind: 'clock', action: 'pause' })
    else if (t.from === returnedState && t.to !== returnedState) out.push({ kind: 'clock', action: 'resume' })
    if ((t.event === 'COMPLETE' && t.from === issuance.cardStep) || t.final) {
      out.push({ kind: 'clock', action: 'stop' })
    }
  }
  if (t.event === 'COMPLETE' && (t.from === issuance.registerStep || t.from === issuance.cardStep)) {
    out.push({ kind: 'issue', what: 'register_number' })
    if (t.from === issuance.cardStep) out.push({ kind: 'issue', what: 'card' })
  }
  return out
}

/** `defineStandard` refuses an issuance step the standard has but that does not accept COMPLETE. */
function checkIssuanceSteps(standard: Standard): ValidationIssue[] {
  const problems: ValidationIssue[] = []
  for (const key of ['registerStep', 'cardStep'] as const) {
    const stepId = standard.issuance[key]
    const step = standard.steps.find((s) => s.id === stepId)
    if (step && !step.events.includes('COMPLETE')) {
      problems.push(
        issue(
          ['issuance', key],
          'issuance_needs_complete',
          `langkah "${step.id}" tidak menerima COMPLETE`,
          `step "${step.id}" does not accept COMPLETE`,
        ),
      )
    }
  }
  if (
    standard.issuance.registerStep !== null &&
    standard.issuance.registerStep === standard.issuance.cardStep
  ) {
    problems.push(
      issue(
        ['issuance', 'registerStep'],
        'issuance_same_step',
        'langkah register harus lain dari langkah kartu (null: nomor register diberikan bersama kartu)',
        'the register step must differ from the card step (null: the number comes with the card)',
      ),
    )
  }
  return problems
}
standardChecks.push(checkIssuanceSteps)
