import { ConfigError } from '../errors/errors'
import type { Standard, Step } from '../standard/schema'
import { compileNumberFormat, type NumberFormat } from './numbering'

/**
 * What the engine derives once per standard version (by content hash) and reuses for every command:
 * the step index, the compiled number formats, the issuance steps.
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
}

/** Builds the runtime of a standard. @throws {ConfigError} for a bad number format or issuance step. @internal */
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
  const completes = (id: string) => steps.get(id)?.events.includes('COMPLETE') === true
  let cardStep =
    stepKey('cardStep', issuance.cardStep) ?? (completes('pencetakan') ? 'pencetakan' : undefined)
  if (cardStep === undefined) {
    const handover = standard.steps.findIndex((s) => s.kind === 'handover')
    const before = (handover === -1 ? standard.steps : standard.steps.slice(0, handover)).filter(
      (s) => s.kind === 'task' && s.events.includes('COMPLETE'),
    )
    cardStep = before.at(-1)?.id
  }
  const registerStep =
    stepKey('registerStep', issuance.registerStep) ?? (completes('registrasi') ? 'registrasi' : undefined)
  return {
    standard,
    steps,
    tracking: compileNumberFormat(standard.numbering.trackingCode, 'numbering.trackingCode'),
    register: compileNumberFormat(standard.numbering.registerNumber, 'numbering.registerNumber'),
    cardNumber: compileNumberFormat(standard.numbering.cardNumber, 'numbering.cardNumber'),
    registerStep: registerStep ?? null,
    cardStep: cardStep ?? null,
  }
}
