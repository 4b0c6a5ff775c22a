import { ValidationError, type ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'
import type { AuditActor } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { Ak1Store } from '../ports/store'
import type { Actor } from '../procedure/types'
import { skmElementIds } from '../survey/elements'
import { createSkmAccumulator, type SkmResponse, type SkmResult, skmResponseSchema } from '../survey/skm'
import { sha256Hex } from '../util/canonical-json'
import { recordKinds } from './complaint-records'
import type { EngineContext } from './context'
import { collect, throwIssues } from './pipeline'
import type { RecordPipeline } from './record-pipeline'
import { nextDay, parsePeriod, type ReportPeriod } from './reports'

Object.assign(ruleMessages, {
  skm_once: {
    id: 'survei kepuasan untuk permohonan ini sudah diisi (satu tanggapan per permohonan)',
    en: 'the satisfaction survey of this case was already answered (one response per case)',
  },
})

/** The satisfaction survey (SKM, PermenPAN-RB 14/2017) of the office. */
export interface SurveyService {
  /**
   * Records one response: the nine elements scored 1 to 4. It may name the case it is about, and
   * at most one response counts per case. Responses are anonymous to staff: the stored response
   * keeps only a one-way key of the case (for the one-per-case rule), no case id, no applicant, and
   * the audit entry names neither.
   * @throws {ValidationError} a score outside 1-4 names `response.scores.<element>`; a second
   * response for a case names `response.caseId` (nothing is written)
   * @throws {NotFoundError} for a case not of this office
   */
  record(response: unknown, options?: { commandId?: string }): Promise<{ id: string }>
  /** The SKM result of the responses recorded in the period: per element, the index, its conversion and grade. */
  result(period: ReportPeriod): Promise<SkmResult>
}

/** The SKM of the office's responses created in the range, streamed from the store. @internal */
export async function skmOf(
  store: Ak1Store,
  officeCode: string,
  range: { createdFrom: string; createdTo: string },
): Promise<SkmResult> {
  const acc = createSkmAccumulator()
  for await (const r of store.streamRecords({ officeCode, kind: recordKinds.skm, ...range })) {
    const scores = Object.fromEntries(skmElementIds.map((e) => [e, Number(r.attributes[e])]))
    acc.add({ scores } as SkmResponse)
  }
  return acc.result()
}

const respondent: AuditActor = { id: 'responden', role: 'pemohon' }

/** Builds the survey calls of a service. @internal */
export function createSurveyService(
  ctx: EngineContext,
  records: RecordPipeline,
  loadCase: (caseId: string) => Promise<unknown>,
): SurveyService {
  const { store, port, clock, officeCode } = ctx
  const calendarNow = () => ctx.runtimeOf(ctx.single ?? ctx.catalog.resolve(clock.now())).clock.calendar
  const keyOf = (caseId: string) => sha256Hex(`skm:${officeCode}:${caseId}`)
  const once = () =>
    new ValidationError([
      {
        path: ['response', 'caseId'],
        rule: 'skm_once',
        message: ruleMessages.skm_once!.id,
        messageEn: ruleMessages.skm_once!.en,
      },
    ])

  return {
    async record(response, options = {}) {
      const issues: ValidationIssue[] = []
      const parsed = collect(skmResponseSchema, response, ['response'], issues)
      throwIssues(issues)
      const { scores, caseId } = parsed!
      const key = caseId === undefined ? null : keyOf(caseId)
      if (caseId !== undefined) {
        await loadCase(caseId)
        const taken = await port('listRecords', () =>
          store.listRecords({ officeCode, kind: recordKinds.skm, key: key!, limit: 1 }),
        )
        if (taken.items.length) throw once()
      }
      const at = clock.now().toISOString()
      const standard = ctx.single ?? ctx.catalog.resolve(clock.now())
      let id = `skm-${ctx.nextId(clock.now())}`
      if (options.commandId !== undefined) {
        const done = await port('getCommand', () => store.getCommand(options.commandId!, officeCode))
        const recorded = (done?.result as { recordId?: unknown } | undefined)?.recordId
        if (typeof recorded === 'string') id = recorded
      }
      const after: Omit<StoredRecord, 'version' | 'updatedAt'> = {
        kind: recordKinds.skm,
        id,
        officeCode,
        state: 'diterima',
        caseId: null,
        key,
        attributes: { ...scores },
        final: true,
        createdAt: at,
        personal: {},
        data: {},
      }
      try {
        await records.run({
          kind: recordKinds.skm,
          recordId: id,
          create: true,
          command: 'SKM',
          payload: parsed,
          actor: respondent as Actor,
          ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
          decide: () => ({
            after,
            // Neither the case nor the scores: the trail says only that a response came.
            entry: {
              actor: respondent,
              event: 'SKM',
              from: null,
              to: 'diterima',
              standardId: standard.id,
              standardVersion: standard.version,
              details: {},
            },
            result: (r) => ({ id: r.id }),
          }),
        })
        return { id }
      } catch (error) {
        // Two responses for one case at once: the store's key decides; the loser is told plainly.
        if (key !== null && (error as { code?: string }).code === 'CONFLICT') throw once()
        throw error
      }
    },

    async result(period) {
      const p = parsePeriod(period)
      const calendar = calendarNow()
      return skmOf(store, officeCode, {
        createdFrom: calendar.at(p.from, '00.00').toISOString(),
        createdTo: calendar.at(nextDay(p.to), '00.00').toISOString(),
      })
    },
  }
}
