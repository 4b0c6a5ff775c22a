import { ForbiddenError, ValidationError } from '../../errors/errors'
import type { Json, StoredCase } from '../../ports/case-store'
import type { OutboxRow } from '../../ports/work-queue'
import type { Actor, CaseEvent } from '../../procedure/types'
import type { CaseData } from '../case-data'
import type { Runtime } from '../context'
import { checkOnBehalf, type Decision, nextCase, sameStateEntry } from '../decision'

/** An operator's event on a delivery incident. @internal */
export type IncidentEvent = Extract<CaseEvent, { type: 'RETRY_INCIDENT' | 'RESOLVE_INCIDENT' }>

/**
 * Decides RETRY_INCIDENT / RESOLVE_INCIDENT: an incident role sends a failed outbox row of the case
 * back for another try, or closes it by hand. Pure.
 * @internal
 */
export function decideIncident(
  rt: Runtime,
  stored: StoredCase,
  rows: readonly OutboxRow[],
  data: CaseData,
  event: IncidentEvent,
  input: { actor: Actor; commandId: string | undefined; at: Date; incidentRoles: ReadonlySet<string> },
): Decision {
  const { actor, commandId, at, incidentRoles } = input
  checkOnBehalf(stored, actor)
  if (!incidentRoles.has(actor.role)) {
    throw new ForbiddenError(
      'incident_role',
      `Hanya ${[...incidentRoles].join(' atau ')} yang dapat menangani insiden pengiriman`,
      { messageEn: `Only ${[...incidentRoles].join(' or ')} may handle a delivery incident` },
    )
  }
  const row = rows.find((r) => r.id === event.outboxId)
  if (row?.status !== 'failed') {
    throw new ValidationError([
      {
        path: ['outboxId'],
        rule: 'no_open_incident',
        message: `tidak ada insiden terbuka ${event.outboxId} pada kasus ini`,
        messageEn: `there is no open incident ${event.outboxId} on this case`,
      },
    ])
  }
  const atIso = at.toISOString()
  const action = event.type === 'RETRY_INCIDENT' ? 'retry' : 'resolve'
  data.incidents = {
    ...data.incidents,
    [row.id]: { action, at: atIso, by: actor.id, openedAt: row.finishedAt, error: row.lastError },
  }
  const details: Record<string, Json> = { outboxId: row.id, kind: row.kind }
  if (event.note !== undefined) details.note = event.note
  return {
    rt,
    before: stored,
    after: nextCase(stored, at, {}),
    data,
    entry: sameStateEntry(rt, stored, at, commandId, actor, event.type, details),
    outboxChanges: [{ id: row.id, action, at: atIso }],
    writeDue: false,
    at,
  }
}
