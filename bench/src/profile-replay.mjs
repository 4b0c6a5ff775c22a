// Profiling helper (not part of the run): replays the engine's captured commits for one case into
// `store.commit` for many cases, so that `node --cpu-prof bench/src/profile-replay.mjs [cases]`
// shows where the store's own time goes (summarise with `cpuprofile-summary.mjs`).
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { openService, planEvents } from './e2e.mjs'
import { recordingStore, replayCommits, replayInputs } from './store-replay.mjs'
import { tempDir } from './util.mjs'

const cases = Number(process.argv[2] ?? 1500)
const tmp = tempDir('profile-replay')
try {
  let recorder
  const planning = openService(tmp.file('plan.sqlite'), (store) => {
    recorder = recordingStore(store)
    return recorder.store
  })
  recorder.state.recording = true
  await planEvents(planning.service)
  recorder.state.recording = false
  await planning.store.close()
  const captured = recorder.state.captured
  const warm = createSqliteStore({ filename: tmp.file('warm.sqlite'), plaintext: true })
  await replayCommits(warm, replayInputs(captured, 200))
  await warm.close()
  const store = createSqliteStore({ filename: tmp.file('replay.sqlite'), plaintext: true })
  const r = await replayCommits(store, replayInputs(captured, cases))
  await store.close()
  process.stderr.write(`${cases * captured.length} commits, ${r.perSecond.toFixed(0)} commit/s\n`)
} finally {
  tmp.cleanup()
}
