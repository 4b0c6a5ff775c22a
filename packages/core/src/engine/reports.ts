import { z } from 'zod'
import type { ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'
import type { StoredCase } from '../ports/case-store'
import { orderRegister, type RegisterBook, type RegisterEntry } from '../reports/register-book'
import { createServiceReportAccumulator } from '../reports/service-report'
import { type CaseData, checkStoredCase } from './case-data'
import type { EngineContext } from './context'
import { collect, throwIssues } from './pipeline'
import { incidentsOf, registerEntryOf, reportCaseOf } from './report-facts'

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

/** Cases read per store page while a report walks the office's cases. */
const PAGE = 500

/** Parses a period; issues are named under `period`. @internal */
export function parsePeriod(input: unknown): ReportPeriod {
  const issues: ValidationIssue[] = []
  const period = collect(reportPeriodSchema, input, ['period'], issues)
  throwIssues(issues)
  return period!
}

/** The report queries of a service. @internal */
export function createReportQueries(ctx: EngineContext) {
  const { store, port, clock, officeCode } = ctx
  const calendarOf = () => ctx.runtimeOf(ctx.single ?? ctx.catalog.resolve(clock.now())).clock.calendar

  /**
   * Walks this office's cases a page at a time (memory holds one page), handing each page to
   * `visit`. The store returns them ordered by id.
   */
  async function eachPage(visit: (page: StoredCase[]) => Promise<void> | void): Promise<void> {
    let cursor: string | undefined
    do {
      const q = cursor === undefined ? { officeCode, limit: PAGE } : { officeCode, limit: PAGE, cursor }
      const page = await port('list', () => store.list(q))
      await visit(page.items.map((c) => checkStoredCase(store.id, c.id, c)))
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
  }

  /**
   * The service report over the cases received in the period (their outcome as it stands now),
   * with the delivery incidents of those cases. Complaints and SKM are added by their own modules.
   */
  async function serviceReport(input: unknown): Promise<{
    period: ReportPeriod
    accumulator: ReturnType<typeof createServiceReportAccumulator>
  }> {
    const period = parsePeriod(input)
    const calendar = calendarOf()
    const standard = ctx.single ?? ctx.catalog.resolve(clock.now())
    const accumulator = createServiceReportAccumulator(standard, period)
    const now = clock.now()
    await eachPage(async (page) => {
      const inPeriod = page.filter((c) => {
        const d = calendar.dayOf(c.createdAt)
        return d >= period.from && d <= period.to
      })
      if (!inPeriod.length) return
      const outbox = await port('listOutboxOf', () => store.listOutboxOf(inPeriod.map((c) => c.id)))
      for (const stored of inPeriod) {
        const rt = ctx.runtimeFor(stored, stored.data as unknown as CaseData)
        accumulator.addCase(reportCaseOf(rt, stored, now))
        accumulator.addIncidents(incidentsOf(stored, outbox.get(stored.id) ?? []))
      }
    })
    return { period, accumulator }
  }

  /** The buku register of the period: cases registered in it, in register-number order. */
  async function registerBook(input: unknown): Promise<RegisterBook> {
    const period = parsePeriod(input)
    const calendar = calendarOf()
    const dayOf = (iso: string) => calendar.dayOf(iso)
    const entries: RegisterEntry[] = []
    await eachPage((page) => {
      for (const stored of page) {
        const entry = registerEntryOf(stored, dayOf)
        if (entry && entry.date >= period.from && entry.date <= period.to) entries.push(entry)
      }
    })
    return { officeCode, period, ...orderRegister(entries) }
  }

  return { serviceReport, registerBook }
}
