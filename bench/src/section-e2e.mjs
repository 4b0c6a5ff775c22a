// Section 1 and 2: the engine end to end against raw SQLite (alternating rounds, so load on a
// shared machine hits both sides alike) and against bpmn-engine persisted per step.
import { runBpmnPeer } from './bpmn-peer.mjs'
import { commandsPerCase, openService, planEvents, runCases } from './e2e.mjs'
import { rawEventBytes, runRawSqlite } from './raw-sqlite.mjs'
import { median, round, tempDir } from './util.mjs'

export async function runE2e(size) {
  const tmp = tempDir('e2e')
  try {
    const { service, store } = openService(tmp.file('engine.sqlite'))
    const rounds = []
    try {
      const events = await planEvents(service)
      // Warm-up (JIT, statement caches), not measured.
      await runCases(service, events, { cases: Math.max(5, Math.floor(size.e2eCases / 5)), offset: 1 })
      runRawSqlite({ filename: tmp.file('raw-warmup.sqlite'), cases: 200, stepsPerCase: commandsPerCase })
      let offset = 1_000_000
      for (let r = 0; r < size.rounds; r++) {
        const raw = runRawSqlite({
          filename: tmp.file(`raw-${r}.sqlite`),
          cases: size.e2eCases,
          stepsPerCase: commandsPerCase,
        })
        const engine = await runCases(service, events, { cases: size.e2eCases, offset })
        offset += size.e2eCases
        rounds.push({ engine: engine.perSecond, raw: raw.perSecond, ratio: engine.perSecond / raw.perSecond })
      }
    } finally {
      await store.close()
    }
    const bpmn = await runBpmnPeer({ filename: tmp.file('bpmn.sqlite'), cases: size.bpmnCases })
    const engineCommandsPerSecond = median(rounds.map((r) => r.engine))
    return {
      engineVsRawSqlite: round(median(rounds.map((r) => r.ratio)), 3),
      engineVsBpmnEngine: round(engineCommandsPerSecond / bpmn.perSecond, 1),
      figures: {
        casesPerRound: size.e2eCases,
        commandsPerCase,
        rounds: rounds.map((r) => ({
          engine: round(r.engine, 0),
          raw: round(r.raw, 0),
          ratio: round(r.ratio, 3),
        })),
        engineCommandsPerSecond: round(engineCommandsPerSecond, 0),
        rawTransactionsPerSecond: round(median(rounds.map((r) => r.raw)), 0),
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
