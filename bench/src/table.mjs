// The terminal table (also pasted into bench/RESULTS.md): one row per measure, with its target.
import { reportRows } from './table-reports.mjs'

const fmt = (value, digits = 0) =>
  typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a'
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT MET')

/** Rows of [measure, @ak1, baseline, ratio or figure, target, verdict]. */
function tableRows(results) {
  const { ratios = {}, latency = {}, memory = {}, figures = {} } = results
  const e2e = figures.e2e ?? {}
  const cal = figures.calendar ?? {}
  const q = figures.queries ?? {}
  const mem = figures.memory ?? {}
  const rows = []
  const ok = (value, test) => (typeof value === 'number' && Number.isFinite(value) ? test(value) : undefined)
  rows.push([
    'end to end, engine vs raw SQLite',
    `${fmt(e2e.engineCommandsPerSecond)} cmd/s`,
    `${fmt(e2e.rawTransactionsPerSecond)} tx/s`,
    fmt(ratios.engineVsRawSqlite, 2),
    '>= 0.25',
    verdict(ok(ratios.engineVsRawSqlite, (v) => v >= 0.25)),
  ])
  rows.push([
    '  the store alone vs raw',
    `${fmt(e2e.storeAloneCommitsPerSecond)} commit/s`,
    `${fmt(e2e.rawTransactionsPerSecond)} tx/s`,
    fmt(e2e.storeAloneVsRawSqlite, 2),
    '>= 0.5',
    verdict(ok(e2e.storeAloneVsRawSqlite, (v) => v >= 0.5)),
  ])
  rows.push([
    "  the store's SQL alone vs raw (its floor)",
    `${fmt(e2e.storeSqlCommitsPerSecond)} commit/s`,
    `${fmt(e2e.storeSqlRawTransactionsPerSecond)} tx/s`,
    fmt(e2e.storeSqlVsRawSqlite, 2),
    '(diagnostic)',
    '',
  ])
  rows.push([
    '  WAL pages per transaction, store vs raw',
    fmt(e2e.walPagesPerTransaction?.storeAlone, 1),
    fmt(e2e.walPagesPerTransaction?.raw, 1),
    '',
    '(diagnostic)',
    '',
  ])
  rows.push([
    'end to end, engine vs bpmn-engine',
    `${fmt(e2e.engineCommandsPerSecond)} cmd/s`,
    `${fmt(e2e.bpmnEngine?.stepsPerSecond, 1)} steps/s`,
    fmt(ratios.engineVsBpmnEngine, 1),
    '>= 40',
    verdict(ok(ratios.engineVsBpmnEngine, (v) => v >= 40)),
  ])
  rows.push([
    'addWorkingDays vs date-fns loop',
    `${fmt(cal.calendarOpsPerSecond)} ops/s`,
    `${fmt(cal.dateFnsOpsPerSecond)} ops/s`,
    fmt(ratios.calendarVsDateFns, 0),
    '>= 50',
    verdict(ok(ratios.calendarVsDateFns, (v) => v >= 50)),
  ])
  const cases = q.cases ? `${fmt(q.cases)} cases` : ''
  rows.push([
    `overdue list, first 50 (${cases})`,
    `p50 ${fmt(q.overdue?.p50Ms, 3)} ms`,
    '',
    `p99 ${fmt(latency.overdueP99Ms, 3)} ms`,
    'p99 < 10 ms',
    verdict(ok(latency.overdueP99Ms, (v) => v < 10)),
  ])
  rows.push([
    `worklist of a role, first 50 (${cases})`,
    `p50 ${fmt(q.worklist?.p50Ms, 3)} ms`,
    '',
    `p99 ${fmt(latency.worklistP99Ms, 3)} ms`,
    'p99 < 10 ms',
    verdict(ok(latency.worklistP99Ms, (v) => v < 10)),
  ])
  rows.push([
    `case timeline (${cases})`,
    `p50 ${fmt(q.timeline?.p50Ms, 3)} ms`,
    '',
    `p99 ${fmt(latency.timelineP99Ms, 3)} ms`,
    'p99 < 2 ms',
    verdict(ok(latency.timelineP99Ms, (v) => v < 2)),
  ])
  const [a, b] = mem.checkpoints ?? []
  rows.push([
    a && b ? `RSS growth, ${fmt(a.cases)} -> ${fmt(b.cases)} cases` : 'RSS growth',
    a && b ? `${fmt(a.rssMb, 1)} -> ${fmt(b.rssMb, 1)} MB` : '',
    '',
    `${fmt(memory.rssGrowthMb, 1)} MB`,
    '< 50 MB',
    verdict(ok(memory.rssGrowthMb, (v) => v < 50)),
  ])
  rows.push(...reportRows(results))
  return [...rows, ...postgresRows(results)]
}

/** The PostgreSQL section's rows (issue 21 sets no target: figures for the closing note). */
function postgresRows({ ratios = {}, latency = {}, figures = {} }) {
  const pgf = figures.postgres
  if (!pgf) return []
  if (pgf.skipped) return [['PostgreSQL section', 'skipped', '', '', pgf.skipped, '']]
  const cases = `${fmt(pgf.offices)} offices x ${fmt(pgf.casesPerOffice)} cases`
  return [
    [
      'end to end, engine on PostgreSQL vs raw pg',
      `${fmt(pgf.engineCommandsPerSecond)} cmd/s`,
      `${fmt(pgf.rawTransactionsPerSecond)} tx/s`,
      fmt(ratios.engineVsRawPg, 2),
      '(figure)',
      '',
    ],
    [
      `list of an office, 50 a page (${cases})`,
      `p50 ${fmt(latency.pgListP50Ms, 3)} ms`,
      '',
      `p99 ${fmt(latency.pgListP99Ms, 3)} ms`,
      '(figure)',
      '',
    ],
    [
      `report of an office for 2026 (${cases})`,
      `p50 ${fmt(latency.pgReportP50Ms)} ms`,
      '',
      `p99 ${fmt(latency.pgReportP99Ms)} ms`,
      '(figure)',
      '',
    ],
  ]
}

/** The results as a Markdown table with the machine and mode under it. */
export function renderTable(results) {
  const header = ['measure', '@ak1', 'baseline', 'ratio / p99', 'target', '']
  const rows = [header, ...tableRows(results)]
  const widths = header.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`
  const m = results.machine ?? {}
  const note =
    results.mode === 'full'
      ? 'full run'
      : `${results.mode} run: smaller sizes (see figures in results.json), not the published figures`
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
    '',
    `${note}; ${m.cpuModel} x ${m.cores} cores, ${m.totalMemoryMb} MB, Node ${m.node}, ${m.platform};` +
      ` load average ${m.loadAverageAtStart?.join(' ')} at start, ${m.loadAverageAtEnd?.join(' ')} at end;` +
      ` ${results.durationSeconds} s`,
  ].join('\n')
}
