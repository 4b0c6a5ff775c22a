import { ConflictError, isAk1Error, NotFoundError } from '../errors/errors'
import type { AuditEntry, CommitInput, Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRowInput, OutboxRowInput } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import { type AuditHead, sealAuditEntry } from './audit'
import { authenticateEntries } from './audit-key'
import type { EngineContext } from './context'
import type { NumberRequest } from './decision'
import { type CommandIdentity, commandFingerprint, commandIdConflict } from './pipeline'
import { recordHead, withRecordHead } from './record-head'
import { checkCommandRecord, checkStoredRecord } from './store-answers'

/**
 * What a command decided on a record, before the commit. The pipeline sets the version, seals the
 * audit entry on the record's chain and commits it all at once.
 * @internal
 */
export interface RecordDecision {
  /** The record after the command (its `version` and `updatedAt` are set by the pipeline). */
  after: Omit<StoredRecord, 'version' | 'updatedAt'>
  /** The audit entry, without the chain fields and the aggregate (the pipeline fills them in). */
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash' | 'caseId' | 'aggregateKind' | 'at'>
  /** Outbox rows, given the audit seq of the entry (for stable row ids). */
  outbox?: (seq: number) => OutboxRowInput[]
  /** When given, replaces the record's pending due rows. */
  due?: DueRowInput[]
  /** Due rows handled by this command. */
  dueDone?: string[]
  /** Sequence values to take inside the commit; `assign` runs before the entry is sealed. */
  numbers?: NumberRequest[]
  /** The answer of the command, recorded with its id and given back on a repeat. */
  result: (record: StoredRecord) => Json
}

/** One command over a record. @internal */
export interface RecordCommand {
  kind: string
  /** The record's id; for a creation, the id to create. */
  recordId: string
  /** `true`: the record must not exist yet. */
  create: boolean
  /** The command's name (recorded with its id). */
  command: string
  /** The command's input, as parsed. */
  payload: unknown
  actor: Actor
  commandId?: string
  /** The version the caller read; a stale one is a `ConflictError`. */
  expectedVersion?: number
  /**
   * The decision, for one attempt, on the record as read (`null` when created). Throw a domain error
   * to refuse; return `{ answer }` to answer without writing.
   */
  decide(before: StoredRecord | null, at: Date): RecordDecision | { answer: Json }
}

/** What the record pipeline records with a command id. */
interface RecordedRecordResult {
  recordId: string
  command: string
  fingerprint: string
  result: Json
}

/** The pipeline over records: load, idempotency, version check, decide, commit, retry. @internal */
export interface RecordPipeline {
  /** The record of this office. @throws {NotFoundError} also for another office's record. */
  load(kind: string, id: string): Promise<StoredRecord>
  /** Runs a command and answers with its result (the recorded one for a repeated command id). */
  run(command: RecordCommand): Promise<Json>
}

/** Builds the record pipeline of a service. @internal */
export function createRecordPipeline(ctx: EngineContext): RecordPipeline {
  const { store, port, clock, officeCode } = ctx

  const notFound = (kind: string, id: string) =>
    new NotFoundError(`Rekaman ${kind} ${id} tidak ditemukan`, {
      messageEn: `Record ${kind} ${id} was not found`,
    })

  const find = async (kind: string, id: string): Promise<StoredRecord | null> => {
    const answer = await port('loadRecord', () => store.loadRecord(kind, id))
    const found = answer === null ? null : checkStoredRecord(store.id, kind, id, answer)
    return found && found.officeCode === officeCode ? found : null
  }

  const load = async (kind: string, id: string): Promise<StoredRecord> => {
    const found = await find(kind, id)
    if (!found) throw notFound(kind, id)
    return found
  }

  const identityOf = (c: RecordCommand): CommandIdentity => ({
    caseId: `${c.kind}:${c.recordId}`,
    command: c.command,
    payload: c.payload,
    actor: c.actor,
  })

  const replay = async (c: RecordCommand, commandId: string): Promise<Json | undefined> => {
    const answer = await port('getCommand', () => store.getCommand(commandId, officeCode))
    const record = checkCommandRecord(store.id, commandId, answer)
    if (!record) return undefined
    const recorded = record.result as unknown as RecordedRecordResult
    if (recorded.recordId !== c.recordId) throw commandIdConflict('command_id_other_case', commandId)
    if (recorded.command !== c.command) throw commandIdConflict('command_id_other_command', commandId)
    if (recorded.fingerprint !== commandFingerprint(officeCode, identityOf(c)))
      throw commandIdConflict('command_id_other_payload', commandId)
    return recorded.result
  }

  /**
   * The head of the record's audit chain: kept in the record since heads are (`recordHead`), else
   * read from its trail (a record written before, or by a writer that did not keep it).
   */
  const headOf = async (record: StoredRecord): Promise<AuditHead | null> => {
    const kept = recordHead(record)
    if (kept) return kept
    const trail = await port('timeline', () => store.timeline(record.id))
    const last = trail.at(-1)
    return last ? { seq: last.seq, hash: last.hash } : null
  }

  const attempt = async (c: RecordCommand): Promise<{ done: Json } | { conflict: unknown }> => {
    const before = await find(c.kind, c.recordId)
    if (c.create && before) {
      throw new ConflictError(`Rekaman ${c.kind} ${c.recordId} sudah ada`, {
        messageEn: `Record ${c.kind} ${c.recordId} already exists`,
      })
    }
    if (!c.create && !before) throw notFound(c.kind, c.recordId)
    if (before && c.expectedVersion !== undefined && before.version !== c.expectedVersion) {
      throw new ConflictError(
        `Rekaman ${before.id} sudah berubah (versi ${before.version}, bukan ${c.expectedVersion}); muat ulang lalu coba lagi`,
        {
          messageEn: `Record ${before.id} has changed (version ${before.version}, not ${c.expectedVersion}); reload and try again`,
          expected: c.expectedVersion,
          actual: before.version,
        },
      )
    }
    const at = clock.now()
    const decided = c.decide(before, at)
    if ('answer' in decided) return { done: decided.answer }
    const head = before ? await headOf(before) : null
    let result: Json = null
    const seal = (): Required<Pick<CommitInput, 'record' | 'audit' | 'outbox'>> & Partial<CommitInput> => {
      const version = (before?.version ?? 0) + 1
      const entry = sealAuditEntry(head, {
        ...decided.entry,
        caseId: c.recordId,
        aggregateKind: c.kind,
        at: at.toISOString(),
      })
      const record: StoredRecord = {
        ...decided.after,
        id: c.recordId,
        kind: c.kind,
        version,
        updatedAt: at.toISOString(),
        data: withRecordHead(decided.after.data, version, entry),
      }
      authenticateEntries([entry], ctx.auditKey)
      result = decided.result(record)
      const sealed = {
        record,
        audit: [entry],
        outbox: decided.outbox?.(entry.seq) ?? [],
        ...(decided.due ? { due: decided.due } : {}),
      }
      if (c.commandId === undefined) return sealed
      const recorded: RecordedRecordResult = {
        recordId: record.id,
        command: c.command,
        fingerprint: commandFingerprint(officeCode, identityOf(c)),
        result,
      }
      return {
        ...sealed,
        command: { id: c.commandId, scope: officeCode, result: recorded as unknown as Json },
      }
    }
    const numbers = decided.numbers ?? []
    const input: CommitInput = numbers.length
      ? {
          ...seal(),
          expectedVersion: before?.version ?? null,
          sequences: numbers.map((n) => ({ name: n.name, scope: n.scope })),
          complete: (values) => {
            for (const [i, n] of numbers.entries()) n.assign(values[i]!)
            return seal()
          },
        }
      : { ...seal(), expectedVersion: before?.version ?? null }
    if (decided.dueDone?.length) input.dueDone = decided.dueDone
    try {
      await port('commit', () => store.commit(input))
    } catch (error) {
      if (isAk1Error(error) && error.code === 'CONFLICT') return { conflict: error }
      throw error
    }
    ctx.emit({ type: 'record.committed', recordId: c.recordId, kind: c.kind, event: decided.entry.event })
    return { done: result }
  }

  return {
    load,
    async run(c) {
      if (c.commandId !== undefined) {
        const replayed = await replay(c, c.commandId)
        if (replayed !== undefined) return replayed
      }
      let lastError: unknown
      for (let n = 1; n <= ctx.maxAttempts; n++) {
        const outcome = await attempt(c)
        if ('done' in outcome) return outcome.done
        // A lost race: the winner may have been this very command (same id), else decide again.
        if (c.commandId !== undefined) {
          const replayed = await replay(c, c.commandId)
          if (replayed !== undefined) return replayed
        }
        lastError = outcome.conflict
        ctx.emit({ type: 'record.conflict_retry', recordId: c.recordId, kind: c.kind, attempt: n })
      }
      throw lastError
    },
  }
}
