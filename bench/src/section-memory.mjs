// Section 5: RSS after two numbers of completed cases in one fresh process (with --expose-gc).
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { round } from './util.mjs'

export async function runMemory(size) {
  const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', child, ...size.memoryCases.map(String)],
    { maxBuffer: 1 << 20, env: process.env },
  )
  const out = JSON.parse(stdout)
  const [a, b] = out.checkpoints
  return {
    rssGrowthMb: round(b.rssMb - a.rssMb, 1),
    figures: {
      gcExposed: out.gcExposed,
      checkpoints: out.checkpoints.map((c) => ({
        cases: c.cases,
        rssMb: round(c.rssMb, 1),
        heapUsedMb: round(c.heapUsedMb, 1),
      })),
    },
  }
}
