import { z } from 'zod'
import type { ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'
import type { CaseFacts, StoredCase } from '../ports/case-store'
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
import {
  type CaseReportFacts,
  caseReportFacts,
  completeRegisterEntry,
  incidentsOf,
  readCaseFacts,
  registerLineOf,
  reportCaseOf,
  snapshotOf,
} from './report-facts'
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
   * Streams this office's cases of a created range as report facts, never their personal data, and
   * hands each on with its facts; memory holds one page of the store's stream, however many cases
   * match. A case written before facts existed is read whole once and its facts derived.
   */
  async function eachFacts(
    range: { createdFrom?: string; createdTo: string },
    visit: (row: CaseFacts, facts: CaseReportFacts) => void,
  ): Promise<void> {
    const stream = await port('streamCaseFacts', async () => store.streamCaseFacts({ officeCode, ...range }))
    const rows = stream[Symbol.asyncIterator]()
    for (;;) {
      const next = await port('streamCaseFacts', () => rows.next())
      if (next.done) return
      const row = next.value
      if (row.officeCode !== officeCode) continue
      let facts = readCaseFacts(store.id, row)
      if (!facts) {
        const stored = await port('load', () => store.load(row.id))
        if (!stored) continue
        facts = caseReportFacts(checkStoredCase(store.id, row.id, stored).data as unknown as CaseData)
      }
      visit(row, facts)
    }
  }

  /**
   * The service report: the cases received in the period (their outcome as it stands now) with
   * their delivery incidents, the complaints recorded in it, and the SKM responses given in it.
   */
  async function serviceReport(input: unknown): Promise<ServiceReport> {
    const period = parsePeriod(input)
    const accumulator = createServiceReportAccumulator(standardNow(), period)
    const now = clock.now()
    const range = rangeOf(period)
    await eachFacts(range, (row, facts) => {
      // The runtime of the pinned standard; of the case it reads only the id, for its error.
      const rt = ctx.runtimeFor(row as unknown as StoredCase, snapshotOf(facts))
      accumulator.addCase(reportCaseOf(rt, row, facts, now))
      accumulator.addIncidents(incidentsOf(row, facts))
    })
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

  /**
   * The buku register of the period: cases registered in it, in register-number order. The lines
   * are found from the report facts; only the cases in the book are read whole, for the holder's
   * name and sex and the card number.
   */
  async function registerBook(input: unknown): Promise<RegisterBook> {
    const period = parsePeriod(input)
    const calendar = calendarOf()
    const dayOf = (iso: string) => calendar.dayOf(iso)
    const lines: { caseId: string; entry: RegisterEntry }[] = []
    // A case registered in the period was created before its end.
    await eachFacts({ createdTo: rangeOf(period).createdTo }, (row, facts) => {
      const entry = registerLineOf(row, facts, dayOf)
      if (entry && entry.date >= period.from && entry.date <= period.to) lines.push({ caseId: row.id, entry })
    })
    const entries: RegisterEntry[] = []
    for (const { caseId, entry } of lines) {
      const stored = await port('load', () => store.load(caseId))
      entries.push(stored ? completeRegisterEntry(entry, checkStoredCase(store.id, caseId, stored)) : entry)
    }
    return { officeCode, period, ...orderRegister(entries) }
  }

  return { serviceReport, registerBook, rangeOf }
}
