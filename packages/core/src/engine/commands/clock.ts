import { ForbiddenError } from '../../errors/errors'
import type { Json, StoredCase } from '../../ports/case-store'
import type { Actor } from '../../procedure/types'
import type { CaseData } from '../case-data'
import type { Runtime } from '../context'
import { checkOnBehalf, type Decision, nextCase, sameStateEntry } from '../decision'

/** A change of the SLA clock: an extension with its reason, or a recompute with the current calendar. @internal */
export type ClockChange = { type: 'EXTEND'; workingDays: number; reason: string } | { type: 'RECOMPUTE_DUE' }

/**
 * Decides a change to the SLA clock by an officer: an incident role or the role of a `sign` step
 * (the standard's, e.g. the Camat) may extend the due time (where the standard allows it) or
 * recompute it with the current calendar version. Pure.
 * @internal
 */
export function decideClockChange(
  rt: Runtime,
  stored: StoredCase,
  data: CaseData,
  change: ClockChange,
  input: { actor: Actor; commandId: string | undefined; at: Date; incidentRoles: ReadonlySet<string> },
): Decision {
  const { actor, commandId, at, incidentRoles } = input
  checkOnBehalf(stored, actor)
  if (!incidentRoles.has(actor.role) && !rt.signRoles.has(actor.role)) {
    throw new ForbiddenError('clock_role', `Peran ${actor.role} tidak boleh mengubah tenggat layanan`, {
      messageEn: `Role ${actor.role} may not change the service deadline`,
    })
  }
  const ledger = data.clock.ledger
  if (stored.final || ledger === undefined || rt.clock.state(ledger) === 'stopped') {
    throw new ForbiddenError('clock_not_running', 'Jam layanan kasus ini tidak sedang berjalan', {
      messageEn: "This case's service clock is not running",
    })
  }
  let next: Json
  let details: Record<string, Json>
  if (change.type === 'EXTEND') {
    next = rt.clock.extend(ledger, at, change.workingDays, change.reason)
    details = {
      workingDays: change.workingDays,
      reason: change.reason,
      dueAtBefore: rt.clock.dueAt(ledger),
      dueAtAfter: rt.clock.dueAt(next),
    }
  } else {
    next = rt.clock.recompute(ledger, at)
    details = {
      calendarVersionBefore: rt.clock.ledgerCalendarVersion(ledger),
      calendarVersionAfter: rt.clock.ledgerCalendarVersion(next),
      dueAtBefore: rt.clock.dueAt(ledger),
      dueAtAfter: rt.clock.dueAt(next),
    }
  }
  data.clock = { ...data.clock, ledger: next }
  return {
    rt,
    before: stored,
    after: nextCase(stored, at, {}),
    data,
    entry: sameStateEntry(rt, stored, at, commandId, actor, change.type, details),
    writeDue: true,
    at,
  }
}
