// Section "postgres": the engine on PostgreSQL against raw `pg` doing the same number of
// transactions, and the list and report latency over many offices of one kabupaten schema. It starts
// a throwaway cluster the way the adapter's tests do (initdb into a temporary folder, a free loopback
// port) and skips itself, with the reason, when PostgreSQL is not installed.
import { createPostgresStore } from '@ak1/adapter-postgres'
import { balongbendo, createAk1Service } from '@ak1/core'
import { generateReportCases } from '@ak1/core/testing'
import pg from 'pg'
import { startCluster } from '../../packages/adapter-postgres/test/support/cluster.mjs'
import { sidoarjoOffices } from '../../packages/adapter-postgres/test/support/sidoarjo.mjs'
import { actors, applicationFor, commandsPerCase, planEvents, runCases } from './e2e.mjs'
import { rawEventBytes } from './raw-sqlite.mjs'
import { median, percentile, round } from './util.mjs'

const standardOf = (code) => ({
  ...balongbendo,
  office: { ...balongbendo.office, code, name: `Kecamatan ${code}` },
})
const clock = { now: () => new Date('2027-01-04T02:00:00.000Z') }
const eventBody = 'x'.repeat(rawEventBytes)

/** Raw `pg`: cases made before the clock, then per command one transaction of an insert and a checked update. */
async function runRawPg(url, schema, cases) {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    await db.query(`CREATE SCHEMA ${schema}`)
    await db.query(`CREATE TABLE ${schema}.cases (id text PRIMARY KEY, version integer NOT NULL, state text NOT NULL, updated_at text NOT NULL);
      CREATE TABLE ${schema}.events (case_id text NOT NULL, seq integer NOT NULL, at text NOT NULL, body text NOT NULL, PRIMARY KEY (case_id, seq))`)
    await db.query(
      `INSERT INTO ${schema}.cases SELECT 'case-' || lpad(g::text, 8, '0'), 0, 'new', $1 FROM generate_series(1, $2) g`,
      [new Date(0).toISOString(), cases],
    )
    const start = performance.now()
    for (let s = 1; s <= commandsPerCase; s++)
      for (let c = 1; c <= cases; c++) {
        const id = `case-${String(c).padStart(8, '0')}`
        const at = new Date().toISOString()
        await db.query('BEGIN')
        await db.query(`INSERT INTO ${schema}.events (case_id, seq, at, body) VALUES ($1, $2, $3, $4)`, [
          id,
          s,
          at,
          eventBody,
        ])
        const r = await db.query(
          `UPDATE ${schema}.cases SET version = $1, state = 'step', updated_at = $2 WHERE id = $3 AND version = $4`,
          [s, at, id, s - 1],
        )
        if (r.rowCount !== 1) throw new Error('raw pg baseline: lost update')
        await db.query('COMMIT')
      }
    const ms = performance.now() - start
    return { transactions: cases * commandsPerCase, perSecond: (cases * commandsPerCase * 1000) / ms }
  } finally {
    await db.end()
  }
}

/** Engine on PostgreSQL against raw `pg`, in rounds; the ratio is the median of the rounds' ratios. */
async function engineVsRaw(url, size) {
  const rounds = []
  for (let r = 0; r < size.pgRounds; r++) {
    const store = await createPostgresStore({ connectionString: url, schema: `engine_${r}`, plaintext: true })
    let engine
    try {
      const service = createAk1Service({ standard: balongbendo, store, sipraja: false })
      const events = await planEvents(service)
      // Warm-up (JIT, the pool's connections), then the measured cases.
      await runCases(service, events, { cases: Math.max(2, Math.floor(size.pgE2eCases / 10)), offset: 1 })
      engine = await runCases(service, events, { cases: size.pgE2eCases, offset: 100_000 })
    } finally {
      await store.close()
    }
    const raw = await runRawPg(url, `raw_${r}`, size.pgE2eCases)
    rounds.push({ engine: engine.perSecond, raw: raw.perSecond, ratio: engine.perSecond / raw.perSecond })
  }
  return {
    ratio: round(median(rounds.map((x) => x.ratio)), 3),
    engineCommandsPerSecond: round(median(rounds.map((x) => x.engine)), 0),
    rawTransactionsPerSecond: round(median(rounds.map((x) => x.raw)), 0),
    rounds: rounds.map((x) => ({
      engine: round(x.engine, 0),
      raw: round(x.raw, 0),
      ratio: round(x.ratio, 3),
    })),
  }
}

/**
 * Fills the kabupaten schema: per office `pgTemplates` generated cases committed through the store
 * (so through its schema and codec), then copied in SQL (INSERT ... SELECT generate_series) with new
 * ids and tracking codes (and the template's report facts) up to `pgCasesPerOffice`. The store is in clear (`plaintext`): a sealed
 * body is bound to its row id and cannot be copied in SQL.
 */
async function fill(url, schema, size) {
  const store = await createPostgresStore({ connectionString: url, schema, plaintext: true })
  const offices = sidoarjoOffices.slice(0, size.pgOffices)
  try {
    for (const [i, office] of offices.entries()) {
      const service = createAk1Service({ standard: standardOf(office), store, clock, sipraja: false })
      const seed = await service.submit(applicationFor(i), { actor: actors.petugas, channel: 'tatap_muka' })
      const template = await store.load(seed.id)
      const generated = generateReportCases({
        standard: standardOf(office),
        template,
        count: size.pgTemplates,
        from: '2026-01-05',
        days: 350,
        prefix: `${office}-`,
        seed: i + 1,
      })
      for (const g of generated)
        await store.commit({ case: g.stored, expectedVersion: null, audit: [], outbox: [] })
    }
  } finally {
    await store.close()
  }
  const copies = Math.ceil(size.pgCasesPerOffice / size.pgTemplates) - 1
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    for (const office of offices) {
      await db.query(
        `WITH src AS (SELECT * FROM ${schema}.ak1_cases WHERE office_code = $1 AND id LIKE $1 || '-%'),
         agg AS (INSERT INTO ${schema}.ak1_aggregates (id, kind, office_code)
           SELECT src.id || '.' || g, 'case', src.office_code FROM src, generate_series(1, $2) g)
         INSERT INTO ${schema}.ak1_cases (id, office_code, version, state, awaiting, channel, tracking_code, nik_lookup,
           created_at, created_ms, updated_at, due_at, due_ms, final, incidents, calendar_version, body, facts)
         SELECT id || '.' || g, office_code, version, state, awaiting, channel, tracking_code || '.' || g, nik_lookup,
           created_at, created_ms, updated_at, due_at, due_ms, final, incidents, calendar_version, body, facts
         FROM src, generate_series(1, $2) g`,
        [office, copies],
      )
    }
    await db.query(`VACUUM ANALYZE ${schema}.ak1_cases`)
    // Copies carry their template's report facts, so a report reads the facts column as it does on a
    // real schema; a case without them would be read whole (the path of cases from before facts).
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE facts IS NULL))::int AS "withoutFacts" FROM ${schema}.ak1_cases`,
    )
    return { offices, cases: rows[0].n, casesWithoutFacts: rows[0].withoutFacts }
  } finally {
    await db.end()
  }
}

/** Lists through the service (first pages and the next ones), and each office's report of 2026. */
async function latencies(url, schema, offices, size) {
  const store = await createPostgresStore({ connectionString: url, schema, plaintext: true })
  try {
    const services = offices.map((office) =>
      createAk1Service({ standard: standardOf(office), store, clock, sipraja: false }),
    )
    const filters = [
      {},
      { final: false },
      { state: 'verifikasi' },
      { awaiting: 'operator' },
      { overdue: true },
    ]
    const lists = []
    for (let i = 0; lists.length < size.pgListSamples; i++) {
      const service = services[i % services.length]
      const filter = filters[i % filters.length]
      let t = performance.now()
      const page = await service.list({ ...filter, limit: 50 })
      lists.push(performance.now() - t)
      if (page.nextCursor && lists.length < size.pgListSamples) {
        t = performance.now()
        await service.list({ ...filter, limit: 50, cursor: page.nextCursor })
        lists.push(performance.now() - t)
      }
    }
    const reports = []
    let reported = 0
    for (const service of services) {
      const t = performance.now()
      const report = await service.report({ from: '2026-01-01', to: '2026-12-31' })
      reports.push(performance.now() - t)
      reported += report.cases.received
    }
    return { lists, reports, reported }
  } finally {
    await store.close()
  }
}

/** `size`: pgE2eCases, pgRounds, pgOffices, pgCasesPerOffice, pgTemplates, pgListSamples. */
export async function runPostgres(size) {
  let cluster
  try {
    cluster = await startCluster()
  } catch (error) {
    return { skipped: `PostgreSQL is not available: ${String(error?.message ?? error).split('\n')[0]}` }
  }
  try {
    const url = cluster.url()
    const e2e = await engineVsRaw(url, size)
    const t = performance.now()
    const filled = await fill(url, 'kabupaten', size)
    const fillSeconds = (performance.now() - t) / 1000
    const { lists, reports, reported } = await latencies(url, 'kabupaten', filled.offices, size)
    return {
      engineVsRawPg: e2e.ratio,
      latency: {
        pgListP50Ms: round(percentile(lists, 50), 3),
        pgListP99Ms: round(percentile(lists, 99), 3),
        pgReportP50Ms: round(percentile(reports, 50), 0),
        pgReportP99Ms: round(percentile(reports, 99), 0),
      },
      figures: {
        ...e2e,
        offices: filled.offices.length,
        cases: filled.cases,
        casesPerOffice: Math.round(filled.cases / filled.offices.length),
        casesWithoutFacts: filled.casesWithoutFacts,
        fillSeconds: round(fillSeconds, 0),
        listSamples: lists.length,
        reportSamples: reports.length,
        reportedCases: reported,
      },
    }
  } finally {
    cluster.stop()
  }
}
