import type { Json } from '../ports/case-store'
import type { SiprajaGateway } from '../ports/sipraja'
import type { EffectIntent } from '../procedure/types'
import type { Standard } from '../standard/schema'

/**
 * The `sipraja` option of `createAk1Service`: a gateway, `false` for an office that does not use
 * SIPRAJA, or unset (a gateway expected but not connected here).
 */
export type SiprajaOption = SiprajaGateway | false | undefined

/**
 * The effects a command carries out. With `sipraja: false` the office does not use SIPRAJA, so the
 * standard's SIPRAJA writes are left out: no outbox row, no incident. Otherwise every effect stays;
 * with no gateway each SIPRAJA write then fails at once as an incident on the case.
 * @internal
 */
export function effectsCarriedOut(
  effects: readonly EffectIntent[],
  sipraja: SiprajaOption,
): readonly EffectIntent[] {
  return sipraja === false ? effects.filter((e) => e.kind !== 'sipraja') : effects
}

/** What {@link statusEffects} reads of a decision: its transition and the procedure's context. */
interface StatusSource {
  entry: { event: string; from?: string | null; to?: string; details?: Json }
  after: { state: string; final: boolean }
  data: { snapshot: { context: Record<string, Json> } }
}

/**
 * The SIPRAJA status writes of a decision: each `set_status` names the state entered and carries
 * the reason of a REJECT or WITHDRAW as its note (officers write it without personal data). For
 * a gateway with `statusAtEveryStep`, a transition into another non-final state that changed no
 * label still writes the current label, so each approval of SIPRAJA's chain is sent at its step.
 * @internal
 */
export function statusEffects(
  effects: readonly EffectIntent[],
  d: StatusSource,
  sipraja: SiprajaOption,
): readonly EffectIntent[] {
  const { event, from, details } = d.entry
  const reason =
    (event === 'REJECT' || event === 'WITHDRAW') &&
    details &&
    typeof details === 'object' &&
    !Array.isArray(details) &&
    typeof details.reason === 'string' &&
    details.reason.trim()
      ? details.reason
      : undefined
  const step = d.after.state
  const out = effects.map((e) =>
    e.kind === 'sipraja' && e.action === 'set_status'
      ? { ...e, step, ...(reason ? { note: reason } : {}) }
      : e,
  )
  const context = d.data.snapshot.context
  const follow =
    sipraja &&
    sipraja.statusAtEveryStep === true &&
    from !== undefined &&
    from !== step &&
    !d.after.final &&
    context.account === true &&
    typeof context.status === 'string' &&
    !out.some((e) => e.kind === 'sipraja' && e.action === 'set_status')
  if (follow) out.push({ kind: 'sipraja', action: 'set_status', status: context.status as string, step })
  return out
}

/**
 * Whether a standard writes to SIPRAJA: a step with `sipraja` writes, or SIPRAJA status labels.
 * @internal
 */
export function writesToSipraja(standard: Standard): boolean {
  return (
    standard.steps.some((step) => step.sipraja.length > 0) || Object.keys(standard.siprajaStatus).length > 0
  )
}

/**
 * The warning a service gives when `sipraja` is unset but a standard it runs writes to SIPRAJA,
 * or `null`. Every case of such an office opens incidents ("SIPRAJA tidak dikonfigurasi").
 * @internal
 */
export function unsetSiprajaWarning(
  standards: readonly Standard[],
  sipraja: SiprajaOption,
): { message: string; standards: string[] } | null {
  if (sipraja !== undefined) return null
  const writing = standards.filter(writesToSipraja).map((s) => `${s.id}@${s.version}`)
  if (!writing.length) return null
  return {
    message:
      'sipraja is not set but the standard writes to SIPRAJA: each write becomes an incident on its case. ' +
      'Pass a gateway (createSiprajaGateway) or sipraja: false for an office that does not use SIPRAJA.',
    standards: writing,
  }
}
