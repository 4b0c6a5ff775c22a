// A complete custom store for @ak1/core: cases, audit trails, outbox and due rows, sequences,
// command ids and attachments live in memory, and every change is written to one JSON file (to a
// temporary file first, then renamed over the old one). With a key the whole file is sealed with
// the core's codec, so personal data is never in clear on disk. Copy it as the start of your own
// adapter; docs/guides/writing-an-adapter.md walks through it.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type * as ports from '@ak1/core/ports'
import {
  AdapterError,
  ConflictError,
  createRecordCodec,
  createSealer,
  inInstantRange,
  streamCaseFactsByCases,
  streamCasesByPages,
  streamPages,
  streamRecordsByPages,
} from '@ak1/core/ports'

/** Options of {@link createJsonFileStore}. */
export interface JsonFileStoreOptions {
  /** The JSON file; read when the store is created, written on every change. */
  filename: string
  /** 32-byte key as 64 hex digits: seals the file (AES-256-GCM). Without it the file is clear JSON. */
  encryptionKey?: string
}

/** Everything the store holds, as plain JSON. */
interface State {
  cases: Record<string, ports.StoredCase>
  /** Records (complaints, card records...), absent in files written before records existed. */
  records?: Record<string, ports.StoredRecord>
  audit: Record<string, ports.AuditEntry[]>
  /** In insertion order: the "oldest first" of `listOutbox`. */
  outbox: ports.OutboxRow[]
  due: ports.DueRow[]
  sequences: Record<string, number>
  commands: Record<string, ports.CommandRecord>
  /** Attachments by sha256, their bytes in base64. */
  attachments: Record<string, { contentType: string; size: number; base64: string }>
}

type Leased = { id: string; status: string; leaseOwner: string | null; leaseUntil: string | null }
const ms = (iso: string) => Date.parse(iso)
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const key = (...parts: string[]) => JSON.stringify(parts)
const copy = <T>(value: T): T => structuredClone(value)
const conflict = (id: string, en: string, more = {}) => new ConflictError(id, { messageEn: en, ...more })
const unleased = { leaseOwner: null, leaseUntil: null }
const unlease = <Row extends Leased>(row: Row) => Object.assign(row, unleased)
const fresh = { ...unleased, status: 'pending' as const, attempts: 0, lastError: null, result: null }
const countAttempt = (row: ports.OutboxRow) => Object.assign(row, { attempts: row.attempts + 1 })
const empty = '{"cases":{},"audit":{},"outbox":[],"due":[],"sequences":{},"commands":{},"attachments":{}}'

/**
 * A store of the four storage ports (`Ak1Store`) in one JSON file. One process only: it reads the
 * file when created and owns it from then on.
 */
export function createJsonFileStore(options: JsonFileStoreOptions): ports.Ak1Store {
  const { filename, encryptionKey } = options
  const id = `json-file:${filename}`
  const keys = encryptionKey ? new Map([['k1', Buffer.from(encryptionKey, 'hex')]]) : undefined
  const codec = createRecordCodec(keys && createSealer({ current: 'k1', keys }, 'ak1/json-file'))
  const fail = (operation: string, message: string, en: string, retryable: boolean, cause?: unknown) =>
    new AdapterError(message, { messageEn: en, adapterId: id, operation, retryable, cause })
  const raw = existsSync(filename) ? readFileSync(filename) : Buffer.from(empty)
  let state: State = JSON.parse(raw[0] === 0x7b ? raw.toString() : codec.decode(raw, id)) // 0x7b: '{', clear
  let closed = false

  /** Yields once (as a database call would), then fails if the store was closed. */
  async function enter(operation: string): Promise<void> {
    await Promise.resolve()
    if (closed) throw fail(operation, `Penyimpanan ${id} sudah ditutup`, `Store ${id} is closed`, false)
  }

  /** A read: a copy of what `fn` finds, so callers cannot change the stored state. */
  const read =
    <A extends unknown[], R>(operation: string, fn: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      await enter(operation)
      return copy(fn(...args))
    }

  /** Runs `fn` on a copy of the state, writes the copy, and only then makes it current: all or nothing. */
  async function change<T>(operation: string, fn: (next: State) => T): Promise<T> {
    await enter(operation)
    const next = copy(state)
    const result = copy(fn(next)) // throws (a ConflictError) before anything is written
    try {
      const temporary = `${filename}.${randomUUID()}.tmp`
      writeFileSync(temporary, codec.encode(JSON.stringify(next), id), { mode: 0o600 })
      renameSync(temporary, filename)
    } catch (cause) {
      throw fail(operation, `Berkas ${filename} tidak dapat ditulis`, `Cannot write ${filename}`, true, cause)
    }
    state = next
    return result
  }

  /** Leases pending rows due by `now` whose lease is absent or expired, oldest `at` first. */
  function claim<Row extends Leased>(rows: Row[], at: (r: Row) => string, o: ports.ClaimOptions) {
    const now = ms(o.now)
    const office = (r: Row) =>
      o.officeCode === undefined || (r as { officeCode?: string }).officeCode === o.officeCode
    const free = (r: Row) =>
      r.status === 'pending' && office(r) && ms(at(r)) <= now && (!r.leaseUntil || ms(r.leaseUntil) <= now)
    const claimed = rows.filter(free).sort((a, b) => ms(at(a)) - ms(at(b)) || byId(a.id, b.id))
    const leaseUntil = new Date(now + o.leaseMs).toISOString()
    return claimed.slice(0, o.limit).map((r) => Object.assign(r, { leaseOwner: o.owner, leaseUntil }))
  }

  /** The row `owner` still leases, its lease released; `undefined` when the lease is lost. */
  const held = (rows: Leased[], rowId: string, owner: string) => {
    const row = (rows as ports.OutboxRow[]).find((r) => r.id === rowId && r.leaseOwner === owner)
    return row?.status === 'pending' ? unlease(row) : undefined
  }
  const onOutbox = (op: string, rowId: string, owner: string, patch: (r: ports.OutboxRow) => object) =>
    change(op, (next) => {
      const row = held(next.outbox, rowId, owner)
      if (row) Object.assign(row, patch(row))
      return row !== undefined
    })
  const outboxOf = (caseId: string) => state.outbox.filter((r) => r.caseId === caseId)

  /** Checks and applies one commit on `next` (a copy: a throw leaves the store as it was). */
  function applyCommit(next: State, given: ports.CommitInput, complete: ports.CommitInput['complete']): void {
    next.records ??= {}
    const records = next.records
    const first = given.case ?? given.record
    if (!first || (given.case && given.record))
      throw conflict('Satu agregat per commit', 'One aggregate per commit')
    const kind = given.record?.kind ?? 'case'
    const mine = given.record ? records[first.id] : next.cases[first.id]
    if (
      (given.record ? next.cases[first.id] : records[first.id]) ||
      (mine && given.record && records[first.id]?.kind !== kind)
    )
      throw conflict(`Id ${first.id} sudah dipakai`, `Id ${first.id} is taken`)
    const actual = mine?.version ?? null
    if (actual !== given.expectedVersion) {
      const versions = { expected: given.expectedVersion ?? undefined, actual: actual ?? undefined }
      throw conflict(`Kasus ${first.id} sudah berubah`, `Case ${first.id} has changed`, versions)
    }
    // Numbers are taken inside the commit and handed to `complete` before the audit entry is sealed.
    const values = (given.sequences ?? []).map((s) => {
      const value = (next.sequences[key(s.name, s.scope)] ?? 0) + 1
      if (s.value !== undefined && s.value !== value) {
        throw conflict(`Nomor ${s.name} berikutnya ${value}`, `The next ${s.name} is ${value}`)
      }
      next.sequences[key(s.name, s.scope)] = value
      return value
    })
    const c: ports.CommitInput = complete ? { ...given, ...copy(complete(values)) } : given
    const aggregate = (c.case ?? c.record)!
    const { id: caseId, officeCode, updatedAt: at } = aggregate
    if (caseId !== first.id || aggregate.version !== (c.expectedVersion ?? 0) + 1)
      throw conflict('complete() mengganti agregat', 'complete() changed the aggregate')
    if (c.case) {
      const { trackingCode } = c.case
      const others = Object.values(next.cases).filter((o) => o.id !== caseId && o.officeCode === officeCode)
      if (others.some((o) => o.trackingCode === trackingCode)) {
        throw conflict(`Kode lacak ${trackingCode} sudah dipakai`, `Tracking code ${trackingCode} is taken`)
      }
      next.cases[caseId] = c.case
    } else {
      const r = c.record!
      const taken = (o: ports.StoredRecord) =>
        o.id !== caseId && o.officeCode === officeCode && o.kind === kind && o.key === r.key
      if (r.key != null && Object.values(records).some(taken))
        throw conflict(`Kunci ${r.key} sudah dipakai`, `Key ${r.key} is taken`)
      records[caseId] = r
    }
    const owned = { officeCode, aggregateKind: kind }
    const commandKey = key(c.command?.scope ?? '', c.command?.id ?? '')
    if (c.command && next.commands[commandKey]) {
      throw conflict(`Perintah ${c.command.id} sudah dijalankan`, `Command ${c.command.id} was committed`)
    }
    const trail = [...(next.audit[caseId] ?? []), ...c.audit].sort((a, b) => a.seq - b.seq)
    if (new Set(trail.map((e) => e.seq)).size < trail.length) throw conflict('Audit ganda', 'Audit seq taken')
    next.audit[caseId] = trail
    for (const row of c.outbox) {
      if (next.outbox.some((r) => r.id === row.id)) throw conflict('Outbox ganda', `Outbox ${row.id} taken`)
      next.outbox.push({ ...row, ...owned, ...fresh, createdAt: at, finishedAt: null })
    }
    for (const { id: rowId, action, at: when } of c.outboxChanges ?? []) {
      const row = next.outbox.find((r) => r.id === rowId && r.caseId === caseId && r.status === 'failed')
      if (!row) throw conflict(`Outbox ${rowId} bukan insiden`, `Outbox row ${rowId} is not an incident`)
      const retry = { ...fresh, availableAt: when, finishedAt: null, lastError: row.lastError }
      Object.assign(row, action === 'retry' ? retry : { status: 'resolved', finishedAt: when })
    }
    for (const r of next.due) if (c.dueDone?.includes(r.id)) Object.assign(r, unleased, { status: 'done' })
    if (c.due) next.due = next.due.filter((r) => r.caseId !== caseId || r.status !== 'pending')
    for (const row of c.due ?? []) next.due.push({ ...row, ...owned, ...unleased, status: 'pending' })
    if (c.command) next.commands[commandKey] = { scope: '', ...c.command, caseId, at }
  }

  return {
    id,
    capabilities: { durable: true, inCommit: true, encryption: keys !== undefined },
    load: read('load', (caseId: string) => state.cases[caseId] ?? null),
    async commit(input) {
      const { complete, ...rest } = input
      const given = copy(rest) // the caller may change its objects once the call returns
      await change('commit', (next) => applyCommit(next, given, complete))
    },
    getCommand: read('getCommand', (cmd: string, scope = '') => state.commands[key(scope, cmd)] ?? null),
    timeline: read('timeline', (caseId: string) => state.audit[caseId] ?? []),
    list: read('list', (query: ports.CaseQuery) => listCases(state, query)),
    loadRecord: read('loadRecord', (kind: string, rid: string) => {
      const found = state.records?.[rid]
      return found?.kind === kind ? found : null
    }),
    listRecords: read('listRecords', (query: ports.RecordQuery) => listRecords(state, query)),
    streamCases(query) {
      return streamCasesByPages(this.list, query)
    },
    streamCaseFacts(query) {
      // Everything is in memory here: the facts of each case, with its failed outbox rows counted.
      const failed = (caseId: string) => outboxOf(caseId).filter((r) => r.status === 'failed').length
      return streamCaseFactsByCases((q) => this.streamCases(q), failed, query)
    },
    streamRecords(query) {
      return streamRecordsByPages(this.listRecords, query)
    },
    streamAudit: (query) =>
      streamPages(
        read('streamAudit', (cursor: string | undefined) => {
          // One page: every entry of the office's aggregates after the cursor's id, up to a batch of ids.
          const office = [
            ...Object.values(state.cases).map((c) => ({ id: c.id, officeCode: c.officeCode, kind: 'case' })),
            ...Object.values(state.records ?? {}),
          ].filter(
            (a) => a.officeCode === query.officeCode && (query.kind === undefined || a.kind === query.kind),
          )
          const ids = office.map((a) => a.id).filter((a) => cursor === undefined || byId(a, cursor) > 0)
          const page = ids.sort(byId).slice(0, query.batchSize ?? 200)
          const items = page.flatMap((a) =>
            (state.audit[a] ?? []).filter((e) => inInstantRange(e.at, query.from, query.to)),
          )
          return { items, nextCursor: page.length < ids.length ? (page.at(-1) ?? null) : null }
        }),
      ),
    currentSequence: read(
      'currentSequence',
      (n: string, scope: string) => state.sequences[key(n, scope)] ?? 0,
    ),
    claimOutbox: (o) =>
      change('claimOutbox', (next) => claim(next.outbox, (r) => r.availableAt, o).map(countAttempt)),
    completeOutbox: (row, owner, { at, result }) =>
      onOutbox('completeOutbox', row, owner, () => ({ status: 'done', result, finishedAt: at })),
    retryOutbox: (row, owner, { availableAt, error }) =>
      onOutbox('retryOutbox', row, owner, () => ({ availableAt, lastError: error })),
    releaseOutbox: (row, owner, release) =>
      onOutbox('releaseOutbox', row, owner, (r) => ({
        attempts: Math.max(0, r.attempts - 1),
        availableAt: release?.availableAt ?? r.availableAt,
      })),
    failOutbox: (row, owner, { at, error }) =>
      onOutbox('failOutbox', row, owner, () => ({ status: 'failed', lastError: error, finishedAt: at })),
    listOutbox: read('listOutbox', outboxOf),
    listOutboxOf: read(
      'listOutboxOf',
      (caseIds: readonly string[]) => new Map(caseIds.map((c) => [c, outboxOf(c)])),
    ),
    claimDue: (o) => change('claimDue', (next) => claim(next.due, (r) => r.dueAt, o)),
    releaseDue: (row, owner) => change('releaseDue', (next) => held(next.due, row, owner) !== undefined),
    async putAttachment({ sha256, contentType, size, bytes }) {
      const base64 = Buffer.from(bytes).toString('base64')
      await change('putAttachment', (next) => {
        next.attachments[sha256] ??= { contentType, size, base64 } // the same bytes: stored once
      })
    },
    getAttachment: read('getAttachment', (sha256: string): ports.AttachmentRecord | null => {
      const found = state.attachments[sha256]
      return found ? { sha256, ...found, bytes: Buffer.from(found.base64, 'base64') } : null
    }),
    async close() {
      closed = true
    },
  }
}

const fields = ['officeCode', 'awaiting', 'applicantNik', 'trackingCode', 'final'] as const

/** `list()`: filter, sort by id (by `dueAt`, then id, for `overdueAt`), and page after the cursor. */
function listCases(state: State, q: ports.CaseQuery) {
  const limit = Math.min(q.limit ?? 50, 500)
  const failed = new Set(state.outbox.filter((r) => r.status === 'failed').map((r) => r.caseId))
  const open = (c: ports.StoredCase) => !c.final && c.dueAt !== null
  const matches = Object.values(state.cases).filter(
    (c) =>
      fields.every((f) => q[f] === undefined || q[f] === c[f]) &&
      (q.incident === undefined || q.incident === failed.has(c.id)) &&
      (q.state === undefined || [q.state].flat().includes(c.state)) &&
      (q.dueBefore === undefined || (open(c) && ms(c.dueAt!) <= ms(q.dueBefore))) &&
      (q.overdueAt === undefined || (open(c) && ms(c.dueAt!) < ms(q.overdueAt))),
  )
  // The sort key, also the cursor: [due time or 0, id].
  const sortKey = (c: ports.StoredCase): [number, string] => [q.overdueAt ? ms(c.dueAt!) : 0, c.id]
  const compare = (a: [number, string], b: [number, string]) => a[0] - b[0] || byId(a[1], b[1])
  const after = q.cursor ? JSON.parse(Buffer.from(q.cursor, 'base64url').toString()) : undefined
  const rest = matches
    .sort((a, b) => compare(sortKey(a), sortKey(b)))
    .filter((c) => after === undefined || compare(sortKey(c), after) > 0)
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  const cursor = last && rest.length > limit ? JSON.stringify(sortKey(last)) : null
  return { items, nextCursor: cursor && Buffer.from(cursor).toString('base64url') }
}

/** `listRecords()`: one office's records of one kind, filtered, by id, paged after the cursor. */
function listRecords(state: State, q: ports.RecordQuery) {
  const limit = Math.min(q.limit ?? 50, 500)
  const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString() : undefined
  const rest = Object.values(state.records ?? {})
    .filter(
      (r) =>
        r.officeCode === q.officeCode &&
        r.kind === q.kind &&
        (after === undefined || byId(r.id, after) > 0) &&
        (q.state === undefined || [q.state].flat().includes(r.state)) &&
        (q.caseId === undefined || r.caseId === q.caseId) &&
        (q.key === undefined || r.key === q.key) &&
        (q.final === undefined || r.final === q.final) &&
        inInstantRange(r.createdAt, q.createdFrom, q.createdTo) &&
        Object.entries(q.attributes ?? {}).every(([name, value]) => (r.attributes[name] ?? null) === value),
    )
    .sort((a, b) => byId(a.id, b.id))
  const items = rest.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    nextCursor: last && rest.length > limit ? Buffer.from(last.id).toString('base64url') : null,
  }
}
