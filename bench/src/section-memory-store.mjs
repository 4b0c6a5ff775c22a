// Section "memory-store": the in-memory store (the demo's and every embedder's first store) at N and
// 10 N cases: a submit, a page of the case list and a page of the overdue list through the service,
// each in milliseconds per call at both sizes, and their ratio (flat: near 1). No timing is asserted.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { round } from './util.mjs'

const keys = [
  'submitMs',
  'listPageMs',
  'overduePageMs',
  'submitNoGcMs',
  'listPageNoGcMs',
  'overduePageNoGcMs',
]

/** `size.memoryStoreCases`: the two case counts, e.g. [10_000, 100_000]. */
export async function runMemoryStore(size) {
  const child = fileURLToPath(new URL('./memory-store-child.mjs', import.meta.url))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', child, ...size.memoryStoreCases.map(String)],
    { maxBuffer: 1 << 20, env: process.env },
  )
  const { checkpoints } = JSON.parse(stdout)
  const [a, b] = checkpoints
  return {
    figures: {
      checkpoints: checkpoints.map((c) => ({
        cases: c.cases,
        ...Object.fromEntries(keys.map((k) => [k, round(c[k], 3)])),
        overdueOnFirstPage: c.overdueOnFirstPage,
        rssMb: round(c.rssMb, 0),
      })),
      ratios: Object.fromEntries(keys.map((k) => [k, round(b[k] / a[k], 2)])),
    },
  }
}
