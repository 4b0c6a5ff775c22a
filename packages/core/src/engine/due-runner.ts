import type { AuditActor } from '../ports/case-store'
import type { DueRow } from '../ports/work-queue'
import { readCaseData } from './case-data'
import type { EngineContext } from './context'
import { nextCase, sameStateEntry } from './decision'
import type { Pipeline } from './pipeline'
import { checkDueRows } from './store-answers'

/** What one {@link Ak1Service.runDue} pass did. */
export interface DueRunResult {
  /** Due rows claimed. */
  claimed: number
  /** SLA events raised (audit entry + office notice), card reminders sent and card deadlines applied. */
  raised: number
  /** Rows closed without an event (already raised, or superseded). */
  skipped: number
  /** Rows released to try again later (a concurrent command on the case). */
  released: number
}

const systemActor: AuditActor = { id: 'system', role: 'system' }

/**
 * The due runner: claims due rows with a lease and raises each SLA event once per case, committed
 * through the pipeline with the row marked done. @internal
 */
export function createDueRunner(
  ctx: EngineContext,
  pipeline: Pipeline,
  /** Raises the due rows of records (aggregates other than cases), by the record kind. */
  recordDue: Readonly<Record<string, (row: DueRow) => Promise<'raised' | 'skipped'>>> = {},
  /** Raises a case's due rows other than its SLA deadlines, by the row kind (e.g. `card_open`). */
  caseDue: Readonly<Record<string, (row: DueRow) => Promise<'raised' | 'skipped'>>> = {},
) {
  const { store, port, clock, workerId } = ctx

  const raiseDue = async (rowId: string, caseId: string, kind: string): Promise<'raised' | 'skipped'> => {
    const stored = await pipeline.loadCase(caseId)
    const data = readCaseData(stored.data)
    const rt = ctx.runtimeFor(stored, data)
    const at = clock.now()
    const current =
      data.clock.dueRowIds.includes(rowId) && data.clock.raised[kind] === undefined && !stored.final
    if (!current) {
      // Superseded or already raised: close the row in a commit that changes nothing else.
      await port('commit', () =>
        store.commit({
          case: nextCase(stored, at, {}),
          expectedVersion: stored.version,
          audit: [],
          outbox: [],
          dueDone: [rowId],
        }),
      )
      return 'skipped'
    }
    data.clock = { ...data.clock, raised: { ...data.clock.raised, [kind]: at.toISOString() } }
    const event = kind === 'breached' ? 'SLA_BREACHED' : 'SLA_AT_RISK'
    const template = kind === 'breached' ? 'sla_breached' : 'sla_at_risk'
    const sealed = await pipeline.commit(
      {
        rt,
        before: stored,
        after: nextCase(stored, at, {}),
        data,
        entry: sameStateEntry(rt, stored, at, undefined, systemActor, event, {
          dueRowId: rowId,
          kind,
          dueAt: stored.dueAt,
        }),
        extraOutbox: (seq) => [
          {
            id: `${caseId}.${seq}.office`,
            caseId,
            kind: 'notice',
            payload: { template, channel: 'email', recipient: 'office' },
            availableAt: at.toISOString(),
          },
        ],
        writeDue: false,
        dueDone: [rowId],
        at,
      },
      [],
    )
    ctx.emit({ type: 'sla.raised', caseId, kind, version: sealed.view.version })
    return 'raised'
  }

  return async (runOptions: { limit?: number } = {}): Promise<DueRunResult> => {
    const limit = runOptions.limit ?? 50
    const now = clock.now()
    const answer = await port('claimDue', () =>
      // One office per service: on a shared store its runner leases only its own office's rows.
      store.claimDue({
        now: now.toISOString(),
        limit,
        owner: workerId,
        leaseMs: ctx.dueLeaseMs,
        officeCode: ctx.officeCode,
      }),
    )
    const claimed = checkDueRows(store.id, answer)
    const result: DueRunResult = { claimed: claimed.length, raised: 0, skipped: 0, released: 0 }
    for (const row of claimed) {
      try {
        const kind = row.aggregateKind ?? 'case'
        const handler =
          kind === 'case'
            ? Object.hasOwn(caseDue, row.kind)
              ? caseDue[row.kind]
              : undefined
            : Object.hasOwn(recordDue, kind)
              ? recordDue[kind]
              : undefined
        // A case's rows are SLA events unless a handler takes their kind; a record's go to its kind's.
        const outcome = handler ? await handler(row) : await raiseDue(row.id, row.caseId, row.kind)
        result[outcome] += 1
      } catch (error) {
        await port('releaseDue', () => store.releaseDue(row.id, workerId))
        result.released += 1
        ctx.options.logger?.warn(
          { type: 'sla.raise_failed', caseId: row.caseId, dueRowId: row.id, error: String(error) },
          'raising an SLA deadline failed; released for a later run',
        )
      }
    }
    return result
  }
}
