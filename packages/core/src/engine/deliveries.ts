import type { Json } from '../ports/case-store'
import type { OutboxRow, OutboxRowInput } from '../ports/work-queue'
import type { EffectIntent } from '../procedure/types'
import type { NoticeChannel } from '../standard/schema'
import type { CaseDelivery, CaseIncident } from './types'

/**
 * Outbox rows for a command's effect intents: one row per notice per channel the applicant can be
 * reached on (no e-mail address, no e-mail row), one per SIPRAJA write. Row ids are
 * `<caseId>.<auditSeq>.<n>`: stable, unique, and usable as idempotency keys and message ids.
 * Payloads hold no personal data: notices are rendered from the case at delivery time.
 * @internal
 */
export function outboxRowsFor(
  caseId: string,
  auditSeq: number,
  effects: readonly EffectIntent[],
  reachable: ReadonlySet<NoticeChannel>,
  availableAt: string,
): OutboxRowInput[] {
  const rows: OutboxRowInput[] = []
  const push = (kind: string, payload: Json) =>
    rows.push({ id: `${caseId}.${auditSeq}.${rows.length + 1}`, caseId, kind, payload, availableAt })
  for (const effect of effects) {
    if (effect.kind === 'notice') {
      for (const channel of effect.channels) {
        if (reachable.has(channel)) push('notice', { template: effect.template, channel })
      }
    } else if (effect.kind === 'sipraja') {
      if (effect.action === 'set_status') {
        const payload: Record<string, Json> = { action: effect.action, status: effect.status }
        if (effect.step) payload.step = effect.step
        if (effect.note) payload.note = effect.note
        push('sipraja', payload)
      } else push('sipraja', { action: effect.action })
    }
    // Lifecycle effects (clock, issue) are applied in the commit, not delivered.
  }
  return rows
}

/**
 * An outbox row as a store's `commit` inserts it (`CommitInput.outbox`): pending, unleased, with no
 * attempts, created at `at` (the commit's instant).
 * @internal
 */
export function pendingOutboxRow(row: OutboxRowInput, at: string): OutboxRow {
  return {
    ...row,
    status: 'pending',
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    result: null,
    createdAt: at,
    finishedAt: null,
  }
}

/** Engine records of incident handling, kept on the case by outbox row id. @internal */
export type IncidentActions = Record<
  string,
  { action: 'retry' | 'resolve'; at: string; by: string; openedAt: string | null; error: string | null }
>

/** A row's payload as an object (`{}` when it is not one). @internal */
export function payloadOf(row: OutboxRow): Record<string, Json> {
  return row.payload && typeof row.payload === 'object' && !Array.isArray(row.payload) ? row.payload : {}
}

/**
 * The delivery status of each outbox row of a case: pending rows are `queued`; done rows carry the
 * status their channel reported (`sent`, or `delivered` where the channel confirms); failed rows
 * `failed` with the reason; resolved rows `resolved`.
 * @internal
 */
export function deliveriesOf(rows: readonly OutboxRow[]): CaseDelivery[] {
  return rows.map((row) => {
    const payload = payloadOf(row)
    const result =
      row.result && typeof row.result === 'object' && !Array.isArray(row.result) ? row.result : {}
    const status: CaseDelivery['status'] =
      row.status === 'pending'
        ? 'queued'
        : row.status === 'done'
          ? result.status === 'delivered'
            ? 'delivered'
            : 'sent'
          : row.status
    const delivery: CaseDelivery = { id: row.id, kind: row.kind, status, attempts: row.attempts }
    if (typeof payload.template === 'string') delivery.template = payload.template
    if (payload.channel === 'sms' || payload.channel === 'email') delivery.channel = payload.channel
    if (typeof payload.action === 'string') delivery.action = payload.action
    if (row.lastError !== null && row.status !== 'done') delivery.error = row.lastError
    const at = row.finishedAt ?? row.createdAt
    if (at) delivery.at = at
    return delivery
  })
}

/**
 * The incidents of a case: failed rows (`open`), rows an operator sent back for another try that are
 * not delivered yet (`retrying`), and rows an operator closed without delivery (`resolved`).
 * @internal
 */
export function incidentsOf(rows: readonly OutboxRow[], actions: IncidentActions): CaseIncident[] {
  const out: CaseIncident[] = []
  for (const row of rows) {
    const action = actions[row.id]
    let status: CaseIncident['status'] | null = null
    if (row.status === 'failed') status = 'open'
    else if (row.status === 'resolved') status = 'resolved'
    else if (row.status === 'pending' && action?.action === 'retry') status = 'retrying'
    if (status === null) continue
    out.push({
      outboxId: row.id,
      kind: row.kind,
      status,
      error: row.lastError ?? action?.error ?? null,
      openedAt: row.status === 'failed' ? row.finishedAt : (action?.openedAt ?? row.finishedAt),
    })
  }
  return out
}
