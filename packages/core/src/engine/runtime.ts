import { ConfigError } from '../errors/errors'
import { issuanceSteps } from '../procedure/lifecycle'
import type { Standard, Step } from '../standard/schema'
import { compileNumberFormat, type NumberFormat } from './numbering'

/**
 * What the engine derives once per standard version (by content hash) and reuses for every command:
 * the step index, the compiled number formats, the issuance steps, the roles that may change the
 * SLA clock.
 * @internal
 */
export interface StandardRuntime {
  standard: Standard
  steps: ReadonlyMap<string, Step>
  tracking: NumberFormat
  register: NumberFormat
  cardNumber: NumberFormat
  /** The step whose COMPLETE gives the register number (`null`: given with the card). */
  registerStep: string | null
  /** The step whose COMPLETE prints the card and stops the SLA clock. */
  cardStep: string | null
  /** Roles of the standard's `sign` steps: besides the incident roles, they may extend the SLA. */
  signRoles: ReadonlySet<string>
}

/**
 * Builds the runtime of a standard. The issuance steps come from the standard (`issues` marks, see
 * `issuanceSteps`) unless the service's `issuance` option names them.
 * @throws {ConfigError} for a bad number format or issuance step. @internal
 */
export function buildRuntime(
  standard: Standard,
  issuance: { registerStep?: string; cardStep?: string } = {},
): StandardRuntime {
  const steps = new Map(standard.steps.map((s) => [s.id, s as Step]))
  const stepKey = (key: 'registerStep' | 'cardStep', id: string | undefined): string | undefined => {
    if (id === undefined) return undefined
    const step = steps.get(id)
    if (!step?.events.includes('COMPLETE')) {
      throw new ConfigError(`issuance.${key}: langkah "${id}" tidak ada atau tidak menerima COMPLETE`, {
        messageEn: `issuance.${key}: step "${id}" does not exist or does not accept COMPLETE`,
        keys: [`issuance.${key}`],
      })
    }
    return id
  }
  const fromStandard = issuanceSteps(standard)
  const cardStep = stepKey('cardStep', issuance.cardStep) ?? fromStandard.cardStep
  const registerStep = stepKey('registerStep', issuance.registerStep) ?? fromStandard.registerStep
  return {
    standard,
    steps,
    tracking: compileNumberFormat(standard.numbering.trackingCode, 'numbering.trackingCode'),
    register: compileNumberFormat(standard.numbering.registerNumber, 'numbering.registerNumber'),
    cardNumber: compileNumberFormat(standard.numbering.cardNumber, 'numbering.cardNumber'),
    registerStep: registerStep ?? null,
    cardStep: cardStep ?? null,
    signRoles: new Set(
      standard.steps.filter((s) => s.kind === 'sign' && s.role !== undefined).map((s) => s.role as string),
    ),
  }
}
