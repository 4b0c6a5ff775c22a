// Runs in its own process, so its peak RSS is its own. Two modes:
//   generate <file> <count> <prefix>  adds generated cases (every final state, and open) to the file
//   report <file>                     runs the service report of 2026 once; prints time and peak RSS
import { readFileSync } from 'node:fs'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { generateReportCases, sampleApplication } from '@ak1/core/testing'

/**
 * This process's peak RSS in MB. On Linux `VmHWM` of /proc/self/status, the high-water mark of this
 * process's own memory: `getrusage`'s `maxRSS` carries over the parent's peak across fork and exec, so
 * in a full run (whose parent holds the earlier sections' data) it gave the parent's figure.
 */
function peakRssMb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  } catch {}
  return process.resourceUsage().maxRSS / 1024
}

const [mode, file, countText, prefix] = process.argv.slice(2)
// A bench key: the report runs on an encrypted store, as the issue asks.
const encryptionKey = '5a'.repeat(32)
const store = createSqliteStore({ filename: file, encryptionKey, synchronous: 'NORMAL' })
const clock = { now: () => new Date('2027-01-04T02:00:00.000Z') }
const service = createAk1Service({ standard: balongbendo, store, clock, sipraja: false })
try {
  if (mode === 'generate') {
    const seed = await service.submit(sampleApplication(), {
      actor: { id: 'petugas-1', role: 'petugas' },
      channel: 'tatap_muka',
    })
    const template = await store.load(seed.id)
    const cases = generateReportCases({
      standard: balongbendo,
      template,
      count: Number(countText),
      from: '2026-01-05',
      days: 350,
      prefix,
      seed: prefix.charCodeAt(0),
    })
    for (const g of cases)
      await store.commit({ case: g.stored, expectedVersion: null, audit: [], outbox: [] })
    process.stdout.write(JSON.stringify({ generated: Number(countText) }))
  } else {
    const started = performance.now()
    const report = await service.report({ from: '2026-01-01', to: '2026-12-31' })
    const ms = performance.now() - started
    process.stdout.write(
      JSON.stringify({
        cases: report.cases.received,
        ms,
        peakRssMb: peakRssMb(),
      }),
    )
  }
} finally {
  await store.close()
}
