import { actorSchema } from '../procedure/input'
import type { CaseEvent } from '../procedure/types'
import type { ParsedActOptions, ParsedSubmitOptions } from './pipeline'

/**
 * Fast paths for the input of the commands an office sends most (the options of a command on a case,
 * and the events without free text), so that a command does not cost a zod parse of input seen
 * before. Each accepts only input the schemas accept and gives what they give (`actOptionsSchema`,
 * `submitOptionsSchema`, `caseEventSchema`); anything else answers `undefined`, and the caller parses with the schema,
 * which then decides and names what is wrong.
 */

type Loose = Record<string, unknown>

const isPlain = (v: unknown): v is Loose => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

const optionKeys = new Set(['actor', 'expectedVersion', 'commandId'])
const actorKeys = ['id', 'role', 'onBehalfOf', 'nik'] as const

/** Actors the schema accepted, by their fields: officers send many commands each. Bounded. */
const knownActors = new Set<string>()
const knownActorsMax = 1024

function actorOf(value: unknown): ParsedActOptions['actor'] | undefined {
  if (!isPlain(value)) return undefined
  let key = ''
  for (const k of Object.keys(value)) {
    if (!(actorKeys as readonly string[]).includes(k)) return undefined
  }
  for (const k of actorKeys) {
    const v = value[k]
    if (v === undefined && !(k in value)) {
      key += '\u0000-'
      continue
    }
    if (typeof v !== 'string') return undefined
    key += `\u0000+${v}`
  }
  if (!knownActors.has(key)) {
    if (!actorSchema.safeParse(value).success) return undefined
    if (knownActors.size >= knownActorsMax) knownActors.clear()
    knownActors.add(key)
  }
  const out: Loose = {}
  for (const k of actorKeys) if (k in value) out[k] = value[k]
  return out as ParsedActOptions['actor']
}

/**
 * The options of a command on a case as `actOptionsSchema` gives them, when they are plainly valid.
 * @internal
 */
export function fastActOptions(opts: unknown): ParsedActOptions | undefined {
  if (!isPlain(opts)) return undefined
  for (const k of Object.keys(opts)) if (!optionKeys.has(k)) return undefined
  const actor = actorOf(opts.actor)
  if (!actor) return undefined
  const out: Loose = { actor }
  if ('expectedVersion' in opts) {
    const v = opts.expectedVersion
    if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v > 0)) return undefined
    out.expectedVersion = v
  }
  if ('commandId' in opts) {
    const v = opts.commandId
    if (v !== undefined && !(typeof v === 'string' && v.length >= 1 && v.length <= 200)) return undefined
    out.commandId = v
  }
  return out as ParsedActOptions
}

const submitKeys = new Set(['actor', 'channel', 'commandId', 'service'])
const isName = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 200

/**
 * The options of a submission as `submitOptionsSchema` gives them, when they are plainly valid.
 * @internal
 */
export function fastSubmitOptions(opts: unknown): ParsedSubmitOptions | undefined {
  if (!isPlain(opts)) return undefined
  for (const k of Object.keys(opts)) if (!submitKeys.has(k)) return undefined
  const actor = actorOf(opts.actor)
  if (!actor || (opts.channel !== 'tatap_muka' && opts.channel !== 'online')) return undefined
  const out: Loose = { actor, channel: opts.channel }
  for (const k of ['commandId', 'service'] as const) {
    if (!(k in opts)) continue
    const v = opts[k]
    if (v !== undefined && !isName(v)) return undefined
    out[k] = v
  }
  return out as ParsedSubmitOptions
}

function itemIdsOk(v: unknown): v is string[] {
  if (!Array.isArray(v) || v.length > 200) return false
  for (let i = 0; i < v.length; i++) {
    const id = v[i]
    if (typeof id !== 'string' || id.length < 1 || id.length > 200) return false
  }
  return true
}

/**
 * An event without free text (ACCEPT, HAND_OVER, SIGN, COMPLETE, RESUBMIT) as `caseEventSchema`
 * gives it, when it is plainly valid; events with a reason or note are left to the schema.
 * @internal
 */
export function fastCaseEvent(event: unknown): CaseEvent | undefined {
  if (!isPlain(event)) return undefined
  const keys = Object.keys(event)
  const { type } = event
  if (type === 'SIGN' || type === 'COMPLETE' || type === 'RESUBMIT') {
    return keys.length === 1 ? ({ type } as CaseEvent) : undefined
  }
  if (type === 'ACCEPT' || type === 'HAND_OVER') {
    if (!keys.every((k) => k === 'type' || k === 'verified')) return undefined
    if (!('verified' in event)) return type === 'HAND_OVER' ? ({ type } as CaseEvent) : undefined
    const { verified } = event
    if (verified === undefined && type === 'HAND_OVER') return { type, verified } as CaseEvent
    return itemIdsOk(verified) ? ({ type, verified: [...verified] } as CaseEvent) : undefined
  }
  return undefined
}
