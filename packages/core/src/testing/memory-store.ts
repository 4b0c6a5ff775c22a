import { z } from 'zod'
import { pendingOutboxRow } from '../engine/deliveries'
import { AdapterError, ConfigError, ConflictError, ValidationError } from '../errors/errors'
import type { AttachmentRecord } from '../ports/attachment-store'
import type {
  AuditEntry,
  CasePage,
  CaseQuery,
  CommandRecord,
  CommitInput,
  StoredCase,
} from '../ports/case-store'
import type { AuditStreamQuery, StoredRecord } from '../ports/records'
import type { Ak1Store } from '../ports/store'
import {
  defaultStreamBatch,
  inInstantRange,
  streamCasesByPages,
  streamPages,
  streamRecordsByPages,
} from '../ports/stream'
import type { ClaimOptions, DueRow, OutboxRow } from '../ports/work-queue'
import { calendarPage, createMemoryCalendarIndex } from './memory-calendar-index'
import { checkRecord, createRecordState, listRecords, putRecord, type RecordState } from './memory-records'

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The store's `id`, for logs and errors.
   * @default 'memory'
   */
  id?: string
}

const optionsSchema = z.strictObject({ id: z.string().min(1).optional() })

/** Default page size of `list()`. */
const DEFAULT_LIMIT = 50
/** Largest page `list()` returns. */
const MAX_LIMIT = 500

interface State {
  cases: Map<string, StoredCase>
  audit: Map<string, AuditEntry[]>
  /** Insertion order is the "oldest first" order of `listOutbox`. */
  outbox: Map<string, OutboxRow>
  /** Case id by `[officeCode, trackingCode]`: a tracking code is unique within its office. */
  tracking: Map<string, string>
  /** Outbox row ids by case, oldest first. */
  outboxByCase: Map<string, string[]>
  due: Map<string, DueRow>
  sequences: Map<string, number>
  commands: Map<string, CommandRecord>
  attachments: Map<string, AttachmentRecord>
  recs: RecordState
}

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
  const state: State = {
    cases: new Map(),
    audit: new Map(),
    outbox: new Map(),
    outboxByCase: new Map(),
    tracking: new Map(),
    due: new Map(),
    sequences: new Map(),
    commands: new Map(),
    attachments: new Map(),
    recs: createRecordState(),
  }
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
      const now = instant(options.now, 'now')
      const claimed = [...state.outbox.values()]
        .filter((row) => row.status === 'pending' && ms(row.availableAt) <= now && leaseFree(row, now))
        .filter((row) => options.officeCode === undefined || row.officeCode === options.officeCode)
        .sort((a, b) => ms(a.availableAt) - ms(b.availableAt) || compareIds(a.id, b.id))
        .slice(0, Math.max(0, options.limit))
      for (const row of claimed) {
        lease(row, options)
        row.attempts += 1
      }
      return copy(claimed)
    },

    async completeOutbox(rowId, owner, done) {
      await enter('completeOutbox')
      const row = held(state.outbox.get(rowId), owner)
      if (!row) return false
      Object.assign(row, { status: 'done', result: copy(done.result), finishedAt: done.at })
      releaseLease(row)
      return true
    },

    async retryOutbox(rowId, owner, retry) {
      await enter('retryOutbox')
      const row = held(state.outbox.get(rowId), owner)
      if (!row) return false
      Object.assign(row, { availableAt: retry.availableAt, lastError: retry.error })
      releaseLease(row)
      return true
    },

    async releaseOutbox(rowId, owner, release) {
      await enter('releaseOutbox')
      if (release?.availableAt !== undefined) instant(release.availableAt, 'availableAt')
      const row = held(state.outbox.get(rowId), owner)
      if (!row) return false
      row.attempts = Math.max(0, row.attempts - 1)
      if (release?.availableAt !== undefined) row.availableAt = release.availableAt
      releaseLease(row)
      return true
    },

    async failOutbox(rowId, owner, failure) {
      await enter('failOutbox')
      const row = held(state.outbox.get(rowId), owner)
      if (!row) return false
      Object.assign(row, { status: 'failed', lastError: failure.error, finishedAt: failure.at })
      releaseLease(row)
      return true
    },

    async listOutbox(caseId) {
      await enter('listOutbox')
      return copy(outboxOf(state, caseId))
    },

    async listOutboxOf(caseIds) {
      await enter('listOutboxOf')
      return new Map(caseIds.map((caseId) => [caseId, copy(outboxOf(state, caseId))]))
    },

    async claimDue(options) {
      await enter('claimDue')
      const now = instant(options.now, 'now')
      const claimed = [...state.due.values()]
        .filter((row) => row.status === 'pending' && ms(row.dueAt) <= now && leaseFree(row, now))
        .filter((row) => options.officeCode === undefined || row.officeCode === options.officeCode)
        .sort((a, b) => ms(a.dueAt) - ms(b.dueAt) || compareIds(a.id, b.id))
        .slice(0, Math.max(0, options.limit))
      for (const row of claimed) lease(row, options)
      return copy(claimed)
    },

    async releaseDue(rowId, owner) {
      await enter('releaseDue')
      const row = held(state.due.get(rowId), owner)
      if (!row) return false
      releaseLease(row)
      return true
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
  return store
}

/**
 * A page of the office's audit entries (of one kind when given), ordered by aggregate id, then seq:
 * whole trails of aggregates after the cursor's id until the page holds `batchSize` entries.
 */
function auditPage(
  state: State,
  query: AuditStreamQuery,
  cursor: string | undefined,
): { items: AuditEntry[]; nextCursor: string | null } {
  const batch = query.batchSize ?? defaultStreamBatch
  const ids: string[] = []
  if (query.kind === undefined || query.kind === 'case') {
    for (const c of state.cases.values()) if (c.officeCode === query.officeCode) ids.push(c.id)
  }
  if (query.kind !== 'case') {
    for (const r of state.recs.records.values()) {
      if (r.officeCode === query.officeCode && (query.kind === undefined || r.kind === query.kind))
        ids.push(r.id)
    }
  }
  const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8')
  const pending = ids.filter((id) => after === undefined || compareIds(id, after) > 0).sort(compareIds)
  const items: AuditEntry[] = []
  let last: string | undefined
  for (const aggregateId of pending) {
    if (items.length >= batch) break
    last = aggregateId
    for (const entry of [...(state.audit.get(aggregateId) ?? [])].sort((a, b) => a.seq - b.seq)) {
      if (inInstantRange(entry.at, query.from, query.to)) items.push(copy(entry))
    }
  }
  const more = last !== undefined && pending.at(-1) !== last
  return { items, nextCursor: more ? Buffer.from(last!).toString('base64url') : null }
}

/**
 * Checks the whole commit against the current state and returns the function that applies it.
 * Nothing is written until every check passed, so a failing commit leaves nothing behind.
 */
function planCommit(state: State, given: CommitInput): () => void {
  if ((given.case === undefined) === (given.record === undefined)) {
    throw invalid(['case'], 'aggregate', {
      id: 'commit harus membawa tepat satu dari case dan record',
      en: 'a commit must carry exactly one of case and record',
    })
  }
  const isRecord = given.record !== undefined
  const first = (given.case ?? given.record)!
  const kind = given.record?.kind ?? 'case'
  const stored = isRecord ? state.recs.records.get(first.id) : state.cases.get(first.id)
  const other = isRecord ? state.cases.has(first.id) : state.recs.records.has(first.id)
  if (other || (stored && isRecord && (stored as StoredRecord).kind !== kind)) {
    throw conflict(`Id ${first.id} sudah dipakai agregat lain`, `Id ${first.id} is used by another aggregate`)
  }
  const actual = stored?.version ?? null
  if (actual !== given.expectedVersion) throw versionConflict(first.id, given.expectedVersion, actual)

  // Sequence values are taken first, then handed to `complete`; nothing is written before the end.
  const claimed = new Map<string, number>()
  const values: number[] = []
  for (const claim of given.sequences ?? []) {
    const key = sequenceKey(claim.name, claim.scope)
    const current = claimed.get(key) ?? state.sequences.get(key) ?? 0
    if (claim.value !== undefined && claim.value !== current + 1) {
      throw conflict(
        `Nomor urut ${claim.name} (${claim.scope}) ${claim.value} tidak dapat dipakai: nomor berikutnya ${current + 1}`,
        `Sequence ${claim.name} (${claim.scope}) value ${claim.value} cannot be taken: the next is ${current + 1}`,
      )
    }
    claimed.set(key, current + 1)
    values.push(current + 1)
  }
  const input: CommitInput = given.complete ? { ...given, ...copy(given.complete(values)) } : given
  const next = (isRecord ? input.record : input.case)!
  if (next?.id !== first.id || (isRecord ? input.case : input.record) !== undefined) {
    throw invalid([isRecord ? 'record' : 'case', 'id'], 'case_id', {
      id: 'complete() tidak boleh mengganti id atau jenis agregat',
      en: 'complete() may not change the id or kind of the aggregate',
    })
  }
  const expectedNext = (input.expectedVersion ?? 0) + 1
  if (next.version !== expectedNext) {
    throw invalid([isRecord ? 'record' : 'case', 'version'], 'case_version', {
      id: `versi kasus harus ${expectedNext} (versi yang diharapkan + 1), bukan ${next.version}`,
      en: `the case version must be ${expectedNext} (expected version + 1), not ${next.version}`,
    })
  }
  if (input.record) checkRecord(state.recs, input.record)

  const trail = state.audit.get(next.id) ?? []
  const seqs = new Set(trail.map((entry) => entry.seq))
  for (const [index, entry] of input.audit.entries()) {
    if (entry.caseId !== next.id) {
      throw invalid(['audit', index, 'caseId'], 'audit_case', {
        id: `entri audit harus milik kasus ${next.id}`,
        en: `the audit entry must belong to case ${next.id}`,
      })
    }
    if (seqs.has(entry.seq)) {
      throw conflict(
        `Entri audit nomor ${entry.seq} kasus ${next.id} sudah ada`,
        `Audit entry ${entry.seq} of case ${next.id} already exists`,
      )
    }
    seqs.add(entry.seq)
  }

  const outboxIds = new Set<string>()
  for (const row of input.outbox) {
    if (state.outbox.has(row.id) || outboxIds.has(row.id)) {
      throw conflict(`Baris outbox ${row.id} sudah ada`, `Outbox row ${row.id} already exists`)
    }
    outboxIds.add(row.id)
  }

  for (const change of input.outboxChanges ?? []) {
    const row = state.outbox.get(change.id)
    if (!row || row.caseId !== next.id || row.status !== 'failed') {
      throw conflict(
        `Baris outbox ${change.id} bukan insiden terbuka kasus ${next.id}`,
        `Outbox row ${change.id} is not an open incident of case ${next.id}`,
      )
    }
  }

  const dueDone = new Set(input.dueDone ?? [])
  if (input.due) {
    const dueIds = new Set<string>()
    for (const row of input.due) {
      const existing = state.due.get(row.id)
      // A pending row of this case is replaced (unless handled now), so its id may be reused.
      const replaced =
        existing?.caseId === next.id && existing.status === 'pending' && !dueDone.has(existing.id)
      if ((existing && !replaced) || dueIds.has(row.id)) {
        throw conflict(`Tenggat ${row.id} sudah ada`, `Due row ${row.id} already exists`)
      }
      dueIds.add(row.id)
    }
  }

  const nextCase = input.case
  const trackingKey = nextCase ? JSON.stringify([nextCase.officeCode, nextCase.trackingCode]) : ''
  const holder = nextCase ? state.tracking.get(trackingKey) : undefined
  if (nextCase && holder !== undefined && holder !== next.id) {
    throw conflict(
      `Kode lacak ${nextCase.trackingCode} sudah dipakai di kantor ${nextCase.officeCode}`,
      `Tracking code ${nextCase.trackingCode} is already used at office ${nextCase.officeCode}`,
    )
  }

  const command = input.command
  const commandId = command ? commandKey(command.scope ?? '', command.id) : undefined
  if (command && commandId !== undefined && state.commands.has(commandId)) {
    throw conflict(
      `Perintah ${command.id} sudah pernah dijalankan`,
      `Command ${command.id} was already committed`,
    )
  }

  const owned = { officeCode: next.officeCode }
  return () => {
    if (nextCase) {
      const old = stored as StoredCase | undefined
      if (old) state.tracking.delete(JSON.stringify([old.officeCode, old.trackingCode]))
      state.tracking.set(trackingKey, next.id)
      state.cases.set(next.id, nextCase)
    } else {
      putRecord(state.recs, stored as StoredRecord | undefined, input.record!)
    }
    state.audit.set(next.id, [...trail, ...input.audit])
    for (const row of input.outbox) {
      state.outbox.set(
        row.id,
        pendingOutboxRow({ ...row, aggregateKind: row.aggregateKind ?? kind, ...owned }, next.updatedAt),
      )
      const ids = state.outboxByCase.get(row.caseId)
      if (ids) ids.push(row.id)
      else state.outboxByCase.set(row.caseId, [row.id])
    }
    for (const change of input.outboxChanges ?? []) {
      const row = state.outbox.get(change.id)!
      if (change.action === 'retry') {
        Object.assign(row, { status: 'pending', attempts: 0, availableAt: change.at, finishedAt: null })
      } else {
        Object.assign(row, { status: 'resolved', finishedAt: change.at })
      }
      releaseLease(row)
    }
    for (const rowId of dueDone) {
      const row = state.due.get(rowId)
      if (row?.caseId !== next.id) continue
      row.status = 'done'
      releaseLease(row)
    }
    if (input.due) {
      for (const row of [...state.due.values()]) {
        if (row.caseId === next.id && row.status === 'pending') state.due.delete(row.id)
      }
      for (const row of input.due) {
        state.due.set(row.id, {
          ...row,
          aggregateKind: row.aggregateKind ?? kind,
          ...owned,
          status: 'pending',
          leaseOwner: null,
          leaseUntil: null,
        })
      }
    }
    for (const [key, value] of claimed) state.sequences.set(key, value)
    if (command && commandId !== undefined) {
      state.commands.set(commandId, {
        id: command.id,
        scope: command.scope ?? '',
        caseId: next.id,
        ...(isRecord ? { aggregateKind: kind } : {}),
        result: command.result,
        at: next.updatedAt,
      })
    }
  }
}

/** The cursor: the sort key of the last item of a page. */
interface Cursor {
  dueAt?: string
  id: string
}

function listCases(state: State, query: CaseQuery): CasePage {
  const limit = pageLimit(query.limit)
  const byDue = query.overdueAt !== undefined
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, byDue)
  const states = query.state === undefined ? undefined : new Set([query.state].flat())
  const dueBefore = query.dueBefore === undefined ? undefined : instant(query.dueBefore, 'dueBefore')
  const overdueAt = query.overdueAt === undefined ? undefined : instant(query.overdueAt, 'overdueAt')
  const incidents =
    query.incident === undefined
      ? undefined
      : new Set([...state.outbox.values()].filter((r) => r.status === 'failed').map((r) => r.caseId))

  const matches = [...state.cases.values()].filter((c) => {
    if (query.officeCode !== undefined && c.officeCode !== query.officeCode) return false
    if (states && !states.has(c.state)) return false
    if (query.awaiting !== undefined && c.awaiting !== query.awaiting) return false
    if (query.applicantNik !== undefined && c.applicantNik !== query.applicantNik) return false
    if (query.trackingCode !== undefined && c.trackingCode !== query.trackingCode) return false
    if (query.final !== undefined && c.final !== query.final) return false
    if (dueBefore !== undefined && (c.final || c.dueAt === null || ms(c.dueAt) > dueBefore)) return false
    if (overdueAt !== undefined && (c.final || c.dueAt === null || ms(c.dueAt) >= overdueAt)) return false
    if (incidents && incidents.has(c.id) !== query.incident) return false
    return true
  })
  const key = (c: StoredCase): Cursor => (byDue ? { dueAt: c.dueAt!, id: c.id } : { id: c.id })
  const compare = (a: Cursor, b: Cursor): number =>
    (byDue ? ms(a.dueAt!) - ms(b.dueAt!) : 0) || compareIds(a.id, b.id)
  const sorted = matches.sort((a, b) => compare(key(a), key(b)))
  const rest = after ? sorted.filter((c) => compare(key(c), after) > 0) : sorted
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  return {
    items: copy(items),
    nextCursor: rest.length > limit && last ? encodeCursor(key(last)) : null,
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalid(['limit'], 'limit', {
      id: `limit harus bilangan bulat 1 atau lebih, bukan ${limit}`,
      en: `limit must be a whole number of at least 1, not ${limit}`,
    })
  }
  return Math.min(limit, MAX_LIMIT)
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

const cursorSchema = z.object({ id: z.string(), dueAt: z.string().optional() })

function decodeCursor(cursor: string, byDue: boolean): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (byDue === (parsed.dueAt !== undefined)) return parsed
  } catch {
    // reported below
  }
  throw invalid(['cursor'], 'cursor', {
    id: 'cursor tidak dikenal atau berasal dari kueri lain',
    en: 'the cursor is unknown or comes from another query',
  })
}

/** The row when it is pending and `owner` holds its lease. */
function held<Row extends OutboxRow | DueRow>(row: Row | undefined, owner: string): Row | undefined {
  return row?.status === 'pending' && row.leaseOwner === owner ? row : undefined
}

function leaseFree(row: { leaseOwner: string | null; leaseUntil: string | null }, now: number): boolean {
  return row.leaseOwner === null || row.leaseUntil === null || ms(row.leaseUntil) <= now
}

function lease(row: { leaseOwner: string | null; leaseUntil: string | null }, options: ClaimOptions): void {
  row.leaseOwner = options.owner
  row.leaseUntil = new Date(ms(options.now) + options.leaseMs).toISOString()
}

function releaseLease(row: { leaseOwner: string | null; leaseUntil: string | null }): void {
  row.leaseOwner = null
  row.leaseUntil = null
}

function outboxOf(state: State, caseId: string): OutboxRow[] {
  return (state.outboxByCase.get(caseId) ?? []).map((rowId) => state.outbox.get(rowId)!)
}

function commandKey(scope: string, commandId: string): string {
  return JSON.stringify([scope, commandId])
}

function sequenceKey(name: string, scope: string): string {
  return JSON.stringify([name, scope])
}

/** Code-unit order, as a database's binary collation sorts. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function ms(iso: string): number {
  return Date.parse(iso)
}

function instant(iso: string, field: string): number {
  const value = Date.parse(iso)
  if (Number.isNaN(value)) {
    throw invalid([field], 'iso_instant', {
      id: `${field} harus waktu ISO 8601, bukan ${JSON.stringify(iso)}`,
      en: `${field} must be an ISO 8601 instant, not ${JSON.stringify(iso)}`,
    })
  }
  return value
}

function copy<T>(value: T): T {
  return structuredClone(value)
}

function conflict(message: string, messageEn: string): ConflictError {
  return new ConflictError(message, { messageEn })
}

function versionConflict(caseId: string, expected: number | null, actual: number | null): ConflictError {
  const options = { ...(expected === null ? {} : { expected }), ...(actual === null ? {} : { actual }) }
  if (expected === null) {
    return new ConflictError(`Kasus ${caseId} sudah ada`, {
      messageEn: `Case ${caseId} already exists`,
      ...options,
    })
  }
  if (actual === null) {
    return new ConflictError(`Kasus ${caseId} tidak ditemukan (versi yang diharapkan ${expected})`, {
      messageEn: `Case ${caseId} does not exist (expected version ${expected})`,
      ...options,
    })
  }
  return new ConflictError(
    `Kasus ${caseId} sudah berubah: versi yang diharapkan ${expected}, versi tersimpan ${actual}`,
    {
      messageEn: `Case ${caseId} has changed: expected version ${expected}, stored version ${actual}`,
      ...options,
    },
  )
}

function invalid(path: (string | number)[], rule: string, text: { id: string; en: string }): ValidationError {
  return new ValidationError([{ path, rule, message: text.id, messageEn: text.en }])
}
