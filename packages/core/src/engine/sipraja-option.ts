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
