// Runs in its own process: fills a memory store with generated cases up to each checkpoint (store
// rows committed in bulk, every final state and open), then times submits, list pages and overdue
// pages through the real service at that size. Prints the checkpoints as JSON on stdout.
import { PerformanceObserver } from 'node:perf_hooks'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createMemoryStore, generateReportCases, sampleApplication } from '@ak1/core/testing'

const checkpoints = process.argv.slice(2).map(Number)
const store = createMemoryStore()
let now = Date.parse('2026-01-05T02:00:00.000Z')
const clock = { now: () => new Date(now) }
const service = createAk1Service({ standard: balongbendo, store, clock, sipraja: false })
const petugas = { id: 'petugas-1', role: 'petugas' }
const SUBMITS = 300
const PAGES = 20

const seed = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
const template = await store.load(seed.id)

// Time spent in garbage collection: a heap of 100,000 cases makes every major collection longer,
// which is the heap's size, not the store's work per command; it is reported beside the total.
let gcMs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
}).observe({ entryTypes: ['gc'] })

/** Milliseconds per call of `fn` over `n` calls (after two untimed ones), and of that in GC. */
async function perCall(n, fn) {
  for (let i = 0; i < 2; i++) await fn(i)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const gcBefore = gcMs
  const started = performance.now()
  for (let i = 0; i < n; i++) await fn(i)
  const ms = (performance.now() - started) / n
  // GC entries are delivered asynchronously: let them arrive before reading the sum.
  await new Promise((resolve) => setTimeout(resolve, 50))
  last.gc = (gcMs - gcBefore) / n
  return ms
}
const last = { gc: 0 }

/** Milliseconds per page over `pages` pages of a list, following the cursor (restarting at the end). */
async function perPage(query) {
  let cursor
  return perCall(PAGES, async () => {
    const page = await service.list({ ...query, limit: 50, ...(cursor ? { cursor } : {}) })
    cursor = page.nextCursor ?? undefined
  })
}

const out = { checkpoints: [] }
let have = 0
for (const [i, target] of checkpoints.entries()) {
  const cases = generateReportCases({
    standard: balongbendo,
    template,
    count: target - have,
    from: '2026-01-05',
    days: 150,
    prefix: String.fromCharCode(71 + i),
    seed: 71 + i,
  })
  let n = have
  for (const g of cases) {
    // Each generated case its own applicant in the NIK index, as in an office (the personal data
    // copied from the template is not read by any query).
    const applicantNik = `35${String(n++).padStart(14, '0')}`
    await store.commit({ case: { ...g.stored, applicantNik }, expectedVersion: null, audit: [], outbox: [] })
  }
  // Measured after a full collection, so one size does not pay for the garbage of filling it.
  globalThis.gc?.()
  have = target
  now = Date.parse('2026-06-01T02:00:00.000Z') + i * 86_400_000
  const submitMs = await perCall(SUBMITS, async () => {
    now += 60_000
    await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
  })
  const submitGcMs = last.gc
  const listPageMs = await perPage({})
  const listPageGcMs = last.gc
  const overduePageMs = await perPage({ overdue: true })
  const overduePageGcMs = last.gc
  const overdue = (await service.list({ overdue: true, limit: 50 })).items.length
  out.checkpoints.push({
    cases: target,
    submitMs,
    listPageMs,
    overduePageMs,
    // Without the time spent in GC.
    submitNoGcMs: submitMs - submitGcMs,
    listPageNoGcMs: listPageMs - listPageGcMs,
    overduePageNoGcMs: overduePageMs - overduePageGcMs,
    overdueOnFirstPage: overdue,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  })
}
await store.close()
process.stdout.write(JSON.stringify(out))
