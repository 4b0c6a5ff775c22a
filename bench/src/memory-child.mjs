// Runs in its own `node --expose-gc` process: completes cases through one service and prints the
// RSS at each checkpoint as JSON on stdout.
import { openService, planEvents, runCases } from './e2e.mjs'
import { tempDir } from './util.mjs'

const checkpoints = process.argv.slice(2).map(Number)
const tmp = tempDir('memory')
const gc = globalThis.gc ?? (() => {})
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
}
const { service, store } = openService(tmp.file('memory.sqlite'))
const out = { gcExposed: typeof globalThis.gc === 'function', checkpoints: [] }
try {
  const events = await planEvents(service)
  let done = 1
  for (const target of checkpoints) {
    while (done < target) {
      const batch = Math.min(1000, target - done)
      await runCases(service, events, { cases: batch, offset: done })
      done += batch
    }
    await settle()
    const m = process.memoryUsage()
    out.checkpoints.push({ cases: done, rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20 })
  }
} finally {
  await store.close()
  tmp.cleanup()
}
process.stdout.write(JSON.stringify(out))
