import { z } from 'zod'
import {
  ConflictError,
  isAk1Error,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
  wrapPortError,
} from '../errors/errors'
import { ruleMessages, toValidationIssues } from '../i18n/zod-issues'
import type { CommandRecord, CommitInput, StoredCase } from '../ports/case-store'
import type { OutboxRow } from '../ports/work-queue'
import { actorSchema } from '../procedure/input'
import type { Actor } from '../procedure/types'
import { canonicalJson, sha256Hex } from '../util/canonical-json'
import { fillAttachments } from './attachments'
import { authenticateEntries } from './audit-key'
import { type CaseData, checkStoredCase, readCaseData } from './case-data'
import { type CaseRows, lazyCaseRows, readCaseRows } from './case-rows'
import type { EngineContext, Runtime } from './context'
import { type Decision, type Outcome, type Sealed, sealDecision } from './decision'
import { splitPersonal } from './interview'
import { effectsCarriedOut, statusEffects } from './sipraja-option'
import { checkCommandRecord, checkOutboxRows } from './store-answers'
import type { CaseView } from './types'
import { checklistOf, type RecordedResult } from './views'

ruleMessages.command_id_other_case = {
  id: 'commandId sudah dipakai untuk kasus lain',
  en: 'commandId was already used for another case',
}
ruleMessages.command_id_other_command = {
  id: 'commandId sudah dipakai untuk perintah lain',
  en: 'commandId was already used for another command',
}
ruleMessages.command_id_other_payload = {
  id: 'commandId sudah dipakai untuk perintah dengan isi atau pelaku lain',
  en: 'commandId was already used for a command with another payload or actor',
}

const commandIdSchema = z.string().min(1).max(200).optional()
/** The options of a command on an existing case, parsed whole so each issue names its field. */
export const actOptionsSchema = z.object({
  actor: actorSchema,
  expectedVersion: z.number().int().positive().optional(),
  commandId: commandIdSchema,
})
/** The options of a submission. */
export const submitOptionsSchema = z.object({
  actor: actorSchema,
  channel: z.enum(['tatap_muka', 'online']),
  commandId: commandIdSchema,
  service: z.string().min(1).max(200).optional(),
})
/** Parsed options of a command on a case. @internal */
export type ParsedActOptions = z.output<typeof actOptionsSchema>
/** Parsed options of a submission. @internal */
export type ParsedSubmitOptions = z.output<typeof submitOptionsSchema>

/**
 * Parses `input` with `schema`, adding each issue under `prefix` (the argument's name) to `issues`.
 * An unknown discriminator (an event `type` not known) is reported as `invalid_value` with the
 * accepted values.
 * @internal
 */
export function collect<S extends z.ZodType>(
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

/** Throws one {@link ValidationError} with every issue found, if any. @internal */
export function throwIssues(issues: ValidationIssue[]): void {
  if (issues.length) throw new ValidationError(issues)
}

/** What identifies one command: a repeat of its id must match it exactly. @internal */
export interface CommandIdentity {
  /** The case the command is sent to (absent for a submission). */
  caseId: string | undefined
  /** The command: the event type, `SUBMIT`, `ATTACH`, `EXTEND` or `RECOMPUTE_DUE`. */
  command: string
  /** The command's input, as parsed (the event, the application, the file's hash and metadata...). */
  payload: unknown
  actor: Actor
}

/**
 * The fingerprint of a command, recorded with its id: a hash of the office, the command, the
 * aggregate, the payload and the actor. A repeat of the id with another fingerprint is refused.
 * @internal
 */
export function commandFingerprint(officeCode: string, identity: CommandIdentity): string {
  return sha256Hex(
    canonicalJson({
      office: officeCode,
      command: identity.command,
      caseId: identity.caseId ?? null,
      payload: identity.payload ?? null,
      actor: identity.actor,
    }),
  )
}

/** The `ConflictError` of a command id reused for something else (`rule`: `command_id_other_*`). @internal */
export function commandIdConflict(rule: string, commandId: string): ConflictError {
  const text = ruleMessages[rule]!
  return new ConflictError(`${text.id} (${commandId})`, { messageEn: `${text.en} (${commandId})` })
}

/** The pipeline: load, idempotency, version check, decide, commit, retry. @internal */
export interface Pipeline {
  /** The case of this office, checked as read. @throws {NotFoundError} also for another office's case. */
  loadCase(caseId: string): Promise<StoredCase>
  /** Runs a submission: `decide` is called per attempt. */
  submit(
    commandId: string | undefined,
    identity: CommandIdentity,
    decide: () => Promise<Outcome> | Outcome,
  ): Promise<CaseView>
  /** Runs a command on a case: `decide` gets the case read fresh for each attempt. */
  onCase(opts: ParsedActOptions, identity: CommandIdentity, decide: CaseDecide): Promise<CaseView>
  /** Commits a decision outside a command (the due runner); no command id. */
  commit(decision: Decision, rows: readonly OutboxRow[]): Promise<Sealed>
}

/** A command's decision on an existing case, for one attempt. @internal */
export type CaseDecide = (
  stored: StoredCase,
  rows: CaseRows,
  data: CaseData,
  rt: Runtime,
  at: Date,
) => Outcome | Promise<Outcome>

/** Builds the pipeline of a service. @internal */
export function createPipeline(ctx: EngineContext): Pipeline {
  const { store, port, clock, officeCode } = ctx

  const notFound = (caseId: string) =>
    new NotFoundError(`Kasus ${caseId} tidak ditemukan`, { messageEn: `Case ${caseId} was not found` })

  const loadCase = async (caseId: string): Promise<StoredCase> => {
    const found = await port('load', () => store.load(caseId))
    if (!found) throw notFound(caseId)
    const stored = checkStoredCase(store.id, caseId, found)
    // One office per service: another office's case is not found here.
    if (stored.officeCode !== officeCode) throw notFound(caseId)
    return stored
  }

  const fingerprintOf = (identity: CommandIdentity): string => commandFingerprint(officeCode, identity)
  const conflict = commandIdConflict

  /**
   * Answers a repeated command with its recorded result, after checking it is the same command:
   * the same case, command, payload and actor. Anything else is a {@link ConflictError} that
   * carries no case data.
   */
  const replay = async (record: CommandRecord, identity: CommandIdentity): Promise<CaseView> => {
    const result = record.result as unknown as RecordedResult
    if (identity.caseId !== undefined && result.caseId !== identity.caseId) {
      throw conflict('command_id_other_case', record.id)
    }
    if (result.command !== undefined && result.command !== identity.command) {
      throw conflict('command_id_other_command', record.id)
    }
    if (result.fingerprint !== undefined && result.fingerprint !== fingerprintOf(identity)) {
      throw conflict('command_id_other_payload', record.id)
    }
    const stored = await loadCase(result.caseId)
    const rt = ctx.runtimeFor(stored, stored.data as unknown as CaseData)
    const personal = splitPersonal(stored.personal)
    const view = {
      ...result.view,
      application: personal.application,
      checklist: checklistOf(rt.standard, stored.personal, result.verified),
      attachments: [],
      ...(personal.ak2 === undefined ? {} : { ak2: personal.ak2 }),
    } as CaseView
    return withFiles(view, stored)
  }

  /** The view with the case's files, read from its trail when it holds any. */
  const withFiles = (view: CaseView, stored: StoredCase) =>
    fillAttachments(view, stored, () => port('timeline', () => store.timeline(stored.id)))

  const recorded = async (commandId: string | undefined) =>
    commandId === undefined
      ? null
      : checkCommandRecord(
          store.id,
          commandId,
          await port('getCommand', () => store.getCommand(commandId, officeCode)),
        )

  /**
   * The case's outbox rows for a command: read when first needed when the store reads
   * synchronously (`listOutboxNow`), else read now, beside the case.
   */
  const caseRows = async (caseId: string): Promise<CaseRows> => {
    const now = store.listOutboxNow?.bind(store)
    if (now === undefined)
      return readCaseRows(
        checkOutboxRows(store.id, 'listOutbox', await port('listOutbox', () => store.listOutbox(caseId))),
      )
    return lazyCaseRows(() => {
      let rows: unknown
      try {
        rows = now(caseId)
      } catch (error) {
        throw wrapPortError(store.id, 'listOutboxNow', error)
      }
      return checkOutboxRows(store.id, 'listOutboxNow', rows)
    })
  }

  const commitDecision = async (
    d: Decision,
    rows: CaseRows,
    command: { id: string; scope: string; fingerprint: string } | undefined,
  ): Promise<Sealed> => {
    let sealed: Sealed | undefined
    // An office without SIPRAJA (`sipraja: false`) queues no SIPRAJA write.
    if (d.effects)
      d.effects = effectsCarriedOut(statusEffects(d.effects, d, ctx.options.sipraja), ctx.options.sipraja)
    const input: CommitInput = {
      case: d.after,
      expectedVersion: d.before ? d.before.version : null,
      audit: [],
      outbox: [],
    }
    if (d.outboxChanges?.length) input.outboxChanges = d.outboxChanges
    if (d.dueDone?.length) input.dueDone = d.dueDone
    const numbers = d.numbers ?? []
    if (numbers.length) {
      // Numbers are taken inside the commit; the entry is sealed with them, still inside it.
      input.sequences = numbers.map((n) => ({ name: n.name, scope: n.scope }))
      input.complete = (values) => {
        for (const [i, n] of numbers.entries()) n.assign(values[i]!)
        sealed = sealDecision(d, rows, command)
        authenticateEntries(sealed.completion.audit ?? [], ctx.auditKey)
        return sealed.completion
      }
    } else {
      sealed = sealDecision(d, rows, command)
      authenticateEntries(sealed.completion.audit ?? [], ctx.auditKey)
      Object.assign(input, sealed.completion)
    }
    await port('commit', () => store.commit(input))
    rows.committed = true
    return sealed!
  }

  /**
   * Runs a command: decide (reading the case fresh), commit, and on a lost race (ConflictError)
   * either answer with the winner's result (same command id) or decide again, bounded. Deciding
   * again re-checks `expectedVersion`, so a stale caller still gets its ConflictError; only a
   * caller that gave no version is retried.
   */
  const run = async (
    commandId: string | undefined,
    identity: CommandIdentity,
    attempt: () => Promise<{ outcome: Outcome; rows: CaseRows }>,
  ): Promise<CaseView> => {
    const command =
      commandId === undefined
        ? undefined
        : { id: commandId, scope: officeCode, fingerprint: fingerprintOf(identity) }
    let lastError: unknown
    for (let n = 1; n <= ctx.maxAttempts; n++) {
      const { outcome, rows } = await attempt()
      if ('view' in outcome) return outcome.view
      try {
        const sealed = await commitDecision(outcome, rows, command)
        ctx.emit({
          type: 'case.committed',
          caseId: sealed.view.id,
          event: sealed.event,
          version: sealed.view.version,
          attempt: n,
        })
        return withFiles(sealed.view, outcome.after)
      } catch (error) {
        if (!isAk1Error(error) || error.code !== 'CONFLICT') throw error
        const record = await recorded(commandId)
        if (record) return replay(record, identity)
        lastError = error
        ctx.emit({
          type: 'case.conflict_retry',
          caseId: outcome.after.id,
          event: outcome.entry.event,
          attempt: n,
        })
      }
    }
    throw lastError
  }

  return {
    loadCase,
    async submit(commandId, identity, decide) {
      const record = await recorded(commandId)
      if (record) return replay(record, identity)
      return run(commandId, identity, async () => ({ outcome: await decide(), rows: readCaseRows([]) }))
    },
    async onCase(opts, identity, decide) {
      const { commandId, expectedVersion } = opts
      const caseId = identity.caseId!
      const record = await recorded(commandId)
      if (record) return replay(record, identity)
      return run(commandId, identity, async () => {
        const [stored, rows] = await Promise.all([loadCase(caseId), caseRows(caseId)])
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
        const data = readCaseData(stored.data)
        const outcome = await decide(stored, rows, data, ctx.runtimeFor(stored, data), clock.now())
        if ('view' in outcome) await withFiles(outcome.view, stored)
        return { outcome, rows }
      })
    },
    commit: (decision, rows) => commitDecision(decision, readCaseRows(rows), undefined),
  }
}
