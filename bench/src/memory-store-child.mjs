// Runs in its own process: fills a memory store with generated cases up to each checkpoint (store
// rows committed in bulk, every final state and open), then times submits, list pages and overdue
// pages through the real service at that size. Prints the checkpoints as JSON on stdout.
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

/** Milliseconds per call of `fn` over `n` calls, after two untimed ones. */
async function perCall(n, fn) {
  for (let i = 0; i < 2; i++) await fn(i)
  const started = performance.now()
  for (let i = 0; i < n; i++) await fn(i)
  return (performance.now() - started) / n
}

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
  const listPageMs = await perPage({})
  const overduePageMs = await perPage({ overdue: true })
  const overdue = (await service.list({ overdue: true, limit: 50 })).items.length
  out.checkpoints.push({
    cases: target,
    submitMs,
    listPageMs,
    overduePageMs,
    overdueOnFirstPage: overdue,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  })
}
await store.close()
process.stdout.write(JSON.stringify(out))
