// Section "reports": the service report over N and 10 N generated cases on an encrypted SQLite file,
// each run in a fresh process: its time and the process's peak RSS. Memory must stay flat: the
// report streams the store's report facts (never the sealed personal data), so the peak at 10 N is
// about the peak at N. The cases are generated as store rows (same schema and codec, every final
// state and open) and committed through the store; the report runs through the real service.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { round, tempDir } from './util.mjs'

const child = fileURLToPath(new URL('./reports-child.mjs', import.meta.url))
const run = async (...args) => {
  const { stdout } = await promisify(execFile)(process.execPath, [child, ...args], {
    maxBuffer: 1 << 20,
    env: process.env,
  })
  return JSON.parse(stdout)
}

/** `size.reportCases`: the two case counts, e.g. [10_000, 100_000]. */
export async function runReports(size) {
  const tmp = tempDir('reports')
  const file = tmp.file('reports.sqlite')
  try {
    const checkpoints = []
    let have = 0
    for (const [i, target] of size.reportCases.entries()) {
      await run('generate', file, String(target - have), String.fromCharCode(71 + i))
      have = target
      const r = await run('report', file)
      checkpoints.push({ cases: r.cases, ms: round(r.ms, 0), peakRssMb: round(r.peakRssMb, 1) })
    }
    const [a, b] = checkpoints
    return {
      reportRssGrowthMb: round(b.peakRssMb - a.peakRssMb, 1),
      // Flat: the peak at the larger size over the peak at the smaller (target <= 1.3).
      reportPeakRssRatio: round(b.peakRssMb / a.peakRssMb, 2),
      figures: {
        checkpoints,
        msPer1000Cases: round((b.ms / b.cases) * 1000, 1),
        // Time per case at the larger size over the smaller: near 1 when the report is linear.
        msPerCaseRatio: round(b.ms / b.cases / (a.ms / a.cases), 2),
      },
    }
  } finally {
    tmp.cleanup()
  }
}
