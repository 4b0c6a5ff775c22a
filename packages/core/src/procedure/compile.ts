import { ConfigError } from '../errors/errors'
import type { CaseEventType, Channel, Standard, Step, StepEventType } from '../standard/schema'
import { channels as allChannels } from '../standard/schema'
import type { Op, When } from './context'
import { finalStates, returnedState } from './types'

/**
 * The version of the machine's shape and context layout. Stamped on every snapshot; a snapshot
 * made under another version is refused rather than misread.
 */
export const procedureMachineVersion = 1

/** The machine's initial (transient) state, left at once for the channel's entry step. @internal */
export const submissionState = 'baru'

/** The event each step kind moves forward with. @internal */
const forwardEvent: Partial<Record<Step['kind'], StepEventType>> = {
  review: 'ACCEPT',
  sign: 'SIGN',
  task: 'COMPLETE',
  handover: 'HAND_OVER',
  external: 'COMPLETE',
  applicant_check: 'COMPLETE',
  interview: 'COMPLETE',
}

/** A transition of the machine: its guard conditions, target, and operations in order. @internal */
export interface Edge {
  when?: When
  target: string
  ops: Op[]
}

/** One state of the machine, in the shape the XState config is made from. @internal */
export interface StateSpec {
  id: string
  kind: 'submission' | 'step' | 'notify' | 'returned' | 'final'
  on: Partial<Record<CaseEventType, Edge[]>>
  /** Eventless transitions (the submission and automatic steps). */
  always?: Edge[]
}

/**
 * A transition of the compiled lookup table for one channel: automatic steps already followed
 * (`through`), channel guards already resolved.
 * @internal
 */
export interface TableEdge {
  when?: Omit<When, 'channel'>
  target: string
  ops: Op[]
  through: string[]
}

/** A standard compiled once: the state specs the XState machine is built from, and per-channel tables. @internal */
export interface CompiledProcedure {
  standard: Standard
  states: Record<string, StateSpec>
  /** Channels the standard accepts submissions on. */
  channels: Channel[]
  /** Per channel, the non-intake steps that apply to it, in order. */
  sequence: Record<Channel, string[]>
  /** Per channel, the states a snapshot may rest in. */
  resting: Record<Channel, Set<string>>
  /** Per channel: state -> event -> candidate transitions (first whose guard holds wins); `SUBMIT` from the submission state. */
  table: Record<Channel, Record<string, Partial<Record<CaseEventType | 'SUBMIT', TableEdge[]>>>>
  steps: Map<string, Step>
  stepIndex: Map<string, number>
  labels: Readonly<Record<string, string>>
}

const reserved = new Set<string>([submissionState, returnedState, ...finalStates])
const cache = new Map<string, CompiledProcedure>()

/**
 * Compiles a standard's step table (cached per content hash).
 * @throws {ConfigError} when the step table cannot make a procedure.
 * @internal
 */
export function compileProcedure(standard: Standard): CompiledProcedure {
  const cached = cache.get(standard.hash)
  if (cached) return cached
  const compiled = compile(standard)
  cache.set(standard.hash, compiled)
  return compiled
}

function compile(standard: Standard): CompiledProcedure {
  const steps = new Map<string, Step>()
  const stepIndex = new Map<string, number>()
  const problems: Array<{ key: string; id: string; en: string }> = []
  standard.steps.forEach((step, i) => {
    steps.set(step.id, step as Step)
    stepIndex.set(step.id, i)
    if (reserved.has(step.id)) {
      problems.push({
        key: `steps.${i}.id`,
        id: `id langkah "${step.id}" dipakai untuk status kasus`,
        en: `step id "${step.id}" is reserved for a case state`,
      })
    }
    for (const event of step.events) {
      const isForward = Object.values(forwardEvent).includes(event)
      if (isForward && forwardEvent[step.kind] !== event) {
        problems.push({
          key: `steps.${i}.events`,
          id: `langkah jenis ${step.kind} tidak dapat menerima ${event}`,
          en: `a ${step.kind} step cannot accept ${event}`,
        })
      }
    }
  })
  const channels = allChannels.filter((c) => standard.channels[c] !== undefined)
  const sequence = {} as Record<Channel, string[]>
  for (const c of allChannels) {
    sequence[c] = standard.steps
      .filter((s) => s.kind !== 'intake' && (s.channel === 'both' || s.channel === c))
      .map((s) => s.id)
    if (!channels.includes(c)) continue
    const seq = sequence[c]
    const first = seq[0]
    const last = seq[seq.length - 1]
    if (first === undefined || last === undefined) {
      problems.push({
        key: 'steps',
        id: `tidak ada langkah untuk jalur ${c}`,
        en: `no step applies to the ${c} channel`,
      })
    } else if (steps.get(first)?.kind === 'notify' || steps.get(last)?.kind === 'notify') {
      problems.push({
        key: 'steps',
        id: `langkah pertama dan terakhir jalur ${c} tidak boleh langkah pemberitahuan otomatis`,
        en: `the first and last steps of the ${c} channel cannot be automatic notify steps`,
      })
    }
  }
  if (problems.length) {
    throw new ConfigError(
      `Tabel langkah standar ${standard.id} tidak valid: ${problems.map((p) => `${p.key}: ${p.id}`).join('; ')}`,
      {
        messageEn: `The step table of standard ${standard.id} is invalid: ${problems.map((p) => `${p.key}: ${p.en}`).join('; ')}`,
        keys: problems.map((p) => p.key),
      },
    )
  }

  const states = buildStates(standard, steps, stepIndex, channels, sequence)
  const table = {} as CompiledProcedure['table']
  const resting = {} as CompiledProcedure['resting']
  for (const c of allChannels) {
    const rest = new Set<string>([returnedState, ...finalStates])
    for (const id of sequence[c]) if (steps.get(id)?.kind !== 'notify') rest.add(id)
    resting[c] = rest
    table[c] = channels.includes(c) ? buildTable(states, c, rest) : {}
  }
  return {
    standard,
    states,
    channels,
    sequence,
    resting,
    table,
    steps,
    stepIndex,
    labels: standard.siprajaStatus as Readonly<Record<string, string>>,
  }
}

function effectOps(step: Step, on: string): Op[] {
  const ops: Op[] = []
  for (const n of step.notices) {
    if (n.on === on) ops.push({ type: 'notice', params: { template: n.template, channels: [...n.channels] } })
  }
  for (const s of step.sipraja) {
    if (s.on !== on) continue
    ops.push({ type: 'sipraja', params: { action: s.action } })
    if (s.action === 'ensure_account') ops.push({ type: 'openAccount' })
  }
  return ops
}

function buildStates(
  standard: Standard,
  steps: Map<string, Step>,
  stepIndex: Map<string, number>,
  channels: Channel[],
  sequence: Record<Channel, string[]>,
): Record<string, StateSpec> {
  const states: Record<string, StateSpec> = {}
  const isFinal = (id: string) => (finalStates as readonly string[]).includes(id)
  /** Operations of entering a state: visit, its `enter` effects, and the status (not for automatic steps). */
  const enterOps = (target: string): Op[] => {
    if (isFinal(target)) return [{ type: 'syncStatus', params: { state: target } }]
    const step = steps.get(target) as Step
    const ops: Op[] = [{ type: 'visit', params: { stepId: target } }, ...effectOps(step, 'enter')]
    if (step.kind !== 'notify') ops.push({ type: 'syncStatus', params: { state: target } })
    return ops
  }
  const next = (c: Channel, id: string): string => {
    const seq = sequence[c]
    return seq[seq.indexOf(id) + 1] ?? 'selesai'
  }
  /** Edges to the next step, one per distinct target (channel-guarded only when targets differ). */
  const forwardEdges = (id: string, head: Op[], when: When | undefined): Edge[] => {
    const applies = channels.filter((c) => sequence[c].includes(id))
    const targets = applies.map((c) => next(c, id))
    if (new Set(targets).size <= 1) {
      const target = targets[0] ?? 'selesai'
      return [{ ...(when ? { when } : {}), target, ops: [...head, ...enterOps(target)] }]
    }
    return applies.map((c, i) => {
      const target = targets[i] as string
      return { when: { ...when, channel: c }, target, ops: [...head, ...enterOps(target)] }
    })
  }

  const entries: Edge[] = channels.map((c) => {
    const entry = sequence[c][0] as string
    const intake = standard.steps.filter(
      (s) => s.kind === 'intake' && (s.channel === 'both' || s.channel === c),
    )
    const submitOps = standard.steps
      .filter((s) => s.channel === 'both' || s.channel === c)
      .flatMap((s) => effectOps(s as Step, 'submit'))
    return {
      when: { channel: c },
      target: entry,
      ops: [
        ...intake.map((s): Op => ({ type: 'visit', params: { stepId: s.id } })),
        ...submitOps,
        ...enterOps(entry),
      ],
    }
  })
  states[submissionState] = { id: submissionState, kind: 'submission', on: {}, always: entries }

  const withdrawLimit =
    standard.withdrawUntil === undefined ? -1 : (stepIndex.get(standard.withdrawUntil) ?? -1)
  const returning: string[] = []
  for (const step of standard.steps as readonly Step[]) {
    if (step.kind === 'intake') continue
    if (step.kind === 'notify') {
      states[step.id] = { id: step.id, kind: 'notify', on: {}, always: forwardEdges(step.id, [], undefined) }
      continue
    }
    const on: StateSpec['on'] = {}
    const act: Op = { type: 'recordAct', params: { stepId: step.id } }
    for (const event of step.events) {
      if (event === 'RETURN') {
        returning.push(step.id)
        on.RETURN = [
          {
            target: returnedState,
            ops: [
              act,
              { type: 'recordReturn', params: { stepId: step.id } },
              ...effectOps(step, 'RETURN'),
              { type: 'syncStatus', params: { state: returnedState } },
            ],
          },
        ]
      } else if (event === 'REJECT') {
        on.REJECT = [
          {
            target: 'ditolak',
            ops: [act, ...effectOps(step, 'REJECT'), { type: 'syncStatus', params: { state: 'ditolak' } }],
          },
        ]
      } else {
        const verifies = event === 'ACCEPT' || event === 'HAND_OVER'
        const head: Op[] = [act]
        if (verifies) head.push({ type: 'recordVerified', params: { stepId: step.id } })
        head.push(...effectOps(step, event))
        on[event] = forwardEdges(step.id, head, verifies ? { checklistAt: step.id } : undefined)
      }
    }
    if ((stepIndex.get(step.id) ?? 0) < withdrawLimit) {
      on.WITHDRAW = [{ target: 'dibatalkan', ops: [{ type: 'syncStatus', params: { state: 'dibatalkan' } }] }]
    }
    states[step.id] = { id: step.id, kind: 'step', on }
  }

  const returnedOn: StateSpec['on'] = {}
  if (returning.length) {
    returnedOn.RESUBMIT = returning.map((id) => ({
      when: { returnedFrom: [id] },
      target: id,
      ops: [{ type: 'clearReturn' }, ...enterOps(id)],
    }))
    // A case returned by a step at or before the withdrawal limit has not passed it yet.
    const withdrawable = returning.filter((id) => (stepIndex.get(id) ?? 0) <= withdrawLimit)
    if (withdrawable.length) {
      returnedOn.WITHDRAW = [
        {
          when: { returnedFrom: withdrawable },
          target: 'dibatalkan',
          ops: [{ type: 'syncStatus', params: { state: 'dibatalkan' } }],
        },
      ]
    }
  }
  states[returnedState] = { id: returnedState, kind: 'returned', on: returnedOn }
  for (const f of finalStates) states[f] = { id: f, kind: 'final', on: {} }
  return states
}

function buildTable(
  states: Record<string, StateSpec>,
  channel: Channel,
  resting: Set<string>,
): CompiledProcedure['table'][Channel] {
  const forChannel = (edges: readonly Edge[]) =>
    edges.filter((e) => e.when?.channel === undefined || e.when.channel === channel)
  const resolve = (edge: Edge): TableEdge => {
    const { channel: _c, ...rest } = edge.when ?? {}
    const when = Object.keys(rest).length ? rest : undefined
    let target = edge.target
    const ops = [...edge.ops]
    const through: string[] = []
    // Follow automatic steps (always-transitions) to the state the case rests in.
    while (states[target]?.kind === 'notify') {
      through.push(target)
      const onward = forChannel(states[target]?.always ?? [])[0] as Edge
      ops.push(...onward.ops)
      target = onward.target
    }
    return { ...(when ? { when } : {}), target, ops, through }
  }
  const table: CompiledProcedure['table'][Channel] = {}
  const submission = states[submissionState] as StateSpec
  table[submissionState] = { SUBMIT: forChannel(submission.always ?? []).map(resolve) }
  for (const id of resting) {
    const spec = states[id]
    if (!spec) continue
    const row: Partial<Record<CaseEventType, TableEdge[]>> = {}
    for (const [event, edges] of Object.entries(spec.on) as Array<[CaseEventType, Edge[]]>) {
      const candidates = forChannel(edges).map(resolve)
      if (candidates.length) row[event] = candidates
    }
    table[id] = row
  }
  return table
}
