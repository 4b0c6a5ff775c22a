#!/usr/bin/env node
// Moves one office from its SQLite file into the shared PostgreSQL schema, then verifies the move:
// every case and record, audit entry, due row, outbox row and command id compared with the file, and every
// audit chain verified. Prints one JSON summary; exits 1 when anything differs.
//
// Usage: ak1-pg-import --sqlite <file> --office <code> --postgres <url> [--schema ak1] [--plaintext]
// Keys: AK1_SQLITE_KEY (the file's key) and AK1_PG_KEY (the schema's key), unless --plaintext.

import { isDeepStrictEqual, parseArgs } from 'node:util'
import { createPostgresStore } from '@ak1/adapter-postgres'
import { verifyAuditChain } from '@ak1/core'
import pg from 'pg'

// Reading the SQLite file needs the SQLite adapter and its driver: optional peer dependencies of this
// package, installed beside it only by those who move an office over.
const missing = []
const optional = async (name) => {
  try {
    return await import(name)
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'MODULE_NOT_FOUND') throw error
    missing.push(name)
    return null
  }
}
const sqliteAdapter = await optional('@ak1/adapter-sqlite')
const sqliteDriver = await optional('better-sqlite3')
if (missing.length) {
  process.stderr.write(
    `ak1-pg-import memerlukan ${missing.join(' dan ')}, yang belum terpasang. Pasang dengan: npm install @ak1/adapter-sqlite better-sqlite3\n` +
      `(ak1-pg-import needs ${missing.join(' and ')}, not installed. Install with: npm install @ak1/adapter-sqlite better-sqlite3)\n`,
  )
  process.exit(2)
}
const { createSqliteStore } = sqliteAdapter
const Database = sqliteDriver.default

const { values: args } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    office: { type: 'string' },
    postgres: { type: 'string' },
    schema: { type: 'string', default: 'ak1' },
    plaintext: { type: 'boolean', default: false },
  },
})
if (!args.sqlite || !args.office || !args.postgres) {
  process.stderr.write(
    'pakai: ak1-pg-import --sqlite <berkas> --office <kode> --postgres <url> [--schema ak1] [--plaintext]\n',
  )
  process.exit(2)
}
const protection = (key) => (args.plaintext ? { plaintext: true } : { encryptionKey: process.env[key] })
const source = createSqliteStore({ filename: args.sqlite, ...protection('AK1_SQLITE_KEY') })
const target = await createPostgresStore({
  connectionString: args.postgres,
  schema: args.schema,
  ...protection('AK1_PG_KEY'),
})
const raw = new Database(args.sqlite, { readonly: true })
const office = args.office

const dueOf = (id) =>
  raw
    .prepare(
      'SELECT id, case_id, aggregate_kind, office_code, kind, due_at, status, lease_owner, lease_until FROM ak1_due WHERE case_id = ? ORDER BY id',
    )
    .all(id)
    .map((r) => ({
      id: r.id,
      caseId: r.case_id,
      aggregateKind: r.aggregate_kind,
      officeCode: r.office_code,
      kind: r.kind,
      dueAt: r.due_at,
      status: r.status,
      leaseOwner: r.lease_owner,
      leaseUntil: r.lease_until,
    }))

// The command ids of an aggregate, each with its result opened by the SQLite store (its own binding).
const commandsOf = async (id) => {
  const keys = raw.prepare('SELECT scope, id FROM ak1_commands WHERE case_id = ? ORDER BY scope, id').all(id)
  const commands = []
  for (const k of keys) commands.push(await source.getCommand(k.id, k.scope))
  return commands
}

async function* aggregates() {
  for await (const c of source.streamCases({ officeCode: office })) yield { case: c, id: c.id }
  const kinds = raw.prepare('SELECT DISTINCT kind FROM ak1_records WHERE office_code = ?').pluck().all(office)
  for (const kind of kinds)
    for await (const r of source.streamRecords({ officeCode: office, kind })) yield { record: r, id: r.id }
}

const summary = {
  office,
  cases: 0,
  records: 0,
  auditEntries: 0,
  outboxRows: 0,
  dueRows: 0,
  commands: 0,
  sequences: 0,
  problems: [],
}
const moved = []
for await (const a of aggregates()) {
  const snapshot = {
    ...a,
    audit: await source.timeline(a.id),
    outbox: await source.listOutbox(a.id),
    due: dueOf(a.id),
    commands: await commandsOf(a.id),
  }
  await target.importAggregate(snapshot)
  moved.push(snapshot)
  if (a.case) summary.cases++
  else summary.records++
  summary.auditEntries += snapshot.audit.length
  summary.outboxRows += snapshot.outbox.length
  summary.dueRows += snapshot.due.length
  summary.commands += snapshot.commands.length
}
const sequences = raw
  .prepare("SELECT name, scope, value FROM ak1_sequences WHERE scope = ? OR scope LIKE ? || ':%'")
  .all(office, office)
for (const s of sequences) await target.importSequence(s.name, s.scope, office, s.value)
summary.sequences = sequences.length

// Verification: read everything back from PostgreSQL and compare with what the file holds.
const db = new pg.Client({ connectionString: args.postgres })
await db.connect()
for (const s of moved) {
  const problem = (what) => summary.problems.push(`${s.id}: ${what}`)
  const loaded = s.case ? await target.load(s.id) : await target.loadRecord(s.record.kind, s.id)
  if (!isDeepStrictEqual(loaded, s.case ?? s.record)) problem('differs')
  const trail = await target.timeline(s.id)
  if (!isDeepStrictEqual(trail, s.audit)) problem('audit entries differ')
  if (!verifyAuditChain(trail).ok) problem('audit chain does not verify')
  if (!isDeepStrictEqual(await target.listOutbox(s.id), s.outbox)) problem('outbox rows differ')
  const { rows } = await db.query(
    `SELECT id, aggregate_id AS "caseId", aggregate_kind AS "aggregateKind", office_code AS "officeCode", kind,
       due_at AS "dueAt", status, lease_owner AS "leaseOwner", lease_until AS "leaseUntil"
     FROM ${JSON.stringify(args.schema)}.ak1_due WHERE aggregate_id = $1 ORDER BY id`,
    [s.id],
  )
  if (
    !isDeepStrictEqual(
      rows.map((r) => ({ ...r })),
      s.due,
    )
  )
    problem('due rows differ')
  for (const c of s.commands)
    if (!isDeepStrictEqual(await target.getCommand(c.id, c.scope), c)) problem(`command ${c.id} differs`)
}
for (const s of sequences)
  if ((await target.currentSequence(s.name, s.scope)) !== s.value)
    summary.problems.push(`sequence ${s.name} ${s.scope} differs`)
await db.end()
raw.close()
await source.close()
await target.close()
process.stdout.write(`${JSON.stringify(summary)}\n`)
process.exit(summary.problems.length ? 1 : 0)
