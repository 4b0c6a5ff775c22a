import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  ConflictError,
  callPort,
  ForbiddenError,
  isAk1Error,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '../errors/errors'
import { parseOrThrow, ruleMessages, toValidationIssues } from '../i18n/zod-issues'
import type {
  AuditActor,
  AuditEntry,
  CaseQuery,
  CommandRecord,
  CommitInput,
  DueRowInput,
  Json,
  OutboxRow,
  OutboxRowInput,
  SequenceClaim,
  StoredCase,
} from '../ports/case-store'
import { systemClock } from '../ports/clock'
import { nextActions } from '../procedure/authorize'
import { applyEvent, startCase } from '../procedure/transition'
import type { Actor, CaseEvent, NextAction, TransitionResult } from '../procedure/types'
import { returnedState } from '../procedure/types'
import { type Application, actorIdSchema, checklistFor, parseApplication } from '../schemas/index'
import { createStandardCatalog, type StandardCatalog } from '../standard/catalog'
import type { NoticeChannel, Standard } from '../standard/schema'
import { sha256Hex } from '../util/canonical-json'
import { type AuditHead, type AuditVerification, sealAuditEntry, verifyAuditChain } from './audit'
import { type Ak1Health, calendarHealth, createHorizonWatch } from './calendar-health'
import { indexCalendarVersion, resolveHolidaySets } from './calendar-sets'
import { type CaseClockRuntime, createCaseClock } from './case-clock'
import { type CaseData, caseDataJson, readCaseData, type StepVisit } from './case-data'
import { deliveriesOf, incidentsOf, outboxRowsFor, pendingOutboxRow } from './deliveries'
import { guardEntry } from './entry-guard'
import { createIdGenerator } from './ids'
import { sequenceScope } from './numbering'
import { type Ak1ServiceEvent, type Ak1ServiceOptions, checkServiceOptions } from './options'
import { createOutboxRunner, type OutboxRunResult } from './outbox'
import { buildRuntime, type StandardRuntime } from './runtime'
import { effectsCarriedOut, unsetSiprajaWarning } from './sipraja-option'
import type {
  AttachmentRef,
  CaseCard,
  CaseChecklistItem,
  CaseView,
  CommandOptions,
  TimelineEntry,
} from './types'
import { runWorker, type WorkerOptions, type WorkerSummary } from './worker'

/** Options of {@link Ak1Service.submit}. */
export interface SubmitOptions extends CommandOptions {
  /** How the application reached the office. */
  channel: 'tatap_muka' | 'online'
}

/** Options of {@link Ak1Service.act} and the other commands on an existing case. */
export interface ActOptions extends CommandOptions {
  /** The case version the caller read; a different stored version fails with `ConflictError`. */
  expectedVersion?: number
}

/** What {@link Ak1Service.attach} is told about the bytes. */
export interface AttachmentMeta {
  /** MIME type, e.g. `application/pdf`, `image/jpeg`. */
  contentType: string
  /** The checklist item it documents, e.g. `ijazah:sma`. */
  itemId?: string
  filename?: string
}

/**
 * Filters of {@link Ak1Service.list}; all given filters must hold. They are the store's
 * {@link CaseQuery} filters, but for `officeCode` and with `overdue` in place of `overdueAt`.
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

/** Options of {@link Ak1Service.startWorker}. */
export type StartWorkerOptions = Pick<
  WorkerOptions,
  'signal' | 'intervalMs' | 'idleMs' | 'errorBackoffMs' | 'onError' | 'sleep'
>

/** What one {@link Ak1Service.runDue} pass did. */
export interface DueRunResult {
  /** Due rows claimed. */
  claimed: number
  /** SLA events raised (audit entry + office notice). */
  raised: number
  /** Rows closed without an event (already raised, or superseded). */
  skipped: number
  /** Rows released to try again later (a concurrent command on the case). */
  released: number
}

/**
 * The AK-1 service of one office: commands on cases, queries, and the background work (outbox,
 * SLA deadlines). Every command commits whole or changes nothing.
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
   * Sends an event to a case. A repeated `commandId` returns the first result without a second effect.
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
   * Cases matching every filter given, ordered by id (the overdue list by due time), a page at a
   * time: pass `nextCursor` back as `cursor`. Answered from the store's indexes.
   * @throws {ValidationError} for a bad query
   */
  list(query?: CaseListQuery): Promise<CaseViewPage>
  /** Checks the hash chain of the case's audit trail. @throws {NotFoundError} */
  verifyAudit(caseId: string): Promise<AuditVerification>
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
  /** The standard versions this service knows. */
  readonly catalog: StandardCatalog
}

const actorSchema = z.object({
  id: actorIdSchema,
  role: z.string().min(1).max(64),
  onBehalfOf: z.string().min(1).max(64).optional(),
  nik: z.string().min(1).max(64).optional(),
})
const channelSchema = z.enum(['tatap_muka', 'online'])
const itemIds = z.array(z.string().min(1).max(200)).max(200)
const note = z.string().trim().min(1).max(2000)
const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ACCEPT'), verified: itemIds }).strict(),
  z.object({ type: z.literal('RETURN'), missing: itemIds, reason: note }).strict(),
  z.object({ type: z.literal('RESUBMIT') }).strict(),
  z.object({ type: z.literal('REJECT'), reason: note }).strict(),
  z.object({ type: z.literal('SIGN') }).strict(),
  z.object({ type: z.literal('COMPLETE') }).strict(),
  z.object({ type: z.literal('HAND_OVER'), verified: itemIds.optional() }).strict(),
  z.object({ type: z.literal('WITHDRAW'), reason: note.optional() }).strict(),
  z
    .object({ type: z.literal('RETRY_INCIDENT'), outboxId: z.string().min(1), note: note.optional() })
    .strict(),
  z.object({ type: z.literal('RESOLVE_INCIDENT'), outboxId: z.string().min(1), note }).strict(),
])
const extensionSchema = z.object({ workingDays: z.number().int().positive().max(365), reason: note }).strict()
const commandIdSchema = z.string().min(1).max(200).optional()
/** The options of a command on an existing case, parsed whole so each issue names its field. */
const actOptionsSchema = z.object({
  actor: actorSchema,
  expectedVersion: z.number().int().positive().optional(),
  commandId: commandIdSchema,
})
/** The options of {@link Ak1Service.submit}. */
const submitOptionsSchema = z.object({
  actor: actorSchema,
  channel: channelSchema,
  commandId: commandIdSchema,
})

ruleMessages.command_id_other_case = {
  id: 'commandId sudah dipakai untuk kasus lain',
  en: 'commandId was already used for another case',
}
ruleMessages.command_id_other_command = {
  id: 'commandId sudah dipakai untuk perintah lain',
  en: 'commandId was already used for another command',
}
ruleMessages.bytes_uint8array = {
  id: 'harus berupa Uint8Array',
  en: 'must be a Uint8Array',
}

/**
 * Parses `input` with `schema`, adding each issue under `prefix` (the argument's name) to `issues`.
 * An unknown discriminator (an event `type` not known) is reported as `invalid_value` with the
 * accepted values.
 */
function collect<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly string[],
  issues: ValidationIssue[],
): z.output<S> | undefined {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return result.data
  const raw = result.error.issues
  const converted = toValidationIssues(raw)
  for (let i = 0; i < converted.length; i++) {
    const issue = converted[i]!
    const source = raw[i] as z.core.$ZodIssue & { discriminator?: string; options?: unknown[] }
    if (source.code === 'invalid_union' && source.discriminator !== undefined && source.options) {
      const values = source.options.map(String).join(', ')
      issue.rule = 'invalid_value'
      issue.message = `harus salah satu dari: ${values}`
      issue.messageEn = `must be one of: ${values}`
    } else if (source.code === 'invalid_value' && source.input === undefined) {
      const values = source.values.map(String).join(', ')
      issue.message = `wajib diisi, salah satu dari: ${values}`
      issue.messageEn = `is required, one of: ${values}`
    }
    issues.push({ ...issue, path: [...prefix, ...issue.path] })
  }
  return undefined
}

/** Throws one {@link ValidationError} with every issue found, if any. */
function throwIssues(issues: ValidationIssue[]): void {
  if (issues.length) throw new ValidationError(issues)
}

/** What a recorded command must match for a repeat to be answered with its result. */
interface CommandExpectation {
  /** The case the command is sent to (absent for a submission). */
  caseId: string | undefined
  /** The command: the event type, `SUBMIT`, `ATTACH`, `EXTEND` or `RECOMPUTE_DUE`. */
  command: string
}

const systemActor: AuditActor = { id: 'system', role: 'system' }
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
const DEFAULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png']

/** A command's prepared commit and the view it produces. */
interface Prepared {
  commit?: CommitInput
  view: CaseView
  /** The case event recorded (for logs). */
  event: string
}

/**
 * Creates the AK-1 service of an office on a store.
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
  const store = options.store
  const clock = options.clock ?? systemClock
  const isCatalog = typeof (options.standard as StandardCatalog).resolve === 'function'
  const single = isCatalog ? null : (options.standard as Standard)
  const catalog = isCatalog ? (options.standard as StandardCatalog) : createStandardCatalog([single!])
  const maxAttempts = options.maxCommandAttempts ?? 100
  const maxBytes = options.attachmentMaxBytes ?? DEFAULT_MAX_BYTES
  const attachmentTypes = new Set(options.attachmentTypes ?? DEFAULT_TYPES)
  const incidentRoles = new Set(options.incidentRoles ?? ['operator', 'admin'])
  const workerId = options.workerId ?? `ak1-${randomUUID()}`
  const dueLeaseMs = options.dueLeaseMs ?? 60_000
  // One object for the service's life: calendars are cached per standard and holiday-set object.
  const holidaySets = resolveHolidaySets(options.calendars, options.holidayRevisions)
  const nextId = createIdGenerator()

  interface Runtime extends StandardRuntime {
    clock: CaseClockRuntime
  }
  const runtimes = new Map<string, Runtime>()
  const runtimeOf = (standard: Standard): Runtime => {
    let rt = runtimes.get(standard.hash)
    if (!rt) {
      const base = buildRuntime(standard, options.issuance)
      rt = { ...base, clock: createCaseClock(standard, holidaySets) }
      runtimes.set(standard.hash, rt)
    }
    return rt
  }
  // Build every known version now, so a bad standard fails at construction, not mid-command.
  for (const standard of catalog.standards) runtimeOf(standard)
  const siprajaUnset = unsetSiprajaWarning(catalog.standards, options.sipraja)
  if (siprajaUnset)
    options.logger?.warn({ type: 'sipraja_unset', standards: siprajaUnset.standards }, siprajaUnset.message)

  const port = <T>(operation: string, call: () => Promise<T>) => callPort(store.id, operation, call)

  const emit = (event: Omit<Ak1ServiceEvent, 'at'>) => {
    if (!options.onEvent && !options.logger) return
    const full = { at: clock.now().toISOString(), ...event } as Ak1ServiceEvent
    try {
      options.onEvent?.(full)
    } catch (error) {
      options.logger?.warn({ type: 'on_event_failed', error: String(error) }, 'onEvent threw')
    }
    options.logger?.info(full, full.type)
  }

  const runtimeFor = (stored: StoredCase, data: CaseData): Runtime => {
    const snap = data.snapshot
    const known = runtimes.get(snap.standardHash)
    if (known && known.standard.id === snap.standardId && known.standard.version === snap.standardVersion) {
      return known
    }
    const standard =
      catalog.find(snap.standardId, snap.standardVersion, snap.standardHash) ??
      (single && single.hash === snap.standardHash ? single : null)
    if (!standard) {
      throw new NotFoundError(
        `Standar ${snap.standardId}@${snap.standardVersion} yang dipakai kasus ${stored.id} tidak dikenal layanan ini`,
        {
          messageEn: `Standard ${snap.standardId}@${snap.standardVersion} of case ${stored.id} is not known to this service`,
        },
      )
    }
    return runtimeOf(standard)
  }

  const loadCase = async (caseId: string): Promise<StoredCase> => {
    const stored = await port('load', () => store.load(caseId))
    if (!stored) {
      throw new NotFoundError(`Kasus ${caseId} tidak ditemukan`, {
        messageEn: `Case ${caseId} was not found`,
      })
    }
    return stored
  }

  const checkActor = (actor: unknown): Actor => {
    const issues: ValidationIssue[] = []
    const parsed = collect(actorSchema, actor, ['actor'], issues)
    throwIssues(issues)
    return parsed as Actor
  }

  const checkVersion = (stored: StoredCase, expectedVersion: number | undefined) => {
    if (expectedVersion !== undefined && stored.version !== expectedVersion) {
      throw new ConflictError(
        `Kasus ${stored.id} sudah berubah (versi ${stored.version}, bukan ${expectedVersion}); muat ulang lalu coba lagi`,
        {
          messageEn: `Case ${stored.id} has changed (version ${stored.version}, not ${expectedVersion}); reload and try again`,
          expected: expectedVersion,
          actual: stored.version,
        },
      )
    }
  }

  // ---- views -------------------------------------------------------------------------------------

  /** The case's view as of `now`; `rt` is the runtime of its pinned standard when the caller has it. */
  const viewOf = (
    stored: StoredCase,
    outboxRows: readonly OutboxRow[] | (() => OutboxRow[]),
    now: Date,
    rt: Runtime = runtimeFor(stored, stored.data as unknown as CaseData),
  ): CaseView => {
    const data = stored.data as unknown as CaseData
    const view: CaseView = {
      id: stored.id,
      version: stored.version,
      state: stored.state,
      final: stored.final,
      channel: stored.channel,
      standard: {
        id: data.snapshot.standardId,
        version: data.snapshot.standardVersion,
        hash: data.snapshot.standardHash,
      },
      application: stored.personal,
      checklist: undefined as unknown as CaseView['checklist'],
      trackingCode: stored.trackingCode,
      sla: undefined as unknown as CaseView['sla'],
      attachments: data.attachments,
      deliveries: undefined as unknown as CaseView['deliveries'],
      incidents: undefined as unknown as CaseView['incidents'],
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    }
    // The checklist, delivery status and SLA figures take work (requirements per level, calendar
    // arithmetic): made when first read, as of the view's instant, since a command's caller often
    // reads only the version.
    lazy(view, 'checklist', () => checklistOf(rt.standard, stored.personal, data.verified))
    let rows: readonly OutboxRow[] | undefined
    const rowsNow = () => {
      rows ??= typeof outboxRows === 'function' ? outboxRows() : outboxRows
      return rows
    }
    lazy(view, 'deliveries', () => deliveriesOf(rowsNow()))
    lazy(view, 'incidents', () => incidentsOf(rowsNow(), data.incidents))
    lazy(view, 'sla', () => rt.clock.view(data.clock.ledger, data.steps, now))
    if (stored.awaiting !== null) view.awaiting = stored.awaiting
    if (data.registerNumber !== undefined) view.registerNumber = data.registerNumber
    if (data.card !== undefined) view.card = data.card
    if (data.returned !== undefined) view.returned = data.returned
    return view
  }

  /**
   * The recorded result of a command, to answer a repeat with: the view without personal data and
   * without the checklist texts (rebuilt from the standard and who had verified what).
   */
  const commandResult = (view: CaseView, verified: CaseData['verified'], command: string): Json => {
    // Copied key by key: destructuring would read `checklist`, building the lazy checklist only to drop it.
    const rest: Record<string, unknown> = {}
    for (const key of Object.keys(view) as Array<keyof CaseView>) {
      if (key !== 'application' && key !== 'checklist') rest[key] = view[key]
    }
    return { caseId: view.id, command, view: rest as unknown as Json, verified: verified as unknown as Json }
  }

  /**
   * Answers a repeated command with its recorded result, after checking it is the same command:
   * a `commandId` used for another case or another command is a {@link ConflictError}.
   */
  const replay = async (record: CommandRecord, expect: CommandExpectation): Promise<CaseView> => {
    const result = record.result as unknown as {
      caseId: string
      /** Absent in records written before the command was recorded. */
      command?: string
      view: Omit<CaseView, 'application' | 'checklist'>
      verified: CaseData['verified']
    }
    const otherCase = expect.caseId !== undefined && result.caseId !== expect.caseId
    if (otherCase || (result.command !== undefined && result.command !== expect.command)) {
      const text = ruleMessages[otherCase ? 'command_id_other_case' : 'command_id_other_command']!
      throw new ConflictError(`${text.id} (${record.id})`, { messageEn: `${text.en} (${record.id})` })
    }
    const stored = await loadCase(result.caseId)
    const rt = runtimeFor(stored, stored.data as unknown as CaseData)
    return {
      ...result.view,
      application: stored.personal,
      checklist: checklistOf(rt.standard, stored.personal, result.verified),
    } as CaseView
  }

  // ---- the command loop ----------------------------------------------------------------------------

  /**
   * A command's work on an existing case, for one attempt: the case and its outbox rows read fresh
   * (version checked), its data, the runtime of its pinned standard, and the attempt's instant.
   */
  type CaseBody = (
    stored: StoredCase,
    rows: readonly OutboxRow[],
    data: CaseData,
    rt: Runtime,
    at: Date,
  ) => Prepared | Promise<Prepared>

  /**
   * Runs a command: prepare (reading the case fresh), commit, and on a lost race (ConflictError)
   * either answer with the winner's result (same command id) or prepare again, bounded. Preparing
   * again re-checks `expectedVersion`, so a stale caller still gets its ConflictError; only a race
   * on a sequence, or a caller that gave no version, is retried.
   *
   * A submission (`expect.caseId` undefined) prepares with `prepare()` alone; a command on a case
   * has `prepare` called as a {@link CaseBody} on the case read here, so it costs no closure more.
   */
  const runCommand = async (
    commandId: string | undefined,
    expect: CommandExpectation,
    expectedVersion: number | undefined,
    prepare: (() => Promise<Prepared>) | CaseBody,
  ): Promise<CaseView> => {
    const caseId = expect.caseId
    let lastError: unknown
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let prepared: Prepared
      if (caseId === undefined) {
        prepared = await (prepare as () => Promise<Prepared>)()
      } else {
        const [stored, rows] = await Promise.all([
          loadCase(caseId),
          port('listOutbox', () => store.listOutbox(caseId)),
        ])
        checkVersion(stored, expectedVersion)
        const data = readCaseData(stored.data)
        prepared = await (prepare as CaseBody)(stored, rows, data, runtimeFor(stored, data), clock.now())
      }
      if (!prepared.commit) return prepared.view
      try {
        await port('commit', () => store.commit(prepared.commit!))
        emit({
          type: 'case.committed',
          caseId: prepared.view.id,
          event: prepared.event,
          version: prepared.view.version,
          attempt,
        })
        return prepared.view
      } catch (error) {
        if (!isAk1Error(error) || error.code !== 'CONFLICT') throw error
        if (commandId !== undefined) {
          const record = await port('getCommand', () => store.getCommand(commandId))
          if (record) return replay(record, expect)
        }
        lastError = error
        emit({ type: 'case.conflict_retry', caseId: prepared.view.id, event: prepared.event, attempt })
      }
    }
    throw lastError
  }

  /**
   * The shared part of a command on an existing case: answers a repeated `commandId` with its
   * recorded result, else runs `body` on the case read fresh for each attempt (see
   * {@link runCommand}). `opts` are the parsed {@link ActOptions}; the body does its own checks.
   */
  const withCase = async (
    caseId: string,
    opts: z.output<typeof actOptionsSchema>,
    command: string,
    body: CaseBody,
  ): Promise<CaseView> => {
    const { commandId, expectedVersion } = opts
    const expect: CommandExpectation = { caseId, command }
    if (commandId !== undefined) {
      const record = await port('getCommand', () => store.getCommand(commandId))
      if (record) return replay(record, expect)
    }
    return runCommand(commandId, expect, expectedVersion, body)
  }

  const dueRowsFor = (rt: Runtime, caseId: string, seq: number, data: CaseData): DueRowInput[] => {
    const ledger = data.clock.ledger
    if (ledger === undefined) return []
    return rt.clock
      .deadlines(ledger)
      .filter((d) => data.clock.raised[d.kind] === undefined)
      .map((d) => ({ id: `${caseId}.${seq}.${d.kind}`, caseId, kind: d.kind, dueAt: d.dueAt }))
  }

  const dueAtOf = (rt: Runtime, data: CaseData): string | null => {
    if (data.clock.ledger === undefined) return null
    return rt.clock.dueAt(data.clock.ledger)
  }

  const reachableChannels = (personal: Json): Set<NoticeChannel> => {
    const contacts = (personal as { contacts?: { mobile?: unknown; email?: unknown } } | null)?.contacts
    const out = new Set<NoticeChannel>()
    if (typeof contacts?.mobile === 'string' && contacts.mobile) out.add('sms')
    if (typeof contacts?.email === 'string' && contacts.email) out.add('email')
    return out
  }

  const auditBase = (rt: Runtime, stored: { id: string }, at: Date, commandId: string | undefined) => ({
    caseId: stored.id,
    at: at.toISOString(),
    standardId: rt.standard.id,
    standardVersion: rt.standard.version,
    calendarVersion: rt.clock.calendarVersion,
    commandId,
  })

  /**
   * The audit entry of an event that leaves the case in its state (file, clock change, incident,
   * SLA), with the actor as the trail records it ({@link auditActor}).
   */
  const sameStateEntry = (
    rt: Runtime,
    stored: StoredCase,
    at: Date,
    commandId: string | undefined,
    actor: Actor,
    event: string,
    details: Record<string, Json>,
  ): Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> => ({
    ...auditBase(rt, stored, at, commandId),
    actor: auditActor(rt.standard, actor),
    event,
    from: stored.state,
    to: stored.state,
    details,
  })

  /** Completes a prepared case change: seals the audit entry, builds rows, view and commit. */
  const finish = (args: {
    rt: Runtime
    before: StoredCase | null
    after: StoredCase
    data: CaseData
    entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>
    effects?: TransitionResult['effects']
    rows: readonly OutboxRow[]
    extraOutbox?: (seq: number) => OutboxRowInput[]
    outboxChanges?: CommitInput['outboxChanges']
    writeDue: boolean
    dueDone?: string[]
    sequences?: SequenceClaim[]
    commandId: string | undefined
    /** The command recorded with the command id (default: the audit entry's event). */
    command?: string
    at: Date
  }): Prepared => {
    const { rt, data, after, at } = args
    const head: AuditHead | null = args.before ? data.audit : null
    const entry = sealAuditEntry(head, args.entry)
    data.audit = { seq: entry.seq, hash: entry.hash }
    const atIso = at.toISOString()
    const outbox = [
      ...outboxRowsFor(
        after.id,
        entry.seq,
        effectsCarriedOut(args.effects ?? [], options.sipraja),
        reachableChannels(after.personal),
        atIso,
      ),
      ...(args.extraOutbox?.(entry.seq) ?? []),
    ]
    let due: DueRowInput[] | undefined
    if (args.writeDue) {
      due = dueRowsFor(rt, after.id, entry.seq, data)
      data.clock = { ...data.clock, dueRowIds: due.map((d) => d.id) }
    }
    after.dueAt = dueAtOf(rt, data)
    indexCalendarVersion(after, rt.clock, data.clock.ledger)
    after.data = caseDataJson(data)
    // The case's outbox rows as they stand after this commit, for the view's delivery status.
    const rowsAfter = () => {
      const rows = [...args.rows, ...outbox.map((r) => pendingOutboxRow(r, atIso))]
      if (!args.outboxChanges?.length) return rows
      const changes = new Map(args.outboxChanges.map((c) => [c.id, c]))
      return rows.map((r) => {
        const change = changes.get(r.id)
        if (!change) return r
        return change.action === 'retry'
          ? // As the port's retry does: a fresh set of attempts, no lease, lastError kept.
            {
              ...r,
              status: 'pending' as const,
              attempts: 0,
              availableAt: change.at,
              leaseOwner: null,
              leaseUntil: null,
              finishedAt: null,
            }
          : { ...r, status: 'resolved' as const, finishedAt: change.at }
      })
    }
    const view = viewOf(after, rowsAfter, at, rt)
    const commit: CommitInput = {
      case: after,
      expectedVersion: args.before ? args.before.version : null,
      audit: [entry],
      outbox,
    }
    if (args.outboxChanges?.length) commit.outboxChanges = args.outboxChanges
    if (due !== undefined) commit.due = due
    if (args.dueDone?.length) commit.dueDone = args.dueDone
    if (args.sequences?.length) commit.sequences = args.sequences
    if (args.commandId !== undefined)
      commit.command = {
        id: args.commandId,
        result: commandResult(view, data.verified, args.command ?? entry.event),
      }
    return { commit, view, event: entry.event }
  }

  const nextCase = (stored: StoredCase, at: Date, change: Partial<StoredCase>): StoredCase => ({
    ...stored,
    ...change,
    version: stored.version + 1,
    updatedAt: at.toISOString(),
  })

  const claimNext = async (name: string, scope: string): Promise<SequenceClaim> => {
    const current = await port('currentSequence', () => store.currentSequence(name, scope))
    return { name, scope, value: current + 1 }
  }

  // ---- checklist and step history -------------------------------------------------------------------

  const markVerified = (
    verified: CaseData['verified'],
    ids: readonly string[] | undefined,
    actor: Actor,
    stepId: string,
    at: string,
  ): CaseData['verified'] => {
    if (!ids?.length) return verified
    const out = { ...verified }
    for (const id of ids) out[id] = { by: actor.id, role: actor.role, stepId, at }
    return out
  }

  const moveSteps = (rt: Runtime, steps: StepVisit[], to: string, at: string): StepVisit[] => {
    const out = steps.slice()
    const open = out.at(-1)
    if (open && open.leftAt === undefined) {
      if (open.stepId === to) return out
      out[out.length - 1] = { ...open, leftAt: at }
    }
    if (rt.steps.has(to)) out.push({ stepId: to, enteredAt: at })
    return out
  }

  // ---- commands -------------------------------------------------------------------------------------

  const submit = async (application: unknown, opts: SubmitOptions): Promise<CaseView> => {
    const issues: ValidationIssue[] = []
    const parsedOpts = collect(submitOptionsSchema, opts ?? {}, [], issues)
    throwIssues(issues)
    const { channel, commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    const expect: CommandExpectation = { caseId: undefined, command: 'SUBMIT' }
    if (commandId !== undefined) {
      const record = await port('getCommand', () => store.getCommand(commandId))
      if (record) return replay(record, expect)
    }
    const at0 = clock.now()
    const standard = single ?? catalog.resolve(at0)
    const app = parseApplication(application, { now: at0, applicantAge: standard.applicantAge })
    const rt = runtimeOf(standard)
    const checklist = checklistFor(standard, app) as CaseChecklistItem[]

    return runCommand(commandId, expect, undefined, async () => {
      const at = clock.now()
      const atIso = at.toISOString()
      const id = nextId(at)
      const result = startCase(standard, { channel, actor, checklist, applicantNik: app.applicant.nik })
      const trackingClaim = await claimNext(
        'tracking',
        sequenceScope(rt.tracking, standard.office.code, at, standard.calendar.timeZone),
      )
      const trackingCode = rt.tracking.format({
        office: standard.office.code,
        at,
        timeZone: standard.calendar.timeZone,
        seq: trackingClaim.value,
      })
      const data: CaseData = {
        format: 1,
        snapshot: result.snapshot,
        verified: {},
        audit: { seq: 0, hash: '' },
        clock: {
          raised: {},
          dueRowIds: [],
          ...(standard.completion.clockStart === 'received' ? { ledger: rt.clock.start(at) } : {}),
        },
        steps: moveSteps(rt, [], result.state, atIso),
        attachments: [],
        incidents: {},
      }
      const created: StoredCase = {
        id,
        version: 1,
        officeCode: standard.office.code,
        state: result.state,
        awaiting: result.awaiting,
        channel,
        applicantNik: app.applicant.nik,
        trackingCode,
        createdAt: atIso,
        updatedAt: atIso,
        dueAt: null,
        final: result.final,
        personal: app as unknown as Json,
        data: null,
      }
      return finish({
        rt,
        before: null,
        after: created,
        data,
        entry: {
          ...auditBase(rt, created, at, commandId),
          actor: result.audit.actor,
          event: result.audit.event,
          from: result.audit.from,
          to: result.audit.to,
          details: { ...(result.audit.details as Record<string, Json>), channel, trackingCode },
        },
        effects: result.effects,
        rows: [],
        writeDue: true,
        sequences: [trackingClaim],
        commandId,
        command: 'SUBMIT',
        at,
      })
    })
  }

  /** RETRY_INCIDENT / RESOLVE_INCIDENT: engine events on the case's outbox rows. */
  const incidentCommand = (
    rt: Runtime,
    stored: StoredCase,
    rows: readonly OutboxRow[],
    data: CaseData,
    event: Extract<CaseEvent, { type: 'RETRY_INCIDENT' | 'RESOLVE_INCIDENT' }>,
    actor: Actor,
    at: Date,
    commandId: string | undefined,
  ): Prepared => {
    checkOnBehalf(stored, actor)
    if (!incidentRoles.has(actor.role)) {
      throw new ForbiddenError(
        'incident_role',
        `Hanya ${[...incidentRoles].join(' atau ')} yang dapat menangani insiden pengiriman`,
        { messageEn: `Only ${[...incidentRoles].join(' or ')} may handle a delivery incident` },
      )
    }
    const row = rows.find((r) => r.id === event.outboxId)
    if (row?.status !== 'failed') {
      throw new ValidationError([
        {
          path: ['outboxId'],
          rule: 'no_open_incident',
          message: `tidak ada insiden terbuka ${event.outboxId} pada kasus ini`,
          messageEn: `there is no open incident ${event.outboxId} on this case`,
        },
      ])
    }
    const atIso = at.toISOString()
    const action = event.type === 'RETRY_INCIDENT' ? 'retry' : 'resolve'
    data.incidents = {
      ...data.incidents,
      [row.id]: { action, at: atIso, by: actor.id, openedAt: row.finishedAt, error: row.lastError },
    }
    const after = nextCase(stored, at, {})
    const details: Record<string, Json> = { outboxId: row.id, kind: row.kind }
    if (event.note !== undefined) details.note = event.note
    return finish({
      rt,
      before: stored,
      after,
      data,
      entry: sameStateEntry(rt, stored, at, commandId, actor, event.type, details),
      rows,
      outboxChanges: [{ id: row.id, action, at: atIso }],
      writeDue: false,
      commandId,
      at,
    })
  }

  const act = async (caseId: string, event: CaseEvent, opts: ActOptions): Promise<CaseView> => {
    const issues: ValidationIssue[] = []
    const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
    const parsed = collect(eventSchema, event, ['event'], issues) as CaseEvent
    throwIssues(issues)
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    return withCase(caseId, parsedOpts!, parsed.type, async (stored, rows, data, rt, at) => {
      if (parsed.type === 'RETRY_INCIDENT' || parsed.type === 'RESOLVE_INCIDENT') {
        return incidentCommand(rt, stored, rows, data, parsed, actor, at, commandId)
      }
      const standard = rt.standard
      const atIso = at.toISOString()
      const result = applyEvent(standard, data.snapshot, parsed, actor, { applicantNik: stored.applicantNik })
      const from = data.snapshot.state
      data.snapshot = result.snapshot
      if (parsed.type === 'ACCEPT' || parsed.type === 'HAND_OVER') {
        data.verified = markVerified(data.verified, parsed.verified, actor, from, atIso)
      }
      data.steps = moveSteps(rt, data.steps, result.state, atIso)

      // The SLA clock and issuance.
      const sequences: SequenceClaim[] = []
      let clockChanged = false
      const clockData = { ...data.clock }
      if (clockData.ledger === undefined) {
        if (parsed.type === 'ACCEPT' && !result.final) {
          clockData.ledger = rt.clock.start(at)
          clockChanged = true
        }
      } else if (rt.clock.state(clockData.ledger) !== 'stopped') {
        if (result.state === returnedState && from !== returnedState) {
          clockData.ledger = rt.clock.pause(clockData.ledger, at)
          clockChanged = true
        } else if (from === returnedState && result.state !== returnedState) {
          clockData.ledger = rt.clock.resume(clockData.ledger, at)
          clockChanged = true
        }
        // The clock stops when the card is printed (or the case ends another way).
        if ((parsed.type === 'COMPLETE' && from === rt.cardStep) || result.final) {
          clockData.ledger = rt.clock.stop(clockData.ledger, at)
          clockChanged = true
        }
      }
      data.clock = clockData
      if (parsed.type === 'RETURN') {
        data.returned = { fromStep: from, missing: parsed.missing, reason: parsed.reason, at: atIso }
      } else if (from === returnedState) {
        delete data.returned
      }
      const details: Record<string, Json> = { ...(result.audit.details as Record<string, Json>) }
      if (parsed.type === 'COMPLETE' && (from === rt.registerStep || from === rt.cardStep)) {
        const office = standard.office.code
        const zone = standard.calendar.timeZone
        if (data.register === undefined) {
          const claim = await claimNext('register', sequenceScope(rt.register, office, at, zone))
          sequences.push(claim)
          data.register = { seq: claim.value, at: atIso }
          data.registerNumber = rt.register.format({ office, at, timeZone: zone, seq: claim.value })
          details.registerNumber = data.registerNumber
        }
        if (from === rt.cardStep && data.card === undefined) {
          const registeredAt = new Date(data.register.at)
          data.card = issueCard(
            standard,
            at,
            rt.cardNumber.format({
              office,
              at: registeredAt,
              timeZone: zone,
              seq: data.register.seq,
            }),
          )
          details.cardNumber = data.card.number
        }
      }
      const after = nextCase(stored, at, {
        state: result.state,
        awaiting: result.awaiting,
        final: result.final,
      })
      return finish({
        rt,
        before: stored,
        after,
        data,
        entry: {
          ...auditBase(rt, stored, at, commandId),
          actor: result.audit.actor,
          event: result.audit.event,
          from: result.audit.from,
          to: result.audit.to,
          details,
        },
        effects: result.effects,
        rows,
        writeDue: clockChanged,
        sequences,
        commandId,
        command: parsed.type,
        at,
      })
    })
  }

  const availableActions = async (caseId: string, actor: Actor): Promise<NextAction[]> => {
    const checked = checkActor(actor)
    const handlesIncidents = incidentRoles.has(checked.role)
    const [stored, rows] = await Promise.all([
      loadCase(caseId),
      handlesIncidents ? port('listOutbox', () => store.listOutbox(caseId)) : [],
    ])
    const data = stored.data as unknown as CaseData
    const rt = runtimeFor(stored, data)
    const actions = nextActions(rt.standard, data.snapshot, checked, { applicantNik: stored.applicantNik })
    if (handlesIncidents) {
      for (const row of rows) {
        if (row.status !== 'failed') continue
        actions.push(
          { type: 'RETRY_INCIDENT', stepId: stored.state },
          { type: 'RESOLVE_INCIDENT', stepId: stored.state },
        )
        break
      }
    }
    return actions
  }

  const attach = async (
    caseId: string,
    bytes: Uint8Array,
    meta: AttachmentMeta,
    opts: ActOptions,
  ): Promise<CaseView> => {
    const issues: ValidationIssue[] = []
    const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
    if (!(bytes instanceof Uint8Array)) {
      const text = ruleMessages.bytes_uint8array!
      issues.push({
        path: ['bytes'],
        rule: 'invalid_type',
        message: text.id,
        messageEn: text.en,
      })
    } else if (bytes.byteLength === 0) {
      issues.push({
        path: ['bytes'],
        rule: 'attachment_empty',
        message: 'berkas kosong',
        messageEn: 'the file is empty',
      })
    } else if (bytes.byteLength > maxBytes) {
      issues.push({
        path: ['bytes'],
        rule: 'attachment_too_large',
        message: `berkas ${bytes.byteLength} byte melebihi batas ${maxBytes} byte`,
        messageEn: `the file of ${bytes.byteLength} bytes exceeds the limit of ${maxBytes} bytes`,
      })
    }
    if (!attachmentTypes.has(meta?.contentType)) {
      issues.push({
        path: ['contentType'],
        rule: 'attachment_type',
        message: `jenis berkas harus salah satu dari: ${[...attachmentTypes].join(', ')}`,
        messageEn: `the file type must be one of: ${[...attachmentTypes].join(', ')}`,
      })
    }
    if (meta?.filename !== undefined && (typeof meta.filename !== 'string' || meta.filename.length > 255)) {
      issues.push({
        path: ['filename'],
        rule: 'too_big',
        message: 'nama berkas maksimal 255 karakter',
        messageEn: 'the file name must be at most 255 characters',
      })
    }
    throwIssues(issues)
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    // Hashed once, on the first attempt (not for a repeated commandId).
    let hashed: string | undefined
    return withCase(caseId, parsedOpts!, 'ATTACH', async (stored, rows, data, rt, at) => {
      hashed ??= sha256Hex(bytes)
      const sha256 = hashed
      checkOnBehalf(stored, actor)
      checkMayAttach(rt.standard, stored, actor)
      if (
        meta.itemId !== undefined &&
        !checklistOf(rt.standard, stored.personal, {}).some((i) => i.id === meta.itemId)
      ) {
        throw new ValidationError([
          {
            path: ['itemId'],
            rule: 'unknown_checklist_item',
            message: `butir daftar periksa "${meta.itemId}" tidak ada pada kasus ini`,
            messageEn: `checklist item "${meta.itemId}" is not on this case`,
          },
        ])
      }
      const existing = data.attachments.find((a) => a.sha256 === sha256 && a.itemId === meta.itemId)
      if (existing) return { view: viewOf(stored, rows, at, rt), event: 'ATTACH' }
      await port('putAttachment', () =>
        store.putAttachment({ sha256, contentType: meta.contentType, size: bytes.byteLength, bytes }),
      )
      const ref: AttachmentRef = {
        sha256,
        contentType: meta.contentType,
        size: bytes.byteLength,
        attachedAt: at.toISOString(),
      }
      if (meta.itemId !== undefined) ref.itemId = meta.itemId
      if (meta.filename !== undefined) ref.filename = meta.filename
      data.attachments = [...data.attachments, ref]
      const details: Record<string, Json> = { sha256, contentType: meta.contentType, size: bytes.byteLength }
      if (meta.itemId !== undefined) details.itemId = meta.itemId
      return finish({
        rt,
        before: stored,
        after: nextCase(stored, at, {}),
        data,
        entry: sameStateEntry(rt, stored, at, commandId, actor, 'ATTACH', details),
        rows,
        writeDue: false,
        commandId,
        at,
      })
    })
  }

  /** A change to the SLA clock by an officer: an extension or a recompute. */
  const clockCommand = async (
    caseId: string,
    opts: ActOptions,
    event: 'EXTEND' | 'RECOMPUTE_DUE',
    change: (
      rt: Runtime,
      data: CaseData,
      ledger: Json,
      at: Date,
      actor: Actor,
    ) => { ledger: Json; details: Record<string, Json> },
    issues: ValidationIssue[] = [],
  ): Promise<CaseView> => {
    const parsedOpts = collect(actOptionsSchema, opts ?? {}, [], issues)
    throwIssues(issues)
    const { commandId } = parsedOpts!
    const actor = parsedOpts!.actor as Actor
    return withCase(caseId, parsedOpts!, event, (stored, rows, data, rt, at) => {
      checkOnBehalf(stored, actor)
      if (!incidentRoles.has(actor.role) && actor.role !== 'camat') {
        throw new ForbiddenError('clock_role', `Peran ${actor.role} tidak boleh mengubah tenggat layanan`, {
          messageEn: `Role ${actor.role} may not change the service deadline`,
        })
      }
      const ledger = data.clock.ledger
      if (stored.final || ledger === undefined || rt.clock.state(ledger) === 'stopped') {
        throw new ForbiddenError('clock_not_running', 'Jam layanan kasus ini tidak sedang berjalan', {
          messageEn: "This case's service clock is not running",
        })
      }
      const changed = change(rt, data, ledger, at, actor)
      data.clock = { ...data.clock, ledger: changed.ledger }
      return finish({
        rt,
        before: stored,
        after: nextCase(stored, at, {}),
        data,
        entry: sameStateEntry(rt, stored, at, commandId, actor, event, changed.details),
        rows,
        writeDue: true,
        commandId,
        at,
      })
    })
  }

  const extend: Ak1Service['extend'] = (caseId, extension, opts) => {
    const issues: ValidationIssue[] = []
    const parsed = collect(extensionSchema, extension, ['extension'], issues)!
    return clockCommand(
      caseId,
      opts,
      'EXTEND',
      (rt, _data, ledger, at) => {
        const next = rt.clock.extend(ledger, at, parsed.workingDays, parsed.reason)
        return {
          ledger: next,
          details: {
            workingDays: parsed.workingDays,
            reason: parsed.reason,
            dueAtBefore: rt.clock.dueAt(ledger),
            dueAtAfter: rt.clock.dueAt(next),
          },
        }
      },
      issues,
    )
  }

  const recomputeDue: Ak1Service['recomputeDue'] = (caseId, opts) =>
    clockCommand(caseId, opts, 'RECOMPUTE_DUE', (rt, _data, ledger, at) => {
      const next = rt.clock.recompute(ledger, at)
      return {
        ledger: next,
        details: {
          calendarVersionBefore: rt.clock.ledgerCalendarVersion(ledger),
          calendarVersionAfter: rt.clock.ledgerCalendarVersion(next),
          dueAtBefore: rt.clock.dueAt(ledger),
          dueAtAfter: rt.clock.dueAt(next),
        },
      }
    })

  // ---- queries --------------------------------------------------------------------------------------

  const get = async (caseId: string): Promise<CaseView> => {
    const [stored, rows] = await Promise.all([
      loadCase(caseId),
      port('listOutbox', () => store.listOutbox(caseId)),
    ])
    return viewOf(stored, rows, clock.now())
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

  const list = async (query: CaseListQuery = {}): Promise<CaseViewPage> => {
    const q = parseOrThrow(listQuerySchema, query)
    const now = clock.now()
    const storeQuery: CaseQuery = {}
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
    const page = await port('list', () => store.list(storeQuery))
    const items = await Promise.all(
      page.items.map(async (stored) =>
        viewOf(stored, await port('listOutbox', () => store.listOutbox(stored.id)), now),
      ),
    )
    return { items, nextCursor: page.nextCursor }
  }

  const verifyAudit = async (caseId: string): Promise<AuditVerification> => {
    const stored = await loadCase(caseId)
    const entries = await port('timeline', () => store.timeline(caseId))
    return verifyAuditChain(entries, (stored.data as unknown as CaseData).audit)
  }

  // ---- SLA deadlines --------------------------------------------------------------------------------

  const runDue = async (runOptions: { limit?: number } = {}): Promise<DueRunResult> => {
    const limit = runOptions.limit ?? 50
    const now = clock.now()
    const claimed = await port('claimDue', () =>
      store.claimDue({ now: now.toISOString(), limit, owner: workerId, leaseMs: dueLeaseMs }),
    )
    const result: DueRunResult = { claimed: claimed.length, raised: 0, skipped: 0, released: 0 }
    for (const row of claimed) {
      try {
        const outcome = await raiseDue(row.id, row.caseId, row.kind)
        result[outcome] += 1
      } catch (error) {
        await port('releaseDue', () => store.releaseDue(row.id, workerId))
        result.released += 1
        options.logger?.warn(
          { type: 'sla.raise_failed', caseId: row.caseId, dueRowId: row.id, error: String(error) },
          'raising an SLA deadline failed; released for a later run',
        )
      }
    }
    return result
  }

  const raiseDue = async (rowId: string, caseId: string, kind: string): Promise<'raised' | 'skipped'> => {
    const stored = await loadCase(caseId)
    const data = readCaseData(stored.data)
    const rt = runtimeFor(stored, data)
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
    const prepared = finish({
      rt,
      before: stored,
      after: nextCase(stored, at, {}),
      data,
      entry: sameStateEntry(rt, stored, at, undefined, systemActor, event, {
        dueRowId: rowId,
        kind,
        dueAt: stored.dueAt,
      }),
      rows: [],
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
      commandId: undefined,
      at,
    })
    await port('commit', () => store.commit(prepared.commit!))
    emit({ type: 'sla.raised', caseId, kind, version: prepared.view.version })
    return 'raised'
  }

  const runner = createOutboxRunner({
    store,
    notifiers: options.notifiers ?? [],
    ...(options.sipraja ? { sipraja: options.sipraja } : {}),
    clock,
    workerId,
    options: options.outbox ?? {},
    async loadCase(caseId) {
      const stored = await store.load(caseId)
      if (!stored) return null
      const rows = await store.listOutbox(caseId)
      const rt = runtimeFor(stored, stored.data as unknown as CaseData)
      return { view: viewOf(stored, rows, clock.now(), rt), standard: rt.standard }
    },
    emit: (event) => {
      try {
        options.onEvent?.(event as unknown as Ak1ServiceEvent)
      } catch (error) {
        options.logger?.warn({ type: 'on_event_failed', error: String(error) }, 'onEvent threw')
      }
    },
    ...(options.logger ? { logger: options.logger } : {}),
  })

  const healthNow = () =>
    calendarHealth(
      catalog.standards.map((standard) => ({ standard, calendar: runtimeOf(standard).clock.calendar })),
      clock.now(),
    )
  const horizonWatch = createHorizonWatch(healthNow, options.logger, emit)

  const startWorker = (workerOptions: StartWorkerOptions): Promise<WorkerSummary> =>
    runWorker({
      ...workerOptions,
      runOutbox: (o) => runner.runOutbox(o),
      runDue: () => {
        horizonWatch.check()
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
    availableActions,
    attach,
    extend,
    recomputeDue,
    get,
    timeline,
    list,
    verifyAudit,
    runDue,
  })
}

/**
 * The case's checklist: the standard's requirements for this application (`checklistFor`), with
 * who verified each item, where and when.
 */
function checklistOf(
  standard: Standard,
  personal: Json,
  verified: CaseData['verified'],
): CaseChecklistItem[] {
  const items = checklistFor(standard, personal as unknown as Application) as CaseChecklistItem[]
  return items.map((item) => {
    const v = verified[item.id]
    return v ? { ...item, verified: v } : item
  })
}

/** Per object: each lazy key's pending computation, or its value once read or set. */
const lazySlots = Symbol('ak1.lazy')
type LazySlot = { compute: (() => unknown) | undefined; value: unknown }
/** One getter/setter pair per key, shared by every object (see {@link lazy}). */
const lazyDescriptors = new Map<PropertyKey, PropertyDescriptor>()

function lazyDescriptor(key: PropertyKey): PropertyDescriptor {
  let descriptor = lazyDescriptors.get(key)
  if (!descriptor) {
    descriptor = {
      enumerable: true,
      configurable: true,
      get(this: { [lazySlots]: Record<PropertyKey, LazySlot> }) {
        const slot = this[lazySlots][key]!
        if (slot.compute) {
          slot.value = slot.compute()
          slot.compute = undefined
        }
        return slot.value
      },
      set(this: { [lazySlots]: Record<PropertyKey, LazySlot> }, next: unknown) {
        this[lazySlots][key] = { compute: undefined, value: next }
      },
    }
    lazyDescriptors.set(key, descriptor)
  }
  return descriptor
}

/**
 * Defines an enumerable property computed on first read (and settable, as a plain one is).
 *
 * The getter and setter are shared per key and keep the object's state in a hidden slot, so every
 * view gets the same hidden class. Closures per object would give each object a hidden class of its
 * own, allocated outside the young generation and holding the object's data through every minor
 * GC: list pages then cost 5-10 ms GC pauses (the p99 of the overdue list and worklist).
 */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const holder = target as T & { [lazySlots]?: Record<PropertyKey, LazySlot> }
  let slots = holder[lazySlots]
  if (slots === undefined) {
    slots = {}
    Object.defineProperty(target, lazySlots, { value: slots })
  }
  slots[key] = { compute, value: undefined }
  Object.defineProperty(target, key, lazyDescriptor(key))
}

/** Refuses an officer who claims to act for someone other than the case's applicant. */
function checkOnBehalf(stored: StoredCase, actor: Actor): void {
  if (actor.onBehalfOf !== undefined && actor.onBehalfOf !== stored.applicantNik) {
    throw new ForbiddenError('on_behalf_of', 'onBehalfOf tidak sama dengan NIK pemohon permohonan ini', {
      messageEn: "onBehalfOf does not match the NIK of this case's applicant",
    })
  }
}

/**
 * The actor as the audit trail records it, as the procedure records its events: ids and roles only.
 * An officer acting for the applicant (`onBehalfOf`, checked by {@link checkOnBehalf}) is recorded
 * with the applicant role (`pemohon`), never the NIK, so the trail holds no personal data beyond
 * the case id.
 */
function auditActor(standard: Standard, actor: Actor): AuditActor {
  return actor.onBehalfOf === undefined
    ? { id: actor.id, role: actor.role }
    : { id: actor.id, role: actor.role, onBehalfOf: standard.applicant.role }
}

/** Who may attach files: officers of the standard, or the applicant on their own case, before the end. */
function checkMayAttach(standard: Standard, stored: StoredCase, actor: Actor): void {
  if (stored.final) {
    throw new ForbiddenError('case_final', 'Kasus sudah selesai; berkas tidak dapat ditambahkan', {
      messageEn: 'The case is closed; files cannot be added',
    })
  }
  if (actor.role === standard.applicant.role) {
    if (actor.nik !== stored.applicantNik) {
      throw new ForbiddenError(
        'not_applicant',
        'Pemohon hanya dapat melampirkan berkas pada permohonannya sendiri',
        {
          messageEn: 'An applicant may only attach files to their own application',
        },
      )
    }
    return
  }
  if (!standard.roles.some((r) => r.id === actor.role)) {
    throw new ForbiddenError('role', `Peran ${actor.role} tidak dikenal standar pelayanan`, {
      messageEn: `Role ${actor.role} is unknown to the service standard`,
    })
  }
}

/** The card issued at printing: valid `validityMonths`, reporting every `reportingIntervalMonths`. */
function issueCard(standard: Standard, at: Date, number: string): CaseCard {
  const { validityMonths, reportingIntervalMonths } = standard.card
  const validUntil = addMonths(at, validityMonths)
  const reportingDueDates: string[] = []
  for (let m = reportingIntervalMonths; m <= validityMonths; m += reportingIntervalMonths) {
    reportingDueDates.push(addMonths(at, m).toISOString())
  }
  return { number, issuedAt: at.toISOString(), validUntil: validUntil.toISOString(), reportingDueDates }
}

/** Adds calendar months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
function addMonths(at: Date, months: number): Date {
  const out = new Date(at.getTime())
  const day = out.getUTCDate()
  out.setUTCDate(1)
  out.setUTCMonth(out.getUTCMonth() + months)
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate()
  out.setUTCDate(Math.min(day, last))
  return out
}
