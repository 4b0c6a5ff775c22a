import { z } from 'zod'
import type { ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'
import type { CaseStreamQuery, StoredCase } from '../ports/case-store'
import { orderRegister, type RegisterBook, type RegisterEntry } from '../reports/register-book'
import {
  createServiceReportAccumulator,
  type ReportComplaint,
  type ServiceReport,
} from '../reports/service-report'
import { type CaseData, checkStoredCase } from './case-data'
import { recordKinds } from './complaint-records'
import type { EngineContext } from './context'
import { collect, throwIssues } from './pipeline'
import { incidentsOf, registerEntryOf, reportCaseOf } from './report-facts'
import { skmOf } from './survey-service'

Object.assign(ruleMessages, {
  period_order: {
    id: 'tanggal akhir periode tidak boleh sebelum tanggal awal',
    en: 'the end of the period may not be before its start',
  },
})

const day = z.iso.date({ error: () => 'iso_day' })

/**
 * A report period: office-local days `from` to `to`, both included (`YYYY-MM-DD`). A period that
 * ends before it starts is a `ValidationError` naming `period.to`.
 */
export const reportPeriodSchema = z
  .strictObject({ from: day, to: day })
  .refine((p) => p.from <= p.to, { message: 'period_order', path: ['to'] })

/** A report period, office-local days, both included. */
export type ReportPeriod = z.output<typeof reportPeriodSchema>

/** Cases handed on together, so their outbox rows are read in one batch. */
const BATCH = 200

/** Parses a period; issues are named under `period`. @internal */
export function parsePeriod(input: unknown): ReportPeriod {
  const issues: ValidationIssue[] = []
  const period = collect(reportPeriodSchema, input, ['period'], issues)
  throwIssues(issues)
  return period!
}

/** The day after an office-local day. @internal */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The report queries of a service. @internal */
export function createReportQueries(ctx: EngineContext) {
  const { store, port, clock, officeCode } = ctx
  const standardNow = () => ctx.single ?? ctx.catalog.resolve(clock.now())
  const calendarOf = () => ctx.runtimeOf(standardNow()).clock.calendar

  /** The store's created range of a period of office-local days. */
  const rangeOf = (period: ReportPeriod) => {
    const calendar = calendarOf()
    return {
      createdFrom: calendar.at(period.from, '00.00').toISOString(),
      createdTo: calendar.at(nextDay(period.to), '00.00').toISOString(),
    }
  }

  /**
   * Streams this office's cases (of the period, when given) from the store, handing them on in
   * batches: memory holds one batch, however many cases match.
   */
  async function eachBatch(
    query: CaseStreamQuery,
    visit: (batch: StoredCase[]) => Promise<void> | void,
  ): Promise<void> {
    let batch: StoredCase[] = []
    for await (const c of store.streamCases(query)) {
      batch.push(checkStoredCase(store.id, c.id, c))
      if (batch.length >= BATCH) {
        await visit(batch)
        batch = []
      }
    }
    if (batch.length) await visit(batch)
  }

  /**
   * The service report: the cases received in the period (their outcome as it stands now) with
   * their delivery incidents, the complaints recorded in it, and the SKM responses given in it.
   */
  async function serviceReport(input: unknown): Promise<ServiceReport> {
    const period = parsePeriod(input)
    const accumulator = createServiceReportAccumulator(standardNow(), period)
    const now = clock.now()
    await eachBatch({ officeCode, ...rangeOf(period) }, async (batch) => {
      const outbox = await port('listOutboxOf', () => store.listOutboxOf(batch.map((c) => c.id)))
      for (const stored of batch) {
        const rt = ctx.runtimeFor(stored, stored.data as unknown as CaseData)
        accumulator.addCase(reportCaseOf(rt, stored, now))
        accumulator.addIncidents(incidentsOf(stored, outbox.get(stored.id) ?? []))
      }
    })
    const range = rangeOf(period)
    for await (const r of store.streamRecords({ officeCode, kind: recordKinds.complaint, ...range })) {
      accumulator.addComplaint({
        type: r.attributes.type as ReportComplaint['type'],
        channel: String(r.attributes.channel),
        state: r.state as ReportComplaint['state'],
        deadlinesMet: typeof r.attributes.deadlinesMet === 'boolean' ? r.attributes.deadlinesMet : null,
      })
    }
    accumulator.setSkm(await skmOf(store, officeCode, range))
    return accumulator.result()
  }

  /** The buku register of the period: cases registered in it, in register-number order. */
  async function registerBook(input: unknown): Promise<RegisterBook> {
    const period = parsePeriod(input)
    const calendar = calendarOf()
    const dayOf = (iso: string) => calendar.dayOf(iso)
    const entries: RegisterEntry[] = []
    // A case registered in the period was created before its end.
    await eachBatch({ officeCode, createdTo: rangeOf(period).createdTo }, (batch) => {
      for (const stored of batch) {
        const entry = registerEntryOf(stored, dayOf)
        if (entry && entry.date >= period.from && entry.date <= period.to) entries.push(entry)
      }
    })
    return { officeCode, period, ...orderRegister(entries) }
  }

  return { serviceReport, registerBook, rangeOf }
}
