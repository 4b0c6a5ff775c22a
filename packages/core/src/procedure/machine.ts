import { assign, enqueueActions, setup } from 'xstate'
import type { Standard } from '../standard/schema'
import { type CompiledProcedure, compileProcedure, type Edge, submissionState } from './compile'
import {
  holds,
  initialContext,
  type MachineContext,
  type MachineEvent,
  type MachineInput,
  reduce,
  statusChange,
  type When,
} from './context'

function procedureSetup(labels: Readonly<Record<string, string>>) {
  return setup({
    types: {} as { context: MachineContext; events: MachineEvent; input: MachineInput },
    guards: {
      when: ({ context, event }, params: When) =>
        holds(params, context, context.channel, event as { type: string; verified?: string[] }),
    },
    actions: {
      visit: assign(({ context, event }, params: { stepId: string }) =>
        reduce(context, { type: 'visit', params }, event),
      ),
      recordAct: assign(({ context, event }, params: { stepId: string }) =>
        reduce(context, { type: 'recordAct', params }, event),
      ),
      recordVerified: assign(({ context, event }, params: { stepId: string }) =>
        reduce(context, { type: 'recordVerified', params }, event),
      ),
      recordReturn: assign(({ context, event }, params: { stepId: string }) =>
        reduce(context, { type: 'recordReturn', params }, event),
      ),
      clearReturn: assign(({ context, event }) => reduce(context, { type: 'clearReturn' }, event)),
      openAccount: assign(({ context, event }) => reduce(context, { type: 'openAccount' }, event)),
      // Effect intents: reported by `transition()`, never executed here.
      notice: (_args, _params: { template: string; channels: string[] }) => {},
      sipraja: (_args, _params: { action: string; status?: string }) => {},
      syncStatus: enqueueActions(({ context, enqueue }, params: { state: string }) => {
        const status = statusChange(labels, context, params.state)
        if (status === null) return
        // A sibling action by name: the setup's own action types are not known inside it yet.
        enqueue({ type: 'sipraja', params: { action: 'set_status', status } } as unknown as Parameters<
          typeof enqueue
        >[0])
        enqueue.assign({ status })
      }),
    },
  })
}

function edgeConfig(edge: Edge) {
  return {
    target: edge.target,
    ...(edge.when ? { guard: { type: 'when', params: edge.when } } : {}),
    actions: edge.ops.map((op) =>
      'params' in op ? { type: op.type, params: op.params } : { type: op.type },
    ),
  }
}

function buildMachine(compiled: CompiledProcedure) {
  const states: Record<string, object> = {}
  for (const spec of Object.values(compiled.states)) {
    const on: Record<string, object[]> = {}
    for (const [event, edges] of Object.entries(spec.on)) on[event] = (edges ?? []).map(edgeConfig)
    states[spec.id] = {
      ...(spec.kind === 'final' ? { type: 'final' } : {}),
      ...(Object.keys(on).length ? { on } : {}),
      ...(spec.always ? { always: spec.always.map(edgeConfig) } : {}),
    }
  }
  const { standard } = compiled
  const config = {
    id: standard.id,
    context: ({ input }: { input: MachineInput }): MachineContext => ({
      ...initialContext(input.channel, input.checklist),
      channel: input.channel,
    }),
    initial: submissionState,
    states,
  }
  // The config is data generated from the step table, so its action and guard names are checked
  // by the compiler's tests rather than by TypeScript's literal types.
  return procedureSetup(compiled.labels).createMachine(
    config as unknown as Parameters<ReturnType<typeof procedureSetup>['createMachine']>[0],
  )
}

/** The XState v5 machine of a standard's procedure (see {@link createProcedureMachine}). */
export type ProcedureMachine = ReturnType<typeof buildMachine>

const machines = new Map<string, ProcedureMachine>()

/**
 * Builds the XState v5 machine of a standard's procedure from its step table: one state per step
 * (intake steps are the submission itself), plus `dikembalikan` (returned to the applicant) and the
 * final states `selesai`, `ditolak`, `dibatalkan`. The initial state `baru` is left at once for
 * the entry step of the channel given as input; automatic (notify) steps are left by eventless
 * transitions. Events carry their actor (`{ ...event, actor }`); guards check the channel, the
 * checklist and where a returned case goes back to; the role matrix is not in the machine (see
 * {@link authorize}). Effect intents are reported as the `notice` and `sipraja` actions of XState's
 * pure `transition()`, never executed.
 *
 * Cached per standard content hash: a standard with a different step table gives a different
 * machine with no code change. {@link applyEvent} runs a lookup table compiled from the same
 * transitions, proved equivalent to this machine by the model-based tests.
 *
 * @throws {ConfigError} when the step table cannot make a procedure.
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate'
 * const machine = createProcedureMachine(balongbendo)
 * const [submitted] = initialTransition(machine, { channel: 'tatap_muka', checklist })
 * const [next] = transition(machine, submitted, {
 *   type: 'ACCEPT', verified: ['fotokopi_ktp'], actor: { id: 'u1', role: 'petugas' },
 * })
 * ```
 */
export function createProcedureMachine(standard: Standard): ProcedureMachine {
  const cached = machines.get(standard.hash)
  if (cached) return cached
  const machine = buildMachine(compileProcedure(standard))
  machines.set(standard.hash, machine)
  return machine
}
