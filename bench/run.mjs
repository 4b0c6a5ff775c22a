// `npm run bench`: the @ak1 benchmarks, as ratios to baselines measured in the same run.
// Usage: node bench/run.mjs [--quick | --tiny] [--out <folder>] [--only e2e,bpmn,queries,calendar,memory,reports,memory-store,postgres]
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { benchDir, loadAverage, machine } from './src/util.mjs'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tiny: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
  },
})

/** Sizes per mode. `tiny` exists for the test suite: seconds, figures meaningless. */
const sizes = {
  full: {
    e2eCases: 1500,
    rounds: 5,
    bpmnCases: 100,
    queryCases: 1_000_000,
    querySamples: 2000,
    calendarMinMs: 1500,
    // 100,000 cases (a million engine commands) took most of an hour on a loaded machine; five
    // times the cases still shows whether memory grows with them.
    memoryCases: [2_000, 10_000],
    reportCases: [10_000, 100_000],
    memoryStoreCases: [10_000, 100_000],
    ...{
      pgE2eCases: 200,
      pgRounds: 3,
      pgOffices: 18,
      pgCasesPerOffice: 100_000,
      pgTemplates: 1000,
      pgListSamples: 1000,
    },
  },
  quick: {
    e2eCases: 400,
    rounds: 3,
    bpmnCases: 30,
    queryCases: 50_000,
    querySamples: 1000,
    calendarMinMs: 600,
    memoryCases: [500, 2_500],
    reportCases: [2_000, 20_000],
    memoryStoreCases: [2_000, 20_000],
    ...{
      pgE2eCases: 60,
      pgRounds: 2,
      pgOffices: 18,
      pgCasesPerOffice: 5_000,
      pgTemplates: 250,
      pgListSamples: 300,
    },
  },
  tiny: {
    e2eCases: 10,
    rounds: 1,
    bpmnCases: 1,
    queryCases: 2_000,
    querySamples: 50,
    calendarMinMs: 50,
    memoryCases: [50, 200],
    reportCases: [50, 500],
    memoryStoreCases: [50, 500],
    ...{ pgE2eCases: 3, pgRounds: 1, pgOffices: 2, pgCasesPerOffice: 40, pgTemplates: 20, pgListSamples: 20 },
  },
}
const mode = args.tiny ? 'tiny' : args.quick ? 'quick' : 'full'
const size = sizes[mode]
const only = args.only ? new Set(args.only.split(',')) : null
const want = (name) => !only || only.has(name)
const outDir = args.out ? path.resolve(args.out) : benchDir

const results = {
  ratios: {},
  latency: {},
  memory: {},
  machine: { ...machine(), loadAverageAtStart: loadAverage() },
  quick: mode !== 'full',
  mode,
  startedAt: new Date().toISOString(),
  figures: {},
}

const log = (line) => process.stderr.write(`${line}\n`)
const started = performance.now()
const failures = []

async function section(name, run) {
  if (!want(name)) return
  const t = performance.now()
  log(`[bench] ${name}...`)
  try {
    await run()
    log(`[bench] ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  } catch (error) {
    failures.push(name)
    log(`[bench] ${name} FAILED: ${error?.stack ?? error}`)
  }
}

await section('e2e', async () => {
  const { runE2e } = await import('./src/section-e2e.mjs')
  const r = await runE2e(size)
  results.figures.e2e = r.figures
  results.ratios.engineVsRawSqlite = r.engineVsRawSqlite
  results.ratios.engineVsBpmnEngine = r.engineVsBpmnEngine
})

await section('queries', async () => {
  const { runQueries } = await import('./src/section-queries.mjs')
  const r = await runQueries(size)
  results.figures.queries = r.figures
  Object.assign(results.latency, r.latency)
})

await section('calendar', async () => {
  const { runCalendar } = await import('./src/section-calendar.mjs')
  const r = await runCalendar(size)
  results.figures.calendar = r.figures
  results.ratios.calendarVsDateFns = r.calendarVsDateFns
})

await section('memory', async () => {
  const { runMemory } = await import('./src/section-memory.mjs')
  const r = await runMemory(size)
  results.figures.memory = r.figures
  results.memory.rssGrowthMb = r.rssGrowthMb
})

await section('reports', async () => {
  const { runReports } = await import('./src/reports.mjs')
  const r = await runReports(size)
  results.figures.reports = r.figures
  results.memory.reportRssGrowthMb = r.reportRssGrowthMb
  results.memory.reportPeakRssRatio = r.reportPeakRssRatio
})

await section('memory-store', async () => {
  const { runMemoryStore } = await import('./src/section-memory-store.mjs')
  results.figures.memoryStore = (await runMemoryStore(size)).figures
})

await section('postgres', async () => {
  const { runPostgres } = await import('./src/section-postgres.mjs')
  const r = await runPostgres(size)
  if (r.skipped) {
    log(`[bench] postgres skipped: ${r.skipped}`)
    results.figures.postgres = { skipped: r.skipped }
    return
  }
  results.figures.postgres = r.figures
  results.ratios.engineVsRawPg = r.engineVsRawPg
  Object.assign(results.latency, r.latency)
})

results.machine.loadAverageAtEnd = loadAverage()
results.durationSeconds = Math.round((performance.now() - started) / 100) / 10

const { renderTable } = await import('./src/table.mjs')
process.stdout.write(`${renderTable(results)}\n`)

mkdirSync(outDir, { recursive: true })
const file = path.join(outDir, 'results.json')
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
log(`[bench] wrote ${path.relative(process.cwd(), file) || file}`)
if (failures.length > 0) {
  log(`[bench] failed sections: ${failures.join(', ')}`)
  process.exitCode = 1
}
