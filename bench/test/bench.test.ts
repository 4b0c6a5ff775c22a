import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Runs the real bench once at its tiny size against the built packages, so it cannot rot. The
// figures of a tiny run mean nothing; only their presence and shape are checked, never timings.
const runMjs = fileURLToPath(new URL('../run.mjs', import.meta.url))
const numericKeys = [
  'ratios.engineVsRawSqlite',
  'ratios.engineVsBpmnEngine',
  'ratios.calendarVsDateFns',
  'latency.overdueP99Ms',
  'latency.worklistP99Ms',
  'latency.timelineP99Ms',
  'memory.rssGrowthMb',
  'memory.reportRssGrowthMb',
  'memory.reportPeakRssRatio',
  'figures.memoryStore.ratios.submitMs',
  'figures.memoryStore.ratios.listPageMs',
  'figures.memoryStore.ratios.overduePageMs',
  // The PostgreSQL section (CI installs PostgreSQL; without it the section says why it skipped).
  'ratios.engineVsRawPg',
  'latency.pgListP99Ms',
  'latency.pgReportP99Ms',
]

const pick = (value: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      value,
    )

describe('npm run bench (tiny run)', () => {
  let dir: string
  let results: Record<string, unknown>
  let stdout: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ak1-bench-'))
    const run = await promisify(execFile)(process.execPath, [runMjs, '--tiny', '--out', dir], {
      env: { ...process.env, AK1_BENCH_TMP: dir },
      maxBuffer: 4 << 20,
    })
    stdout = run.stdout
    results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'))
  })

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it.each(numericKeys)('results.json has %s as a finite number', (key) => {
    const value = pick(results, key)
    expect(typeof value).toBe('number')
    expect(Number.isFinite(value)).toBe(true)
  })

  it("the PostgreSQL fill copies every case's report facts (a report reads the facts column, not whole cases)", () => {
    expect(pick(results, 'figures.postgres.cases')).toEqual(expect.any(Number))
    expect(pick(results, 'figures.postgres.casesWithoutFacts')).toBe(0)
  })

  it('ratios and latencies are positive, and the run says it is not the full run', () => {
    for (const key of numericKeys.filter((k) => !k.startsWith('memory.'))) {
      expect(pick(results, key)).toBeGreaterThan(0)
    }
    expect(results.quick).toBe(true)
  })

  it('names the machine: CPU model, cores and Node version', () => {
    expect(pick(results, 'machine.cpuModel')).toEqual(expect.any(String))
    expect(pick(results, 'machine.cores')).toBeGreaterThanOrEqual(1)
    expect(pick(results, 'machine.node')).toBe(process.version)
  })

  it('prints the table with every measure and its target', () => {
    for (const label of [
      'raw SQLite',
      'bpmn-engine',
      'addWorkingDays',
      'overdue',
      'worklist',
      'timeline',
      'RSS',
      'engine on PostgreSQL vs raw pg',
    ]) {
      expect(stdout).toContain(label)
    }
    expect(stdout).toContain('tiny run')
  })
})
