// The memory store: its options, its lifecycle and the wiring of its commit, work queue and reads.
import { z } from 'zod'
import { AdapterError, ConfigError } from '../errors/errors'
import type { CommitInput } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { streamCasesByPages, streamPages, streamRecordsByPages } from '../ports/stream'
import { calendarPage, createMemoryCalendarIndex } from './memory-calendar-index'
import { planCommit } from './memory-commit'
import { streamMemoryFacts } from './memory-facts'
import { auditPage, listCases, pageLimit } from './memory-reads'
import { listRecords } from './memory-records'
import { commandKey, copy, createMemoryState, type MemoryState, sequenceKey } from './memory-state'
import {
  claimDue,
  claimOutbox,
  completeOutbox,
  failOutbox,
  listOutbox,
  listOutboxOf,
  releaseDue,
  releaseOutbox,
  retryOutbox,
} from './memory-work-queue'

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The store's `id`, for logs and errors.
   * @default 'memory'
   */
  id?: string
}

const optionsSchema = z.strictObject({ id: z.string().min(1).optional() })

/**
 * An in-memory {@link CaseStore}: the reference implementation of the store contract, for tests and
 * demos. It passes `describeCaseStore`. Nothing survives the process (`capabilities.durable` is
 * `false`).
 *
 * Every method yields to the event loop before it works, so concurrent callers interleave as they
 * would against a database; `commit` checks and applies in one synchronous step after that, so it is
 * atomic with respect to every other call. Values are copied in and out: callers cannot change
 * stored state by mutating what they passed or got back.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@ak1/core/testing'
 *
 * const store = createMemoryStore()
 * const service = createAk1Service({ standard: balongbendo, store })
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Ak1Store {
  const parsed = optionsSchema.safeParse(options)
  if (!parsed.success) {
    const keys = [
      ...new Set(
        parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [String(i.path[0])])),
      ),
    ]
    throw new ConfigError(`Opsi penyimpanan memori tidak valid: ${keys.join(', ')}`, {
      messageEn: `Invalid memory store options: ${keys.join(', ')}`,
      keys,
    })
  }
  const id = parsed.data.id ?? 'memory'
  const state = createMemoryState()
  let closed = false
  const calendarIndex = createMemoryCalendarIndex()

  /** Yields once, then fails if the store was closed meanwhile. */
  async function enter(operation: string): Promise<void> {
    await Promise.resolve()
    if (closed) {
      throw new AdapterError(`Penyimpanan ${id} sudah ditutup (${operation})`, {
        messageEn: `Store ${id} is closed (${operation})`,
        adapterId: id,
        operation,
        retryable: false,
      })
    }
  }

  const store: Ak1Store = {
    id,
    capabilities: { durable: false, inCommit: true, calendarIndex: true },

    async load(caseId) {
      await enter('load')
      const found = state.cases.get(caseId)
      return found ? copy(found) : null
    },

    async commit(input) {
      // Copied before yielding: nothing the caller does after this call reaches the stored state.
      const { complete, ...rest } = input
      const own: CommitInput = copy(rest)
      if (complete) own.complete = complete
      await enter('commit')
      planCommit(state, own)()
      if (own.case) calendarIndex.update(state.cases.get(own.case.id)!)
    },

    async listByCalendarVersion(query) {
      await enter('listByCalendarVersion')
      return calendarPage(calendarIndex.query(query), (caseId) => copy(state.cases.get(caseId)!))
    },

    async getCommand(commandId, scope = '') {
      await enter('getCommand')
      const found = state.commands.get(commandKey(scope, commandId))
      return found ? copy(found) : null
    },

    async timeline(caseId) {
      await enter('timeline')
      return copy([...(state.audit.get(caseId) ?? [])].sort((a, b) => a.seq - b.seq))
    },

    async list(query) {
      await enter('list')
      return listCases(state, query)
    },

    async loadRecord(kind, recordId) {
      await enter('loadRecord')
      const found = state.recs.records.get(recordId)
      return found?.kind === kind ? copy(found) : null
    },

    async listRecords(query) {
      await enter('listRecords')
      return listRecords(state.recs, query, pageLimit)
    },

    streamCases: (query) => streamCasesByPages(store.list, query),

    streamCaseFacts: (query) => streamMemoryFacts(state, query, () => enter('streamCaseFacts')),

    streamRecords: (query) => streamRecordsByPages(store.listRecords, query),

    streamAudit(query) {
      return streamPages(async (cursor) => {
        await enter('streamAudit')
        return auditPage(state, query, cursor)
      })
    },

    async currentSequence(name, scope) {
      await enter('currentSequence')
      return state.sequences.get(sequenceKey(name, scope)) ?? 0
    },

    async claimOutbox(options) {
      await enter('claimOutbox')
      return claimOutbox(state, options)
    },

    async completeOutbox(rowId, owner, done) {
      await enter('completeOutbox')
      return completeOutbox(state, rowId, owner, done)
    },

    async retryOutbox(rowId, owner, retry) {
      await enter('retryOutbox')
      return retryOutbox(state, rowId, owner, retry)
    },

    async releaseOutbox(rowId, owner, release) {
      await enter('releaseOutbox')
      return releaseOutbox(state, rowId, owner, release)
    },

    async failOutbox(rowId, owner, failure) {
      await enter('failOutbox')
      return failOutbox(state, rowId, owner, failure)
    },

    async listOutbox(caseId) {
      await enter('listOutbox')
      return listOutbox(state, caseId)
    },

    async listOutboxOf(caseIds) {
      await enter('listOutboxOf')
      return listOutboxOf(state, caseIds)
    },

    async claimDue(options) {
      await enter('claimDue')
      return claimDue(state, options)
    },

    async releaseDue(rowId, owner) {
      await enter('releaseDue')
      return releaseDue(state, rowId, owner)
    },

    async putAttachment(attachment) {
      const own = copy(attachment)
      await enter('putAttachment')
      if (state.attachments.has(own.sha256)) return
      state.attachments.set(own.sha256, own)
    },

    async getAttachment(sha256) {
      await enter('getAttachment')
      const found = state.attachments.get(sha256)
      return found ? copy(found) : null
    },

    async close() {
      closed = true
    },
  }
  visits.set(store, state)
  return store
}

/**
 * How many stored cases and rows the memory store's queries visited so far: a test can show that a
 * query reads an index, not every row. `undefined` for a store that is not a memory store.
 * @internal
 */
export function memoryStoreVisits(store: Ak1Store): number | undefined {
  return visits.get(store)?.idx.visited
}

const visits = new WeakMap<Ak1Store, MemoryState>()
