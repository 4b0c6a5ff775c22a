import { initialTransition, type SnapshotFrom, transition } from 'xstate'
import type { Standard } from '../standard/schema'
import { procedureMachineVersion } from './compile'
import type { MachineContext, MachineEvent, MachineInput, ProcedureContext } from './context'
import { createProcedureMachine, type ProcedureMachine } from './machine'
import type { EffectIntent, ProcedureSnapshot } from './types'

/** A snapshot of the XState machine. @internal */
export type ProcedureMachineSnapshot = SnapshotFrom<ProcedureMachine>

/** The effect intents among the actions XState's pure `transition()` reports. @internal */
function effectsOfActions(actions: ReadonlyArray<{ type: string; params?: unknown }>): EffectIntent[] {
  const out: EffectIntent[] = []
  for (const action of actions) {
    if (action.type === 'notice' || action.type === 'sipraja') {
      out.push({ kind: action.type, ...(action.params as object) } as EffectIntent)
    }
  }
  return out
}

/** The flat snapshot of an XState machine snapshot. @internal */
export function toProcedureSnapshot(
  standard: Standard,
  snapshot: ProcedureMachineSnapshot,
): ProcedureSnapshot {
  const { channel, ...context } = snapshot.context as MachineContext
  return {
    standardId: standard.id,
    standardVersion: standard.version,
    standardHash: standard.hash,
    machineVersion: procedureMachineVersion,
    state: String(snapshot.value),
    channel,
    context: context as ProcedureContext,
  }
}

/** The XState machine snapshot of a flat snapshot (XState's `resolveState`). @internal */
export function toMachineSnapshot(standard: Standard, snapshot: ProcedureSnapshot): ProcedureMachineSnapshot {
  const machine = createProcedureMachine(standard)
  return machine.resolveState({
    value: snapshot.state,
    context: { ...(snapshot.context as unknown as ProcedureContext), channel: snapshot.channel },
  })
}

/**
 * The submission run through the XState machine itself (`initialTransition`): the reference the
 * compiled table is tested against.
 * @internal
 */
export function machineStart(
  standard: Standard,
  input: MachineInput,
): { snapshot: ProcedureMachineSnapshot; effects: EffectIntent[] } {
  const [snapshot, actions] = initialTransition(createProcedureMachine(standard), input)
  return { snapshot, effects: effectsOfActions(actions) }
}

/**
 * One event run through the XState machine itself (pure `transition`). `changed` is false when the
 * machine took no transition.
 * @internal
 */
export function machineTransition(
  standard: Standard,
  snapshot: ProcedureMachineSnapshot,
  event: MachineEvent,
): { snapshot: ProcedureMachineSnapshot; effects: EffectIntent[]; changed: boolean } {
  const [next, actions] = transition(createProcedureMachine(standard), snapshot, event)
  return { snapshot: next, effects: effectsOfActions(actions), changed: next !== snapshot }
}
