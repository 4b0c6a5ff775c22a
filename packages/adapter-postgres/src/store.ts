import type {
  Ak1Store,
  AttachmentRecord,
  AuditEntry,
  CalendarVersionQuery,
  CasePage,
  CommandRecord,
  Json,
  StoredCase,
} from '@ak1/core/ports'
import { AdapterError, createSealer, pageCursors as cursors, isAk1Error } from '@ak1/core/ports'
import pg from 'pg'
import { checkEncryption, createColumns, readCommandResult } from './columns'
import { type Body, writeCommit } from './commit'
import { openDatabase } from './connect'
import { startFailure, storeFailure, storeId } from './errors'
import { createFactsStream } from './facts'
import { type AggregateSnapshot, importSnapshot } from './import'
import { type ListPlan, planCalendarList, planList } from './list'
import { quoteIdent } from './migrations'
import { describeTarget, type PostgresStoreOptions, resolvePostgresOptions } from './options'
import { createQueue, type OfficeClaimOptions } from './queue'
import { createRecordReads } from './records'
import { migrations } from './schema'
import { createSession, type Session } from './session'

/** The four storage ports on PostgreSQL, plus what a shared server adds. */
export interface PostgresStore extends Ak1Store {
  readonly id: 'postgres'
  readonly capabilities: {
    readonly durable: true
    readonly encryption: boolean
    readonly inCommit: true
    readonly calendarIndex: true
  }
  listByCalendarVersion(query: CalendarVersionQuery): Promise<CasePage>
  /** Claims may name one office (a worker per office); without it they take any office's rows. */
  claimOutbox(options: OfficeClaimOptions): ReturnType<Ak1Store['claimOutbox']>
  claimDue(options: OfficeClaimOptions): ReturnType<Ak1Store['claimDue']>
  /** The schema holding the tables. */
  readonly schema: string
  /** The office this store serves in row-level security mode, else `undefined`. */
  readonly officeCode: string | undefined
  /** The schema version after start-up. */
  readonly schemaVersion: number
  /**
   * The same store with its claims limited to one office: what the service of that office takes, so
   * that its worker delivers only its own office's notices and deadlines. Closing the view closes the
   * store.
   */
  forOffice(officeCode: string): PostgresStore
  /**
   * Writes one aggregate exactly as another store holds it (version, trail, outbox statuses and
   * attempts, due rows, command ids), for moving an office over (`ak1-pg-import`). An id already
   * here is a `ConflictError` and writes nothing.
   */
  importAggregate(snapshot: AggregateSnapshot): Promise<void>
  /** Sets a counter to at least `value` (moving an office over). */
  importSequence(name: string, scope: string, officeCode: string, value: number): Promise<void>
}

interface CaseRow {
  id: string
  office_code: string
  version: number
  state: string
  awaiting: string | null
  channel: string
  tracking_code: string
  nik_lookup: string
  created_at: string
  updated_at: string
  due_at: string | null
  due_ms: string | null
  final: boolean
  calendar_version: string | null
  body: Buffer
  facts?: Json | null
}

/**
 * Opens the @ak1 store on PostgreSQL: one schema for every office of a kabupaten, shared by several
 * application servers. The schema is migrated on start under an advisory lock. Each commit is one
 * transaction whose case UPDATE checks the version in the same statement; work rows are claimed
 * with `FOR UPDATE SKIP LOCKED` and leases; register and card numbers come from counter rows updated
 * inside the commit. Personal data is sealed with core's codec as on SQLite.
 *
 * @throws {ConfigError} for bad options (naming them, never echoing the password), an unreachable
 * server, a refused password, a schema owned by another role, a newer schema, or a wrong key.
 *
 * @example
 * ```ts
 * import { createAk1Service, balongbendo } from '@ak1/core'
 * import { createPostgresStore } from '@ak1/adapter-postgres'
 *
 * const store = await createPostgresStore({
 *   connectionString: process.env.AK1_DATABASE_URL!,
 *   encryptionKey: process.env.AK1_KEY!,
 * })
 * const service = createAk1Service({ standard: balongbendo, store })
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const o = resolvePostgresOptions(options)
  const db = await openDatabase(o, migrations)
  const t = quoteIdent(o.schema)
  const sealer = o.keyring ? createSealer(o.keyring, 'ak1/postgres') : undefined
  let replicaPool: pg.Pool | undefined
  try {
    await checkEncryption(db.pool, t, sealer)
    if (o.replica) {
      replicaPool =
        o.replica.pool ??
        new pg.Pool({
          connectionString: o.replica.connectionString,
          max: o.maxConnections,
          connectionTimeoutMillis: o.connectTimeoutMs,
          statement_timeout: o.statementTimeoutMs,
          application_name: 'ak1-replica',
        })
      if (!o.replica.pool) {
        replicaPool.on('error', () => {})
        replicaPool.on('connect', (client) => client.on('error', () => {}))
      }
    }
  } catch (error) {
    await db.close()
    if (isAk1Error(error)) throw error
    throw startFailure(describeTarget(o.connectionString), o.schema, error)
  }
  const ownedReplica = o.replica !== undefined && o.replica.pool === undefined
  const cols = createColumns(sealer)
  const session: Session = createSession(db.pool, o.officeCode, replicaPool)
  const queue = createQueue(session, t, cols)
  const attachmentOffice = o.officeCode ?? ''

  const toCase = (row: CaseRow): StoredCase => {
    const body = cols.readJson<Body>(row.body, `case:${row.id}`)
    return {
      id: row.id,
      version: row.version,
      officeCode: row.office_code,
      state: row.state,
      awaiting: row.awaiting,
      channel: row.channel as StoredCase['channel'],
      applicantNik: body.applicantNik ?? row.nik_lookup,
      trackingCode: row.tracking_code,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      dueAt: row.due_at,
      final: row.final,
      ...(row.calendar_version === null ? {} : { calendarVersion: row.calendar_version }),
      personal: body.personal,
      data: body.data,
      ...(row.facts === null || row.facts === undefined ? {} : { facts: row.facts }),
    }
  }

  /** A page of a plan, from the replica when one is configured and `fromReplica`. */
  const page = (
    operation: string,
    plan: ListPlan,
    cursorOf: (row: CaseRow) => string,
    fromReplica: boolean,
  ) =>
    session.tx(
      operation,
      async (q) => {
        const { rows } = await q<CaseRow>(plan.sql, plan.params)
        const items = rows.slice(0, plan.limit)
        const last = items.at(-1)
        return {
          items: items.map(toCase),
          nextCursor: rows.length > plan.limit && last ? cursorOf(last) : null,
        }
      },
      { replica: fromReplica },
    )

  const nik = (value: string) => cols.lookups('nik', value)
  const cursorOf = (plan: ListPlan) => (r: CaseRow) =>
    plan.order === 'due' ? cursors.encode('d', [Number(r.due_ms), r.id]) : cursors.encode('i', [r.id])

  const store: PostgresStore = {
    id: storeId,
    capabilities: { durable: true, encryption: sealer !== undefined, inCommit: true, calendarIndex: true },
    schema: o.schema,
    officeCode: o.officeCode,
    schemaVersion: db.version,

    load: (caseId) =>
      session.read('load', async (q) => {
        const { rows } = await q<CaseRow>(`SELECT * FROM ${t}.ak1_cases WHERE id = $1`, [caseId])
        return rows[0] ? toCase(rows[0]) : null
      }),

    commit: (input) => session.tx('commit', (q) => writeCommit(q, t, cols, input)),

    getCommand: (commandId, scope = '') =>
      session.read('getCommand', async (q) => {
        const { rows } = await q<{
          scope: string
          id: string
          aggregate_id: string
          aggregate_kind: string
          result: Buffer
          at: string
        }>(
          `SELECT scope, id, aggregate_id, aggregate_kind, result, at FROM ${t}.ak1_commands WHERE scope = $1 AND id = $2`,
          [scope, commandId],
        )
        const row = rows[0]
        if (!row) return null
        const record: CommandRecord = {
          id: row.id,
          scope: row.scope,
          caseId: row.aggregate_id,
          ...(row.aggregate_kind === 'case' ? {} : { aggregateKind: row.aggregate_kind }),
          result: readCommandResult(cols, row),
          at: row.at,
        }
        return record
      }),

    timeline: (caseId) =>
      session.read('timeline', async (q) => {
        const { rows } = await q<{ seq: number; entry: Buffer }>(
          `SELECT seq, entry FROM ${t}.ak1_audit WHERE aggregate_id = $1 ORDER BY seq`,
          [caseId],
        )
        return rows.map((r) => cols.readJson<AuditEntry>(r.entry, `audit:${caseId}:${r.seq}`))
      }),

    list: async (query) => {
      const plan = planList(t, query, nik)
      // A user looking up their own case reads it from the primary, as just committed.
      const own = query.trackingCode !== undefined || query.applicantNik !== undefined
      return page('list', plan, cursorOf(plan), !own)
    },

    listByCalendarVersion: async (query) =>
      page(
        'listByCalendarVersion',
        planCalendarList(t, query),
        (r) => cursors.encode('c', [r.calendar_version, r.id]),
        false,
      ),

    async *streamCases(query) {
      const { batchSize, ...filters } = query
      let cursor: string | undefined
      do {
        const plan = planList(t, { ...filters, limit: batchSize ?? 200, ...(cursor ? { cursor } : {}) }, nik)
        const result = await page('streamCases', plan, cursorOf(plan), true)
        yield* result.items
        cursor = result.nextCursor ?? undefined
      } while (cursor)
    },

    streamCaseFacts: createFactsStream(session, t, replicaPool !== undefined),

    ...createRecordReads(session, t, cols, replicaPool !== undefined),

    currentSequence: (name, scope) =>
      session.read('currentSequence', async (q) => {
        const { rows } = await q<{ value: string }>(
          `SELECT value FROM ${t}.ak1_sequences WHERE name = $1 AND scope = $2`,
          [name, scope],
        )
        return Number(rows[0]?.value ?? 0)
      }),

    ...queue,

    putAttachment: (a) =>
      session.tx('putAttachment', async (q) => {
        // Stored once per sha256, whichever key looked it up.
        const lookups = cols.lookups('sha256', a.sha256)
        const found = await q(
          `SELECT 1 FROM ${t}.ak1_attachments WHERE office_code = $1 AND lookup = ANY($2::text[])`,
          [attachmentOffice, lookups],
        )
        if (found.rowCount) return
        const lookup = cols.lookup('sha256', a.sha256)
        const bytes = Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength)
        await q(
          `INSERT INTO ${t}.ak1_attachments (office_code, lookup, content_type, size, bytes) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [
            attachmentOffice,
            lookup,
            a.contentType,
            a.size,
            sealer ? sealer.seal(bytes, `attachment:${lookup}`) : bytes,
          ],
        )
      }),

    getAttachment: (sha256) =>
      session.read('getAttachment', async (q) => {
        const { rows } = await q<{ lookup: string; content_type: string; size: number; bytes: Buffer }>(
          `SELECT lookup, content_type, size, bytes FROM ${t}.ak1_attachments WHERE office_code = $1 AND lookup = ANY($2::text[])`,
          [attachmentOffice, cols.lookups('sha256', sha256)],
        )
        const row = rows[0]
        if (!row) return null
        let bytes: Buffer
        try {
          bytes = sealer ? sealer.open(row.bytes, `attachment:${row.lookup}`) : row.bytes
        } catch (error) {
          throw new AdapterError(`Lampiran ${sha256} tidak dapat dibuka.`, {
            messageEn: `Attachment ${sha256} cannot be opened.`,
            adapterId: storeId,
            operation: 'getAttachment',
            retryable: false,
            cause: error,
          })
        }
        const record: AttachmentRecord = {
          sha256,
          contentType: row.content_type,
          size: row.size,
          bytes: new Uint8Array(bytes),
        }
        return record
      }),

    importAggregate: (snapshot) => session.tx('importAggregate', (q) => importSnapshot(q, t, cols, snapshot)),

    importSequence: (name, scope, officeCode, value) =>
      session.tx('importSequence', async (q) => {
        await q(
          `INSERT INTO ${t}.ak1_sequences (name, scope, office_code, value) VALUES ($1, $2, $3, $4)
           ON CONFLICT (name, scope) DO UPDATE SET value = GREATEST(${t}.ak1_sequences.value, excluded.value)`,
          [name, scope, officeCode, value],
        )
      }),

    forOffice: (officeCode) => ({
      ...store,
      claimOutbox: (claim) => store.claimOutbox({ ...claim, officeCode }),
      claimDue: (claim) => store.claimDue({ ...claim, officeCode }),
    }),

    close: async () => {
      if (session.closed) return
      session.closed = true
      try {
        if (ownedReplica) await replicaPool?.end()
        await db.close()
      } catch (error) {
        throw storeFailure(storeId, 'close', error)
      }
    },
  }
  return store
}
