// Totals every vitest suite of the last `npm test` from turbo's task logs (<workspace>/.turbo/turbo-test.log)
// and prints one line: "N passed, N failed". A workspace with a test script but no vitest total, and a
// suite that failed before its tests ran, each count as one failure. Exits 1 when anything failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const dirs = []
for (const pattern of workspaces) {
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2)
    for (const name of readdirSync(join(root, base))) dirs.push(join(base, name))
  } else dirs.push(pattern)
}

let passed = 0
let failed = 0
const esc = String.fromCharCode(27)
const strip = (s) => s.replaceAll(new RegExp(`${esc}\\[[0-9;]*m`, 'g'), '')
for (const dir of dirs) {
  const manifest = join(root, dir, 'package.json')
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue
  const log = join(root, dir, '.turbo', 'turbo-test.log')
  const text = existsSync(log) ? strip(readFileSync(log, 'utf8')) : ''
  const totals = text.split('\n').filter((line) => /^\s*Tests\s+(\d|no tests)/.test(line))
  if (totals.length === 0) {
    console.error(`${dir}: no vitest total in ${log}`)
    failed += 1
    continue
  }
  for (const line of totals) {
    passed += Number(/(\d+) passed/.exec(line)?.[1] ?? 0)
    failed += Number(/(\d+) failed/.exec(line)?.[1] ?? 0)
  }
  // A suite whose hook or import failed fails no test (they are skipped): count it as a failure.
  for (const match of text.matchAll(/Failed Suites (\d+)/g)) failed += Number(match[1])
}
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
