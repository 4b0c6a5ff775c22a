// Sections 1 and 2: the engine end to end against raw SQLite, and against bpmn-engine persisted
// per step. Each round runs every side on fresh files one after the other (raw SQLite, the store
// alone replaying the engine's commits, the store's SQL alone, the engine, bpmn-engine), so load on
// a shared machine hits them alike; each ratio is the median of the rounds' ratios.
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { runBpmnPeer } from './bpmn-peer.mjs'
import { commandsPerCase, openService, planEvents, runCases } from './e2e.mjs'
import { openRawSqlite, rawEventBytes, runRawSqlite } from './raw-sqlite.mjs'
import { recordingStore, replayCommits, replayInputs } from './store-replay.mjs'
import { recordStoreSql, runStoreSql, runStoreSqlBesideRaw } from './store-sql.mjs'
import { median, round, tempDir } from './util.mjs'
import { walPagesPerTransaction } from './wal-pages.mjs'

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
    const warmStore = createSqliteStore({ filename: tmp.file('replay-warmup.sqlite'), plaintext: true })
    await replayCommits(warmStore, replayInputs(captured, 100))
    await warmStore.close()
    await runStoreSql(
      tmp.file('sql-warmup.sqlite'),
      await recordStoreSql(tmp.file('sql-warmup-record.sqlite'), replayInputs(captured, 50)),
    )

    await runBpmnPeer({ filename: tmp.file('bpmn-warmup.sqlite'), cases: 2 })
    const rounds = []
    let bpmnSteps = 0
    let bpmnCases = 0
    let bpmnStateBytes = 0
    for (let r = 0; r < size.rounds; r++) {
      const raw = runRawSqlite({
        filename: tmp.file(`raw-${r}.sqlite`),
        cases: size.e2eCases,
        stepsPerCase: commandsPerCase,
      })
      const inputs = replayInputs(captured, size.e2eCases)
      const replayStore = createSqliteStore({ filename: tmp.file(`replay-${r}.sqlite`), plaintext: true })
      const replay = await replayCommits(replayStore, inputs)
      await replayStore.close()
      // The same commits' SQL, recorded on another file before its clock starts.
      const sqlCommits = await recordStoreSql(
        tmp.file(`sql-record-${r}.sqlite`),
        replayInputs(captured, size.e2eCases),
      )
      // Interleaved with a raw run of its own (see runStoreSqlBesideRaw): its ratio is the robust one.
      const sql = await runStoreSqlBesideRaw(
        tmp.file(`sql-${r}.sqlite`),
        sqlCommits,
        openRawSqlite({
          filename: tmp.file(`raw-beside-sql-${r}.sqlite`),
          cases: size.e2eCases,
          stepsPerCase: commandsPerCase,
        }),
      )
      const { service, store } = openService(tmp.file(`engine-${r}.sqlite`))
      let engine
      try {
        engine = await runCases(service, events, { cases: size.e2eCases, offset: 10_000 })
      } finally {
        await store.close()
      }
      const bpmn = await runBpmnPeer({
        filename: tmp.file(`bpmn-${r}.sqlite`),
        cases: Math.max(1, Math.round(size.bpmnCases / size.rounds)),
      })
      bpmnSteps += bpmn.steps
      bpmnCases += bpmn.cases
      bpmnStateBytes = Math.max(bpmnStateBytes, bpmn.maxStateBytes)
      rounds.push({
        engine: engine.perSecond,
        store: replay.perSecond,
        sql: sql.perSecond,
        sqlVsRaw: sql.vsRaw,
        rawBesideSql: sql.rawPerSecond,
        statements: sql.statementsPerCommit,
        raw: raw.perSecond,
        bpmn: bpmn.perSecond,
      })
    }
    const walPages = await walPagesPerTransaction({
      rawFile: tmp.file('wal-raw.sqlite'),
      storeFile: tmp.file('wal-store.sqlite'),
      captured,
      cases: Math.min(200, size.e2eCases),
    })
    const engineCommandsPerSecond = median(rounds.map((r) => r.engine))
    return {
      engineVsRawSqlite: round(median(rounds.map((r) => r.engine / r.raw)), 3),
      engineVsBpmnEngine: round(median(rounds.map((r) => r.engine / r.bpmn)), 1),
      figures: {
        casesPerRound: size.e2eCases,
        commandsPerCase,
        rounds: rounds.map((r) => ({
          engine: round(r.engine, 0),
          storeAlone: round(r.store, 0),
          storeSql: round(r.sql, 0),
          rawBesideStoreSql: round(r.rawBesideSql, 0),
          raw: round(r.raw, 0),
          bpmnEngine: round(r.bpmn, 1),
        })),
        engineCommandsPerSecond: round(engineCommandsPerSecond, 0),
        storeAloneCommitsPerSecond: round(median(rounds.map((r) => r.store)), 0),
        rawTransactionsPerSecond: round(median(rounds.map((r) => r.raw)), 0),
        storeAloneVsRawSqlite: round(median(rounds.map((r) => r.store / r.raw)), 3),
        storeSqlCommitsPerSecond: round(median(rounds.map((r) => r.sql)), 0),
        storeSqlRawTransactionsPerSecond: round(median(rounds.map((r) => r.rawBesideSql)), 0),
        storeSqlVsRawSqlite: round(median(rounds.map((r) => r.sqlVsRaw)), 3),
        storeSqlStatementsPerCommit: round(median(rounds.map((r) => r.statements)), 1),
        engineVsStoreAlone: round(median(rounds.map((r) => r.engine / r.store)), 3),
        rawEventBytes,
        walPagesPerTransaction: { raw: round(walPages.raw, 1), storeAlone: round(walPages.storeAlone, 1) },
        bpmnEngine: {
          cases: bpmnCases,
          steps: bpmnSteps,
          stepsPerSecond: round(median(rounds.map((r) => r.bpmn)), 1),
          maxStateBytes: bpmnStateBytes,
        },
      },
    }
  } finally {
    tmp.cleanup()
  }
}
