// Summarises a V8 .cpuprofile: top functions by self time, and self time per source file/package.
import { readFileSync } from 'node:fs'

const [file, topArg] = process.argv.slice(2)
const top = Number(topArg ?? 30)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = profile.timeDeltas
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0))
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
const fnTime = new Map()
const fileTime = new Map()
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id)
  const where = f.url ? f.url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\//, 'nm/') : ''
  const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`
  fnTime.set(key, (fnTime.get(key) ?? 0) + us)
  const pkg = where ? where.replace(/^(nm\/(@[^/]+\/)?[^/]+|packages\/[^/]+|bench).*$/, '$1') : f.functionName
  fileTime.set(pkg, (fileTime.get(pkg) ?? 0) + us)
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`)
console.log('\nself time by package / area:')
for (const [k, us] of [...fileTime].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)}  ${k}`)
console.log('\ntop functions by self time:')
for (const [k, us] of [...fnTime].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`)

// Inclusive time of our own functions (packages/*): each sample counted once per distinct frame on its stack.
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const inclusive = new Map()
for (const [id, us] of self) {
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const { callFrame: f } = byId.get(cur)
    if (!f.url.includes('/packages/')) continue
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/packages\//, '')}:${f.lineNumber + 1}`
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + us)
  }
}
console.log('\nour functions by inclusive time:')
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${pct(us)}  ${k}`)
