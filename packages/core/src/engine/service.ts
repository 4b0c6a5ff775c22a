import type { KeyObject } from 'node:crypto'
import { cardRecordKind, isCardRecordId } from '../card/holder'
import { type CardStatistics, cardStatisticsCsv } from '../card/statistics'
import { ValidationError, type ValidationIssue } from '../errors/errors'
import { caseEventSchema, extensionSchema } from '../procedure/input'
import type { Actor, CaseEvent, NextAction } from '../procedure/types'
import type { RegisterBook } from '../reports/register-book'
import type { ServiceReport } from '../reports/service-report'
import { checklistFor, parseApplication } from '../schemas/index'
import type { StandardCatalog } from '../standard/catalog'
import type { Standard } from '../standard/schema'
import { sha256Hex } from '../util/canonical-json'
import { attachmentsFromTrail, fileTotalsOf } from './attachments'
import type { AuditVerification } from './audit'
import { createAuditAnchor, type VerifyAuditOptions } from './audit-anchor'
import { type Ak1Health, calendarHealth, createHorizonWatch } from './calendar-health'
import { withCardDeliveries } from './card-deliveries'
import { type CardView, createCardLife } from './card-life'
import { cardOpenDueKind, createCardOpening, withCardOpening } from './card-open'
import { createCardPrinter, type PrintedCard } from './card-print'
import { checkRenewal } from './card-renewal'
import { createCardStatisticsQuery } from './card-statistics'
import type { AuditCheckpoint } from './checkpoint'
import type { CheckpointVerification } from './checkpoint-check'
import { fastActOptions, fastCaseEvent, fastSubmitOptions } from './command-input'
import { decideAct, type ProcedureEvent } from './commands/act'
import { type AttachmentMeta, checkAttachment, decideAttach } from './commands/attach'
import { type ClockChange, decideClockChange } from './commands/clock'
import { decideIncident } from './commands/incident'
import { decideSubmit } from './commands/submit'
import { recordKinds } from './complaint-records'
import { type ComplaintService, createComplaintService } from './complaint-service'
import { complaintDueHandler, complaintOutboxCase } from './complaint-work'
import { createEngineContext } from './context'
import { createDueRunner, type DueRunResult } from './due-runner'
import { guardEntry } from './entry-guard'
import { recordInterview, takeInterview } from './interview'
import { type Ak1ServiceOptions, checkServiceOptions } from './options'
import { createOutboxRunner, type OutboxRunResult } from './outbox'
import { actOptionsSchema, collect, createPipeline, submitOptionsSchema, throwIssues } from './pipeline'
import { type CaseListQuery, type CaseViewPage, createQueries } from './queries'
import { createRecordPipeline } from './record-pipeline'
import { recordRenewalBranch, renewalBranch } from './renewal-check'
import { createReportQueries, type ReportPeriod } from './reports'
import { createSurveyService, type SurveyService } from './survey-service'
import type { CaseChecklistItem, CaseView, CommandOptions, TimelineEntry } from './types'
import { viewOf } from './views'
import { runWorker, type WorkerOptions, type WorkerSummary } from './worker'

export type { CardView } from './card-life'
export type { PrintedCard } from './card-print'
export type { AttachmentMeta } from './commands/attach'
export type { DueRunResult } from './due-runner'
export type { CaseListQuery, CaseViewPage } from './queries'
export type { ReportPeriod } from './reports'

/** Options of {@link Ak1Service.submit}. */
export interface SubmitOptions extends CommandOptions {
  /** How the application reached the office. */
  channel: 'tatap_muka' | 'online'
  /**
   * The layanan applied for (a standard's `service`), when the service holds more than one, such as
   * a new registration and a renewal. @default the first published layanan valid now
   */
  service?: string
}

/** Options of {@link Ak1Service.act} and the other commands on an existing case. */
export interface ActOptions extends CommandOptions {
  /** The case version the caller read; a different stored version fails with `ConflictError`. */
  expectedVersion?: number
}

/** Options of {@link Ak1Service.startWorker}. */
export type StartWorkerOptions = Pick<
  WorkerOptions,
  'signal' | 'intervalMs' | 'idleMs' | 'errorBackoffMs' | 'onError' | 'sleep'
>

/**
 * The card holders' records (kind `card`), opened at hand-over. Reminders before each reporting date
 * and before expiry, and expiry itself, are due rows the worker (`runDue`) handles once each.
 */
export interface Ak1CardService {
  /** The card record by its number. @throws {NotFoundError} */
  get(cardNumber: string): Promise<CardView>
  /**
   * Records a holder's report (in person: role `pemohon`; or by an officer acting for them):
   * `{ kind: 'still_seeking', cardNumber }` inside its window; `{ kind: 'employed', cardNumber,
   * employer, position, startDate }` closes the card and cancels later reminders; `{ kind:
   * 'changed_details', cardNumber, address?, contacts?, education? }`. Nothing is written on an error.
   * @throws {ValidationError} naming `cardNumber` (unknown holder), `kind` (outside the window), or
   *   the missing field (`employer`, `position`, `startDate`).
   * @throws {InvalidTransitionError} when the card is no longer active.
   */
  report(input: unknown, options: ActOptions): Promise<CardView>
  /**
   * Disnaker statistics of a period (`YYYY-MM-DD` days, inclusive, office zone): registered,
   * placed, expired, lapsed, renewed and still active, by sex, age band and highest education level, from the
   * records' plain attributes by a streamed store query.
   * @throws {ValidationError} naming `from` or `to`.
   */
  statistics(period: { from: string; to: string }): Promise<CardStatistics>
  /** {@link statistics} as CSV (a header row, CRLF). */
  statisticsCsv(period: { from: string; to: string }): Promise<string>
}

/**
 * The AK-1 service of one office: commands on cases, queries, and the background work (outbox,
 * SLA deadlines). Every command commits whole or changes nothing. A case of another office (on a
 * shared store) is not found.
 */
export interface Ak1Service {
  /**
   * Submits an application: validates it, pins the standard version that applies now, builds the
   * checklist, gives the tracking code, starts the SLA clock, and stores the case.
   * @throws {ValidationError} for a bad application (nothing is written)
   * @throws {ForbiddenError} when the actor may not submit on this channel
   */
  submit(application: unknown, options: SubmitOptions): Promise<CaseView>
  /**
   * Sends an event to a case. A repeated `commandId` (same case, event, payload and actor) returns
   * the first result without a second effect; any other reuse of it is a `ConflictError`.
   * @throws {NotFoundError} {ConflictError} {ForbiddenError} {InvalidTransitionError} {ValidationError}
   */
  act(caseId: string, event: CaseEvent, options: ActOptions): Promise<CaseView>
  /** The events this actor may send now, each with its step and the checklist ids it must verify. */
  availableActions(caseId: string, actor: Actor): Promise<NextAction[]>
  /**
   * Stores a scan (KTP, KK, ijazah...) and records its reference on the case. The same bytes again
   * (for the same item) change nothing.
   * @throws {ValidationError} when the file is too large or of a type not accepted
   */
  attach(caseId: string, bytes: Uint8Array, meta: AttachmentMeta, options: ActOptions): Promise<CaseView>
  /**
   * Extends the SLA due time by working days, where the standard allows it, with a reason; audited.
   * @throws {ForbiddenError} when the standard allows no (further) extension
   */
  extend(
    caseId: string,
    extension: { workingDays: number; reason: string },
    options: ActOptions,
  ): Promise<CaseView>
  /**
   * Recomputes the case's due time with the current calendar version (after an amended holiday
   * decree); audited with both calendar versions.
   */
  recomputeDue(caseId: string, options: ActOptions): Promise<CaseView>
  /** The case as it stands now. @throws {NotFoundError} */
  get(caseId: string): Promise<CaseView>
  /** The case's audit trail as a portal shows it. @throws {NotFoundError} */
  timeline(caseId: string): Promise<TimelineEntry[]>
  /**
   * Cases of this office matching every filter given, ordered by id (the overdue list by due time),
   * a page at a time: pass `nextCursor` back as `cursor`. One store query, and one batch read of
   * the page's deliveries.
   * @throws {ValidationError} for a bad query
   */
  list(query?: CaseListQuery): Promise<CaseViewPage>
  /**
   * Checks the case's audit trail: the hash chain up to the head the case records, one entry per
   * case version, each entry's MAC when the service has an `auditKey`, and the trail against a
   * signed checkpoint (the one given, kept outside the database, or else the last this service
   * made): still as long as the checkpoint saw it, with the same entry at that length.
   * @throws {NotFoundError} for an unknown case; {@link ValidationError} for a malformed checkpoint or
   * one of another office; {@link ConfigError} when no public key is at hand to check a checkpoint.
   */
  verifyAudit(caseId: string, options?: VerifyAuditOptions): Promise<AuditVerification>
  /**
   * Checks a record's audit trail (a complaint, a card, a box opening...) as `verifyAudit` checks a
   * case's: the hash chain, one entry per record version, the MACs, and the trail against a
   * checkpoint. @throws {NotFoundError} for an unknown record or one of another office.
   */
  verifyRecordAudit(kind: string, id: string, options?: VerifyAuditOptions): Promise<AuditVerification>
  /**
   * Checks the whole office against a signed checkpoint: every case and record it lists still has
   * its trail, at least as long, with the same entry at the checkpointed length, a chain that holds,
   * and a row at the version the trail gives. A trail or a row deleted outright is reported here
   * (where `verifyAudit` would answer `NotFound`). Reads one aggregate at a time.
   * @throws {ValidationError} for a malformed checkpoint or one of another office;
   * {@link ConfigError} when no public key is at hand.
   */
  verifyCheckpoint(
    checkpoint: AuditCheckpoint | string,
    options?: { publicKey?: string | KeyObject },
  ): Promise<CheckpointVerification>
  /**
   * Makes a signed checkpoint of the office's audit trails now (the worker also makes one every
   * `checkpointIntervalMs`), hands it to `onCheckpoint` and returns it: export it with
   * `JSON.stringify` and keep it outside the database.
   * @throws {ConfigError} without `checkpointSigner`.
   */
  checkpoint(): Promise<AuditCheckpoint>
  /**
   * Raises due SLA deadlines (at risk, breached), each once per case: an audit entry by the
   * `system` actor (`SLA_AT_RISK`, `SLA_BREACHED`) and a notice to the office, committed with the
   * due row marked done, so a restart never raises one twice. Each raise is a case commit: the
   * case's version goes up. A row whose case is busy is released for the next run.
   */
  runDue(options?: { limit?: number }): Promise<DueRunResult>
  /**
   * Delivers due outbox rows (notices, SIPRAJA writes) once: claims them with a lease, sends each,
   * and completes, reschedules or fails it (an incident on the case).
   */
  runOutbox(options?: { limit?: number; signal?: AbortSignal }): Promise<OutboxRunResult>
  /**
   * Runs {@link runOutbox} and {@link runDue} in a loop until `signal` aborts; resolves once the
   * pass in flight finished (deliveries under way complete, claimed rows not started are released).
   */
  startWorker(options: StartWorkerOptions): Promise<WorkerSummary>
  /**
   * How the service's calendars stand: per calendar version, the days of official and provisional
   * holiday data left, with a warning when fewer than 60 official days remain (the worker also logs
   * it, once a day).
   */
  health(): Promise<Ak1Health>
  /**
   * The service report of the period (office-local days, both included): the cases received in it
   * with their outcome as it stands now, the working time to completion and per step (median and
   * 90th percentile by nearest rank, in working minutes), returns, the delivery incidents of those
   * cases, the complaints recorded in it (by type, channel, state, deadlines met) and the SKM of the
   * responses given in it. Computed from plain columns (no personal data is read), streamed from the
   * store, so memory does not grow with the number of cases. Render it with `serviceReportCsv` /
   * `serviceReportHtml`.
   * @throws {ValidationError} for a bad period (one that ends before it starts names `period.to`)
   */
  report(period: ReportPeriod): Promise<ServiceReport>
  /**
   * The buku register (the SK's step 2.1) of the period: every case registered in it, in
   * register-number order, with any gap in the numbers listed (none when the store took them in the
   * commit). Render it with `registerBookCsv` / `registerBookHtml`.
   * @throws {ValidationError} for a bad period
   */
  registerBook(period: ReportPeriod): Promise<RegisterBook>
  /** The Buku Pengaduan, the kotak saran and the Kepala Seksi's follow-up (the SK's "Pengaduan Layanan"). */
  readonly complaints: ComplaintService
  /** The satisfaction survey (SKM): responses, anonymous to staff, and their result per period. */
  readonly survey: SurveyService
  /**
   * The printed AK-1 card of a case: the PDF the print step stored by its sha256 (the same bytes
   * each time), with this print counted and audited (`CARD_REPRINTED`); rendered now, and audited as
   * `CARD_PRINTED`, when the print step stored none. Needs the `card` option to render.
   * @throws {ValidationError} `caseId` when the card was not issued yet; `photo` when there is none.
   * @throws {ForbiddenError} when the actor's role may not print.
   */
  renderCard(caseId: string, options: ActOptions): Promise<PrintedCard>
  /** The card holders' two years: card records, reports, statistics for Disnaker. */
  readonly cards: Ak1CardService
  /** The standard versions this service knows. */
  readonly catalog: StandardCatalog
}

/**
 * Creates the AK-1 service of an office on a store. It wires the options into the command pipeline
 * (`pipeline.ts`), the commands (`commands/`), the queries and the background runners.
 *
 * @throws {ConfigError} for bad options, a standard whose number formats or issuance steps are wrong.
 * @example
 * ```ts
 * const service = createAk1Service({ standard: balongbendo, store: createMemoryStore() })
 * const petugas = { id: 'u-1', role: 'petugas' }
 * const c = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
 * const [next] = await service.availableActions(c.id, petugas)
 * await service.act(c.id, { type: 'ACCEPT', verified: next.needs ?? [] }, { actor: petugas, expectedVersion: c.version })
 * ```
 */
export function createAk1Service(options: Ak1ServiceOptions): Ak1Service {
  checkServiceOptions(options)
  const ctx = createEngineContext(options)
  const { clock, catalog, single, incidentRoles } = ctx
  const pipeline = createPipeline(ctx)
  const queries = createQueries(ctx, pipeline)
  const reports = createReportQueries(ctx)
  const records = createRecordPipeline(ctx)
  const cardLife = createCardLife(ctx, records)
  const cardOpening = createCardOpening(ctx, pipeline, cardLife)
  const runDue = createDueRunner(
    ctx,
    pipeline,
    { [recordKinds.complaint]: complaintDueHandler(ctx, records), [cardRecordKind]: cardLife.handleDue },
    { [cardOpenDueKind]: cardOpening.handleDue },
  )
  const anchor = createAuditAnchor(ctx, pipeline.loadCase)
  const complaints = createComplaintService(ctx, records)
  const survey = createSurveyService(ctx, records, pipeline.loadCase)
  const printer = createCardPrinter(ctx, pipeline)
  const cardStatistics = createCardStatisticsQuery(ctx)

  /** The standard a submission runs under: the layanan named, or the first valid now. */
  const standardFor = (at: Date, service: string | undefined): Standard => {
    if (service === undefined) return single ?? catalog.resolve(at)
    const known = [...new Set(catalog.standards.map((s) => s.service))]
    if (!known.includes(service)) {
      throw new ValidationError([
        {
          path: ['service'],
          rule: 'unknown_service',
          message: `layanan "${service}" tidak ada di layanan ini (yang ada: ${known.join(', ')})`,
          messageEn: `service "${service}" is not held by this service (held: ${known.join(', ')})`,
        },
      ])
    }
    return catalog.resolve(at, service)
  }

  const submit = async (application: unknown, opts: SubmitOptions): Promise<CaseView> => {
    const issues: ValidationIssue[] = []
    const parsed = fastSubmitOptions(opts) ?? collect(submitOptionsSchema, opts ?? {}, [], issues)
    throwIssues(issues)
    const { channel, commandId } = parsed!
    const actor = parsed!.actor as Actor
    const at0 = clock.now()
    const standard = standardFor(at0, parsed!.service)
    const app = parseApplication(application, { now: at0, applicantAge: standard.applicantAge })
    await checkRenewal(standard, app, (n) => cardLife.findByNumber(n))
    const rt = ctx.runtimeOf(standard)
    const checklist = checklistFor(standard, app) as CaseChecklistItem[]
    const identity = { caseId: undefined, command: 'SUBMIT', payload: { application: app, channel }, actor }
    return pipeline.submit(commandId, identity, () => {
      const at = clock.now()
      return decideSubmit(
        rt,
        { application: app, checklist, channel, actor, commandId },
        { id: ctx.nextId(at), at },
      )
    })
  }

  const act = async (caseId: string, event: CaseEvent, opts: ActOptions): Promise<CaseView> => {
    let parsedOpts = fastActOptions(opts)
    let parsed = parsedOpts && fastCaseEvent(event)
    if (!parsedOpts || !parsed) {
      const issues: ValidationIssue[] = []
      parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
      parsed = collect(caseEventSchema, event, ['event'], issues) as CaseEvent
      throwIssues(issues)
    }
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    const identity = { caseId, command: parsed.type, payload: parsed, actor }
    let printed = false
    const view = await pipeline.onCase(parsedOpts!, identity, async (stored, rows, data, rt, at) => {
      if (parsed.type === 'RETRY_INCIDENT' || parsed.type === 'RESOLVE_INCIDENT') {
        return decideIncident(rt, stored, rows.before(), data, parsed, {
          actor,
          commandId,
          at,
          incidentRoles,
        })
      }
      const printing = printer.isPrintStep(rt, stored, data, parsed)
      // The engine's own parts of an event: the AK/II of an interview, a renewal's card check.
      const interview = takeInterview(rt.standard, data.snapshot.state, parsed as ProcedureEvent)
      const branch = await renewalBranch(
        rt.standard,
        stored,
        data,
        interview.event,
        at,
        cardLife.findByNumber,
      )
      const decision = decideAct(rt, stored, data, branch.event, { actor, commandId, at })
      if (interview.ak2 !== undefined) recordInterview(decision, interview.ak2, interview.stepId!)
      recordRenewalBranch(decision, branch)
      if (printing) await printer.duringPrintStep(rt, decision, rows.before())
      printed = printing
      // The hand-over commit carries the card record's opening as a due row (see card-open.ts).
      return parsed.type === 'HAND_OVER' ? withCardOpening(decision) : decision
    })
    const done = printed ? await printer.afterPrintStep(view, actor) : view
    if (parsed.type === 'HAND_OVER') await cardOpening.afterHandOver(done, actor)
    // A renewal's new card ends the old one (at printing; again at hand-over, a no-op once done).
    if (done.renewal && done.card && (printed || parsed.type === 'HAND_OVER')) {
      const standard = catalog.find(done.standard.id, done.standard.version, done.standard.hash) ?? single
      const by = { caseId: done.id, cardNumber: done.card.number }
      if (standard) await cardLife.renew(done.renewal.previousCardNumber, by, standard, actor)
    }
    return done
  }

  const attach = async (
    caseId: string,
    bytes: Uint8Array,
    meta: AttachmentMeta,
    opts: ActOptions,
  ): Promise<CaseView> => {
    const issues: ValidationIssue[] = []
    const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
    checkAttachment(bytes, meta, { maxBytes: ctx.maxBytes, types: ctx.attachmentTypes }, issues)
    throwIssues(issues)
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    const sha256 = sha256Hex(bytes)
    const file = { sha256, size: bytes.byteLength, meta }
    const identity = {
      caseId,
      command: 'ATTACH',
      payload: { sha256, contentType: meta.contentType, itemId: meta.itemId, filename: meta.filename },
      actor,
    }
    return pipeline.onCase(parsedOpts!, identity, async (stored, rows, data, rt, at) => {
      const existing =
        fileTotalsOf(data).count === 0
          ? []
          : attachmentsFromTrail(await ctx.port('timeline', () => ctx.store.timeline(caseId)))
      const decision = decideAttach(rt, stored, data, file, { actor, commandId, at }, existing)
      if (!decision) return { view: viewOf(rt, stored, () => [...(rows.live ?? rows.before)()], at) }
      await ctx.port('putAttachment', () =>
        ctx.store.putAttachment({ sha256, contentType: meta.contentType, size: bytes.byteLength, bytes }),
      )
      return decision
    })
  }

  const clockCommand = (caseId: string, change: ClockChange, opts: ActOptions, issues: ValidationIssue[]) => {
    const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
    throwIssues(issues)
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    const identity = { caseId, command: change.type, payload: change, actor }
    return pipeline.onCase(parsedOpts!, identity, (stored, _rows, data, rt, at) =>
      decideClockChange(rt, stored, data, change, { actor, commandId, at, incidentRoles }),
    )
  }

  const extend: Ak1Service['extend'] = async (caseId, extension, opts) => {
    const issues: ValidationIssue[] = []
    const parsed = collect(extensionSchema, extension, ['extension'], issues)
    return clockCommand(caseId, { type: 'EXTEND', ...parsed! }, opts, issues)
  }

  const recomputeDue: Ak1Service['recomputeDue'] = async (caseId, opts) =>
    clockCommand(caseId, { type: 'RECOMPUTE_DUE' }, opts, [])

  const loadCaseView = async (caseId: string) => {
    const stored = await ctx.store.load(caseId)
    if (!stored) return complaintOutboxCase(ctx, caseId)
    const rows = await ctx.store.listOutbox(caseId)
    const rt = ctx.runtimeFor(stored, stored.data as never)
    // Files are read from the trail only by the delivery that uploads them, not for every notice.
    return { view: viewOf(rt, stored, rows, clock.now()), standard: rt.standard }
  }

  const runner = createOutboxRunner({
    store: ctx.store,
    notifiers: options.notifiers ?? [],
    ...(options.sipraja ? { sipraja: options.sipraja } : {}),
    clock,
    workerId: ctx.workerId,
    officeCode: ctx.officeCode,
    options: options.outbox ?? {},
    async loadCase(caseId) {
      if (isCardRecordId(caseId)) return cardLife.noticeSource(caseId, loadCaseView)
      return loadCaseView(caseId)
    },
    emit: (event) => {
      try {
        options.onEvent?.(event as never)
      } catch (error) {
        options.logger?.warn({ type: 'on_event_failed', error: String(error) }, 'onEvent threw')
      }
    },
    ...(options.logger ? { logger: options.logger } : {}),
  })

  const healthNow = () =>
    calendarHealth(
      catalog.standards.map((standard) => ({ standard, calendar: ctx.runtimeOf(standard).clock.calendar })),
      clock.now(),
    )
  const horizonWatch = createHorizonWatch(healthNow, options.logger, ctx.emit)

  const startWorker = (workerOptions: StartWorkerOptions): Promise<WorkerSummary> =>
    runWorker({
      ...workerOptions,
      runOutbox: (o) => runner.runOutbox(o),
      runDue: async () => {
        horizonWatch.check()
        await anchor.maybeCheckpoint()
        return runDue()
      },
      onError:
        workerOptions.onError ??
        ((error, pass) =>
          options.logger?.error(
            { type: 'worker.pass_failed', pass, error: String(error) },
            'worker pass failed',
          )),
    })

  return guardEntry({
    catalog,
    runOutbox: (o) => runner.runOutbox(o),
    startWorker,
    health: async () => healthNow(),
    submit,
    act,
    availableActions: queries.availableActions,
    attach,
    extend,
    recomputeDue,
    get: async (caseId) => withCardDeliveries(ctx, await queries.get(caseId)),
    timeline: queries.timeline,
    list: queries.list,
    verifyAudit: anchor.verify,
    verifyRecordAudit: anchor.verifyRecord,
    verifyCheckpoint: anchor.verifyOffice,
    checkpoint: anchor.checkpoint,
    runDue,
    report: reports.serviceReport,
    complaints,
    survey,
    registerBook: reports.registerBook,
    cards: {
      get: (cardNumber) => cardLife.get(cardNumber),
      report: async (input, opts) => {
        const issues: ValidationIssue[] = []
        const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
        throwIssues(issues)
        return cardLife.report(input, parsedOpts!)
      },
      statistics: (period) => cardStatistics(period),
      statisticsCsv: async (period) => cardStatisticsCsv(await cardStatistics(period)),
    },
    renderCard: async (caseId, opts) => {
      const issues: ValidationIssue[] = []
      const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
      throwIssues(issues)
      return printer.renderCard(caseId, parsedOpts!)
    },
  })
}
