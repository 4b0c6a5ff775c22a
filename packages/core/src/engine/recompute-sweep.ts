import { type Ak1Error, isAk1Error } from '../errors/errors'
import type { CaseStore, StoredCase } from '../ports/case-store'
import type { Actor } from '../procedure/types'
import type { ClockLedger } from '../sla/clock'
import { sha256Hex } from '../util/canonical-json'
import type { Ak1Service } from './service'

/** Options of {@link runRecomputeSweep}. */
export interface RecomputeSweepOptions {
  /** The service whose open cases to recompute (its `health()` names the current calendar versions). */
  service: Pick<Ak1Service, 'health' | 'recomputeDue' | 'catalog'>
  /** The service's store, for finding the cases. */
  store: CaseStore
  /** Who recomputes: a role that may change deadlines (by default `operator` or `admin`). */
  actor: Actor
  /** Most cases recomputed in this run; the next run goes on from where this one stopped. @default no limit */
  limit?: number
  /** Cases read per page. @default 100 */
  pageSize?: number
  /** Stops the run between two cases. */
  signal?: AbortSignal
  /**
   * Reads every open case (`list({ final: false })`) instead of the calendar index: for a store
   * without `capabilities.calendarIndex`, or once for cases stored before the index existed.
   * @default false, or true when the store has no calendar index
   */
  scan?: boolean
}

/** What one {@link runRecomputeSweep} run did. */
export interface RecomputeSweepResult {
  /** Cases recomputed: one `RECOMPUTE_DUE` audit entry each, due rows rewritten in the same commit. */
  recomputed: number
  /** The recomputed cases whose due time moved. */
  moved: Array<{ caseId: string; dueAtBefore: string | null; dueAtAfter: string | null }>
  /** Cases that could not be recomputed, with the error's code and message; a later run tries them again. */
  failed: Array<{ caseId: string; code: string; message: string }>
  /** `false` when the run stopped early (limit or signal): run it again to go on. */
  complete: boolean
}

/**
 * Recomputes the deadlines of the open cases whose SLA clock was computed on a calendar version
 * that is no longer current (an older or provisional holiday revision, e.g. before the SKB 3 Menteri
 * of the year was entered). The cases are found through the store's calendar index
 * (`listByCalendarVersion`), not a scan. Each case goes through `service.recomputeDue`: one audit
 * entry (`RECOMPUTE_DUE`, with the calendar versions and due times before and after) and its due rows,
 * in one commit. A due time that moves earlier, past now, makes the case at risk or breached at
 * once (its due rows are already due, and the worker raises them).
 *
 * Resumable: a recomputed case is on a current version, so a run after an interruption no longer
 * finds it; each case's command id is derived from the case and both versions, so two runs at once
 * never recompute a case twice.
 *
 * @example
 * ```ts
 * const service = createAk1Service({ standard: balongbendo, store, holidayRevisions: { indonesia: [skb2027] } })
 * const result = await runRecomputeSweep({ service, store, actor: { id: 'admin-1', role: 'admin' } })
 * result.complete // true once every open case is on the new calendar
 * ```
 */
export async function runRecomputeSweep(options: RecomputeSweepOptions): Promise<RecomputeSweepResult> {
  const { service, store, actor, signal } = options
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  const pageSize = options.pageSize ?? 100
  const scan = options.scan ?? store.capabilities.calendarIndex !== true
  const current = [...new Set((await service.health()).calendars.map((c) => c.calendarVersion))].sort()
  const target = sha256Hex(current.join('\n')).slice(0, 16)
  const offices = [...new Set(service.catalog.standards.map((s) => s.office.code))]
  const result: RecomputeSweepResult = { recomputed: 0, moved: [], failed: [], complete: true }

  for (const officeCode of offices) {
    let cursor: string | undefined
    do {
      const page = scan
        ? await store.list({ officeCode, final: false, limit: pageSize, cursor })
        : await store.listByCalendarVersion!({ officeCode, exclude: current, limit: pageSize, cursor })
      for (const stored of page.items) {
        const from = staleVersion(stored, current, scan)
        if (from === null) continue
        if (signal?.aborted || result.recomputed >= limit) {
          result.complete = false
          return result
        }
        try {
          const view = await service.recomputeDue(stored.id, {
            actor,
            commandId: `calendar-sweep:${stored.id}:${sha256Hex(from).slice(0, 16)}:${target}`,
          })
          result.recomputed += 1
          if (view.sla.dueAt !== stored.dueAt)
            result.moved.push({ caseId: stored.id, dueAtBefore: stored.dueAt, dueAtAfter: view.sla.dueAt })
        } catch (error) {
          const known = isAk1Error(error) ? (error as Ak1Error) : null
          result.failed.push({
            caseId: stored.id,
            code: known?.code ?? 'UNKNOWN',
            message: String(known?.message ?? error),
          })
        }
      }
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
  }
  return result
}

/** The case's stale calendar version, or `null` when it is current or its clock does not run. */
function staleVersion(stored: StoredCase, current: readonly string[], scan: boolean): string | null {
  if (stored.final) return null
  if (!scan)
    return stored.calendarVersion !== undefined && !current.includes(stored.calendarVersion)
      ? stored.calendarVersion
      : null
  const ledger = (stored.data as { clock?: { ledger?: ClockLedger } } | null)?.clock?.ledger
  if (!ledger || ledger.stoppedAt !== null || current.includes(ledger.calendarVersion)) return null
  return ledger.calendarVersion
}
