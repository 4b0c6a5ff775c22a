// Profiling helper (not part of the run): completes cases through the engine on SQLite so that
// `node --cpu-prof --cpu-prof-dir=bench/.tmp/prof bench/src/profile-e2e.mjs [cases]` shows where a
// command's time goes; summarise with `node bench/src/cpuprofile-summary.mjs <file.cpuprofile>`.
import { commandsPerCase, openService, planEvents, runCases } from './e2e.mjs'
import { tempDir } from './util.mjs'

const cases = Number(process.argv[2] ?? 500)
const tmp = tempDir('profile')
const { service, store } = openService(tmp.file('profile.sqlite'))
try {
  const events = await planEvents(service)
  await runCases(service, events, { cases: 50, offset: 1 })
  const r = await runCases(service, events, { cases, offset: 100 })
  process.stderr.write(
    `${r.commands} commands (${commandsPerCase} per case), ${r.perSecond.toFixed(0)} cmd/s\n`,
  )
} finally {
  await store.close()
  tmp.cleanup()
}
