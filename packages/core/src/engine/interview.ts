import { ValidationError } from '../errors/errors'
import type { Json } from '../ports/case-store'
import { type Ak2Record, ak2SettingsIssues, defaultAk2Settings } from '../schemas/ak2'
import type { Standard } from '../standard/schema'
import type { ProcedureEvent } from './commands/act'
import type { Decision } from './decision'
import type { CaseAk2 } from './types'

/** The key of the case's personal data that holds the AK/II, beside the application's fields. */
const ak2Key = 'ak2'

/** The AK/II fields an interview step records and must record (the standard's, or the default). @internal */
export function ak2SettingsOf(step: Standard['steps'][number]) {
  return step.ak2 ?? defaultAk2Settings
}

/**
 * Takes the AK/II off a COMPLETE at an interview step and checks it against the step's settings
 * (every required field given, no field the step does not record). The event passed on to the
 * procedure never carries it, so it reaches neither the snapshot nor the audit trail.
 *
 * @throws {ValidationError} naming `event.ak2.<field>`, or `event.ak2` at a step that is no interview.
 * @internal
 */
export function takeInterview(
  standard: Standard,
  state: string,
  event: ProcedureEvent,
): { event: ProcedureEvent; ak2?: Ak2Record; stepId?: string } {
  if (event.type !== 'COMPLETE') return { event }
  const step = standard.steps.find((s) => s.id === state)
  const given = event.ak2 as Ak2Record | undefined
  if (step?.kind !== 'interview') {
    if (given === undefined) return { event }
    throw new ValidationError([
      {
        path: ['event', 'ak2'],
        rule: 'ak2_not_interview',
        message: `isian kartu AK/II hanya dicatat pada langkah wawancara; langkah "${step?.name ?? state}" bukan wawancara`,
        messageEn: `AK/II content is recorded at an interview step only; step "${step?.name ?? state}" is not one`,
      },
    ])
  }
  const ak2 = given ?? {}
  const issues = ak2SettingsIssues(ak2, ak2SettingsOf(step), step.name)
  if (issues.length) throw new ValidationError(issues)
  return { event: { type: 'COMPLETE' }, ak2, stepId: step.id }
}

/**
 * Records the AK/II in a decision: in the case's personal data (sealed by the store's codec, as the
 * application is), and in the audit entry by the names of the fields recorded only.
 * @internal
 */
export function recordInterview(decision: Decision, ak2: Ak2Record, stepId: string): void {
  const at = decision.at.toISOString()
  const record: CaseAk2 = { ...ak2, stepId, recordedAt: at }
  decision.after = {
    ...decision.after,
    personal: { ...(decision.after.personal as Record<string, Json>), [ak2Key]: record as unknown as Json },
  }
  const details = decision.entry.details as Record<string, Json>
  decision.entry = { ...decision.entry, details: { ...details, ak2Fields: Object.keys(ak2) } }
}

/**
 * Splits a case's personal data into the application as submitted and the AK/II its interview
 * recorded. A case without an interview is returned as it is (no copy).
 * @internal
 */
export function splitPersonal(personal: Json): { application: Json; ak2?: CaseAk2 } {
  const p = personal as Record<string, Json> | null
  if (p === null || typeof p !== 'object' || !Object.hasOwn(p, ak2Key)) return { application: personal }
  const { [ak2Key]: ak2, ...application } = p
  return { application, ak2: ak2 as unknown as CaseAk2 }
}
