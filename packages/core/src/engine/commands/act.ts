import type { Json, StoredCase } from '../../ports/case-store'
import { applyParsedEvent } from '../../procedure/transition'
import type { Actor, CaseEvent } from '../../procedure/types'
import { returnedState } from '../../procedure/types'
import type { CaseData } from '../case-data'
import type { Runtime } from '../context'
import { type Decision, moveSteps, type NumberRequest, nextCase, transitionEntry } from '../decision'
import { issueCard } from '../issuance'
import { sequenceOwner, sequenceScope } from '../numbering'

/** A procedure event (not an incident event). @internal */
export type ProcedureEvent = Exclude<CaseEvent, { type: 'RETRY_INCIDENT' | 'RESOLVE_INCIDENT' }>

function markVerified(
  verified: CaseData['verified'],
  ids: readonly string[] | undefined,
  actor: Actor,
  stepId: string,
  at: string,
): CaseData['verified'] {
  if (!ids?.length) return verified
  const out = { ...verified }
  for (const id of ids) out[id] = { by: actor.id, role: actor.role, stepId, at }
  return out
}

/**
 * Decides a procedure event on a case: the transition (authorised by the procedure), who verified
 * what, the step history, and the lifecycle effects the procedure derives from the standard's step
 * kinds: the clock's start, pause, resume and stop, the register number and the card. Pure; the
 * register number is taken in the commit.
 * @internal
 */
export function decideAct(
  rt: Runtime,
  stored: StoredCase,
  data: CaseData,
  event: ProcedureEvent,
  input: { actor: Actor; commandId: string | undefined; at: Date },
): Decision {
  const { standard } = rt
  const { actor, commandId, at } = input
  const atIso = at.toISOString()
  const ledger = data.clock.ledger
  // The procedure emits the lifecycle effects in the transition's effect list; this applies them.
  // The service parsed the event and the actor already.
  const result = applyParsedEvent(standard, data.snapshot, event, actor, {
    applicantNik: stored.applicantNik,
    clock: ledger === undefined ? 'not_started' : rt.clock.state(ledger),
  })
  const from = data.snapshot.state
  data.snapshot = result.snapshot
  if (event.type === 'ACCEPT' || event.type === 'HAND_OVER') {
    data.verified = markVerified(data.verified, event.verified, actor, from, atIso)
  }
  data.steps = moveSteps(rt, data.steps, result.state, atIso)

  const clock = { ...data.clock }
  let clockChanged = false
  const details: Record<string, Json> = { ...(result.audit.details as Record<string, Json>) }
  const numbers: NumberRequest[] = []
  const office = standard.office.code
  const zone = standard.calendar.timeZone
  /** Issues the card once the register number is known. */
  let issueAfterNumber: (() => void) | undefined
  for (const effect of result.effects) {
    if (effect.kind === 'notice' || effect.kind === 'sipraja') continue
    if (effect.kind === 'clock') {
      clockChanged = true
      if (effect.action === 'start') clock.ledger = rt.clock.start(at)
      else clock.ledger = rt.clock[effect.action](clock.ledger as Json, at)
    } else if (effect.what === 'register_number' && data.register === undefined) {
      numbers.push({
        name: 'register',
        scope: sequenceScope(rt.register, sequenceOwner(standard), at, zone),
        assign(seq) {
          data.register = { seq, at: atIso }
          data.registerNumber = rt.register.format({ office, at, timeZone: zone, seq })
          details.registerNumber = data.registerNumber
          if (issueAfterNumber) issueAfterNumber()
        },
      })
    } else if (effect.what === 'card' && data.card === undefined) {
      issueAfterNumber = () => {
        const register = data.register!
        data.card = issueCard(
          standard,
          { registeredAt: register.at, issuedAt: at },
          rt.cardNumber.format({ office, at: new Date(register.at), timeZone: zone, seq: register.seq }),
        )
        details.cardNumber = data.card.number
      }
      // A number given at an earlier step: the card is issued now; else once the number is taken.
      if (data.register !== undefined) issueAfterNumber()
    }
  }
  data.clock = clock
  if (event.type === 'RETURN') {
    data.returned = { fromStep: from, missing: event.missing, reason: event.reason, at: atIso }
  } else if (from === returnedState) {
    delete data.returned
  }
  const after = nextCase(stored, at, { state: result.state, awaiting: result.awaiting, final: result.final })
  return {
    rt,
    before: stored,
    after,
    data,
    entry: transitionEntry(rt, stored.id, at, commandId, result.audit, details),
    effects: result.effects,
    writeDue: clockChanged,
    numbers,
    command: event.type,
    at,
  }
}
