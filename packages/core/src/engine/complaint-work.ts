import type { DueRow } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import { decideComplaintDue } from './commands/complaint'
import { complaintFromStored, recordKinds } from './complaint-records'
import type { EngineContext } from './context'
import type { OutboxCase } from './outbox'
import type { RecordPipeline } from './record-pipeline'
import type { CaseView } from './types'

/**
 * What the outbox runner needs to deliver a notice of a Buku Pengaduan entry: the complainant's
 * contact as the recipient, the entry's number in place of a tracking code, the office's standard.
 * `null` when the id is not an entry of this office.
 * @internal
 */
export async function complaintOutboxCase(ctx: EngineContext, id: string): Promise<OutboxCase | null> {
  const stored = await ctx.store.loadRecord(recordKinds.complaint, id)
  if (!stored || stored.officeCode !== ctx.officeCode) return null
  const { record } = complaintFromStored(stored)
  const contacts: Record<string, string> = {}
  if (record.complainant?.phone) contacts.mobile = record.complainant.phone
  if (record.complainant?.email) contacts.email = record.complainant.email
  // A NoticeCase with the fields the runner reads of a view (application contacts, checklist).
  const view = {
    id: record.id,
    trackingCode: record.number === null ? record.id : `${record.number}/${record.year}`,
    channel: 'tatap_muka',
    state: record.state,
    applicantName: record.complainant?.name ?? 'Bapak/Ibu',
    application: { contacts },
    checklist: [],
  } as unknown as CaseView
  return { view, standard: ctx.single ?? ctx.catalog.resolve(ctx.clock.now()) }
}

/**
 * Handles a due row of a Buku Pengaduan entry: raises its deadline (at risk, breached) once, with
 * an audit entry by `system`, or closes a row whose deadline was met meanwhile.
 * @internal
 */
export function complaintDueHandler(ctx: EngineContext, records: RecordPipeline) {
  return async (row: DueRow): Promise<'raised' | 'skipped'> => {
    const stored = await records.load(recordKinds.complaint, row.caseId)
    const at = ctx.clock.now()
    const decision = decideComplaintDue(stored, row, at, ctx.single ?? ctx.catalog.resolve(at))
    if (!decision) {
      await ctx.port('commit', () =>
        ctx.store.commit({
          record: { ...stored, version: stored.version + 1, updatedAt: at.toISOString() },
          expectedVersion: stored.version,
          audit: [],
          outbox: [],
          dueDone: [row.id],
        }),
      )
      return 'skipped'
    }
    // No retry: a busy entry's row is released by the runner for the next pass.
    await records.run({
      kind: recordKinds.complaint,
      recordId: stored.id,
      create: false,
      command: decision.entry.event,
      payload: { dueRowId: row.id },
      actor: decision.entry.actor as Actor,
      expectedVersion: stored.version,
      decide: () => decision,
    })
    return 'raised'
  }
}
