import { z } from 'zod'
import type { ValidationIssue } from '../errors/errors'
import { parseOrThrow } from '../i18n/zod-issues'
import type { CaseQuery } from '../ports/case-store'
import { nextActions } from '../procedure/authorize'
import { actorSchema } from '../procedure/input'
import type { Actor, NextAction } from '../procedure/types'
import { fillAttachments } from './attachments'
import { type CaseData, checkStoredCase } from './case-data'
import type { EngineContext } from './context'
import { collect, type Pipeline, throwIssues } from './pipeline'
import type { CaseView, TimelineEntry } from './types'
import { viewOf } from './views'

/**
 * Filters of {@link Ak1Service.list}; all given filters must hold. They are the store's
 * {@link CaseQuery} filters, but for `officeCode` (always the service's office) and with `overdue`
 * in place of `overdueAt`.
 */
export interface CaseListQuery extends Omit<CaseQuery, 'officeCode' | 'overdueAt'> {
  /** Only cases past their SLA due time now (from the store's due-time index). */
  overdue?: boolean
}

/** A page of case views. */
export interface CaseViewPage {
  items: CaseView[]
  nextCursor: string | null
}

const listQuerySchema = z
  .object({
    state: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    awaiting: z.string().min(1).optional(),
    overdue: z.boolean().optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    incident: z.boolean().optional(),
    applicantNik: z.string().min(1).optional(),
    trackingCode: z.string().min(1).optional(),
    final: z.boolean().optional(),
    cursor: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict()

/** The read side of the service: every query reads this office's cases only. @internal */
export function createQueries(ctx: EngineContext, pipeline: Pipeline) {
  const { store, port, clock } = ctx
  const { loadCase } = pipeline

  const get = async (caseId: string): Promise<CaseView> => {
    const [stored, rows] = await Promise.all([
      loadCase(caseId),
      port('listOutbox', () => store.listOutbox(caseId)),
    ])
    const view = viewOf(ctx.runtimeFor(stored, stored.data as unknown as CaseData), stored, rows, clock.now())
    return fillAttachments(view, stored, () => port('timeline', () => store.timeline(caseId)))
  }

  const timeline = async (caseId: string): Promise<TimelineEntry[]> => {
    await loadCase(caseId)
    const entries = await port('timeline', () => store.timeline(caseId))
    return entries.map((e) => {
      const entry: TimelineEntry = {
        seq: e.seq,
        at: e.at,
        event: e.event,
        from: e.from,
        to: e.to,
        actor: e.actor,
      }
      if (e.details !== undefined) entry.details = e.details
      return entry
    })
  }

  /** One store query for the page, and one batch read of its cases' outbox rows. */
  const list = async (query: CaseListQuery = {}): Promise<CaseViewPage> => {
    const q = parseOrThrow(listQuerySchema, query)
    const now = clock.now()
    const storeQuery: CaseQuery = { officeCode: ctx.officeCode }
    if (q.state !== undefined) storeQuery.state = q.state
    if (q.awaiting !== undefined) storeQuery.awaiting = q.awaiting
    if (q.overdue === true) storeQuery.overdueAt = now.toISOString()
    if (q.dueBefore !== undefined) storeQuery.dueBefore = new Date(q.dueBefore).toISOString()
    if (q.incident !== undefined) storeQuery.incident = q.incident
    if (q.applicantNik !== undefined) storeQuery.applicantNik = q.applicantNik
    if (q.trackingCode !== undefined) storeQuery.trackingCode = q.trackingCode
    if (q.final !== undefined) storeQuery.final = q.final
    if (q.cursor !== undefined) storeQuery.cursor = q.cursor
    if (q.limit !== undefined) storeQuery.limit = q.limit
    const listed = await port('list', () => store.list(storeQuery))
    const page = { ...listed, items: listed.items.map((c) => checkStoredCase(store.id, c?.id, c)) }
    const rows = page.items.length
      ? await port('listOutboxOf', () => store.listOutboxOf(page.items.map((c) => c.id)))
      : new Map()
    const items = page.items.map((stored) =>
      viewOf(
        ctx.runtimeFor(stored, stored.data as unknown as CaseData),
        stored,
        rows.get(stored.id) ?? [],
        now,
      ),
    )
    return { items, nextCursor: page.nextCursor }
  }

  const availableActions = async (caseId: string, actor: Actor): Promise<NextAction[]> => {
    const issues: ValidationIssue[] = []
    const checked = collect(actorSchema, actor, ['actor'], issues) as Actor
    throwIssues(issues)
    const handlesIncidents = ctx.incidentRoles.has(checked.role)
    const [stored, rows] = await Promise.all([
      loadCase(caseId),
      handlesIncidents ? port('listOutbox', () => store.listOutbox(caseId)) : [],
    ])
    const data = stored.data as unknown as CaseData
    const rt = ctx.runtimeFor(stored, data)
    const actions = nextActions(rt.standard, data.snapshot, checked, { applicantNik: stored.applicantNik })
    if (handlesIncidents && rows.some((row) => row.status === 'failed')) {
      actions.push(
        { type: 'RETRY_INCIDENT', stepId: stored.state },
        { type: 'RESOLVE_INCIDENT', stepId: stored.state },
      )
    }
    return actions
  }

  return { get, timeline, list, availableActions }
}
