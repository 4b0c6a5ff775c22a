import type { Json, StoredCase } from '../../ports/case-store'
import { startParsedCase } from '../../procedure/transition'
import type { Actor } from '../../procedure/types'
import type { Application } from '../../schemas/index'
import type { Channel } from '../../standard/schema'
import type { CaseData } from '../case-data'
import type { Runtime } from '../context'
import { type Decision, moveSteps, transitionEntry } from '../decision'
import { sequenceOwner, sequenceScope } from '../numbering'
import type { CaseChecklistItem } from '../types'

/** The input of a submission, parsed. @internal */
export interface SubmitInput {
  application: Application
  checklist: CaseChecklistItem[]
  channel: Channel
  actor: Actor
  commandId: string | undefined
}

/**
 * Decides a submission: the procedure's first transition, the case and its data, the SLA clock
 * (when it starts at receipt), and the tracking number to take in the commit. Pure.
 * @internal
 */
export function decideSubmit(rt: Runtime, input: SubmitInput, ctx: { id: string; at: Date }): Decision {
  const { standard } = rt
  const { application: app, channel, actor, commandId } = input
  const { id, at } = ctx
  const atIso = at.toISOString()
  const result = startParsedCase(standard, {
    channel,
    actor,
    checklist: input.checklist,
    applicantNik: app.applicant.nik,
    lifecycle: true,
  })
  const startsClock = result.effects.some((e) => e.kind === 'clock' && e.action === 'start')
  const office = standard.office.code
  const zone = standard.calendar.timeZone
  const data: CaseData = {
    format: 1,
    snapshot: result.snapshot,
    verified: {},
    audit: { seq: 0, hash: '' },
    clock: {
      raised: {},
      dueRowIds: [],
      ...(startsClock ? { ledger: rt.clock.start(at) } : {}),
    },
    steps: moveSteps(rt, [], result.state, atIso),
    incidents: {},
  }
  const after: StoredCase = {
    id,
    version: 1,
    officeCode: office,
    state: result.state,
    awaiting: result.awaiting,
    channel,
    applicantNik: app.applicant.nik,
    trackingCode: '',
    createdAt: atIso,
    updatedAt: atIso,
    dueAt: null,
    final: result.final,
    personal: app as unknown as Json,
    data: null,
  }
  const details: Record<string, Json> = { ...(result.audit.details as Record<string, Json>), channel }
  return {
    rt,
    before: null,
    after,
    data,
    entry: transitionEntry(rt, id, at, commandId, result.audit, details),
    effects: result.effects,
    writeDue: true,
    numbers: [
      {
        name: 'tracking',
        scope: sequenceScope(rt.tracking, sequenceOwner(standard), at, zone),
        assign(seq) {
          after.trackingCode = rt.tracking.format({ office, at, timeZone: zone, seq })
          details.trackingCode = after.trackingCode
        },
      },
    ],
    command: 'SUBMIT',
    at,
  }
}
