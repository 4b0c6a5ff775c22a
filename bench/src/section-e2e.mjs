// Sections 1 and 2: the engine end to end against raw SQLite, and against bpmn-engine persisted
// per step. Each round runs the three sides on fresh files one after the other (raw SQLite, the
// store alone replaying the engine's commits, the engine), so load on a shared machine hits them
// alike; the ratio is the median of the rounds.
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { runBpmnPeer } from './bpmn-peer.mjs'
import { commandsPerCase, openService, planEvents, runCases } from './e2e.mjs'
import { rawEventBytes, runRawSqlite } from './raw-sqlite.mjs'
import { recordingStore, replayCommits, replayInputs } from './store-replay.mjs'
import { median, round, tempDir } from './util.mjs'

export async function runE2e(size) {
  const tmp = tempDir('e2e')
  try {
    // Plan the events on a first case, capturing its commits, and warm up (JIT, statement caches).
    let recorder
    const planning = openService(tmp.file('plan.sqlite'), (store) => {
      recorder = recordingStore(store)
      return recorder.store
    })
    let events
    try {
      recorder.state.recording = true
      events = await planEvents(planning.service)
      recorder.state.recording = false
      await runCases(planning.service, events, {
        cases: Math.max(5, Math.floor(size.e2eCases / 4)),
        offset: 1,
      })
    } finally {
      await planning.store.close()
    }
    const captured = recorder.state.captured
    if (captured.length !== commandsPerCase) {
      throw new Error(`e2e: captured ${captured.length} commits for one case, expected ${commandsPerCase}`)
    }
    runRawSqlite({ filename: tmp.file('raw-warmup.sqlite'), cases: 200, stepsPerCase: commandsPerCase })
    const warmStore = createSqliteStore({ filename: tmp.file('replay-warmup.sqlite') })
    await replayCommits(warmStore, replayInputs(captured, 100))
    await warmStore.close()

    const rounds = []
    for (let r = 0; r < size.rounds; r++) {
      const raw = runRawSqlite({
        filename: tmp.file(`raw-${r}.sqlite`),
        cases: size.e2eCases,
        stepsPerCase: commandsPerCase,
      })
      const inputs = replayInputs(captured, size.e2eCases)
      const replayStore = createSqliteStore({ filename: tmp.file(`replay-${r}.sqlite`) })
      const replay = await replayCommits(replayStore, inputs)
      await replayStore.close()
      const { service, store } = openService(tmp.file(`engine-${r}.sqlite`))
      let engine
      try {
        engine = await runCases(service, events, { cases: size.e2eCases, offset: 10_000 })
      } finally {
        await store.close()
      }
      rounds.push({ engine: engine.perSecond, store: replay.perSecond, raw: raw.perSecond })
    }
    const bpmn = await runBpmnPeer({ filename: tmp.file('bpmn.sqlite'), cases: size.bpmnCases })
    const engineCommandsPerSecond = median(rounds.map((r) => r.engine))
    return {
      engineVsRawSqlite: round(median(rounds.map((r) => r.engine / r.raw)), 3),
      engineVsBpmnEngine: round(engineCommandsPerSecond / bpmn.perSecond, 1),
      figures: {
        casesPerRound: size.e2eCases,
        commandsPerCase,
        rounds: rounds.map((r) => ({
          engine: round(r.engine, 0),
          storeAlone: round(r.store, 0),
          raw: round(r.raw, 0),
          ratio: round(r.engine / r.raw, 3),
        })),
        engineCommandsPerSecond: round(engineCommandsPerSecond, 0),
        storeAloneCommitsPerSecond: round(median(rounds.map((r) => r.store)), 0),
        rawTransactionsPerSecond: round(median(rounds.map((r) => r.raw)), 0),
        storeAloneVsRawSqlite: round(median(rounds.map((r) => r.store / r.raw)), 3),
        engineVsStoreAlone: round(median(rounds.map((r) => r.engine / r.store)), 3),
        rawEventBytes,
        bpmnEngine: {
          cases: bpmn.cases,
          steps: bpmn.steps,
          stepsPerSecond: round(bpmn.perSecond, 1),
          maxStateBytes: bpmn.maxStateBytes,
        },
      },
    }
  } finally {
    tmp.cleanup()
  }
}
