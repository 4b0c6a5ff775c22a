// Diagnostics: how many WAL pages (frames) one transaction writes, for the raw baseline and for the
// store replaying the engine's commits. Checkpoints are off while counting, so the WAL keeps every frame.
import { statSync } from 'node:fs'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import Database from 'better-sqlite3'
import { runRawSqlite } from './raw-sqlite.mjs'
import { replayCommits, replayInputs } from './store-replay.mjs'

const frameBytes = (db) => 24 + db.pragma('page_size', { simple: true })

export async function walPagesPerTransaction({ rawFile, storeFile, captured, cases }) {
  const walSize = (file) => statSync(`${file}-wal`).size
  const raw = runRawSqlite({ filename: rawFile, cases, stepsPerCase: captured.length, autocheckpoint: 0 })
  const db = new Database(storeFile)
  const store = createSqliteStore({ database: db, plaintext: true })
  db.pragma('wal_autocheckpoint = 0')
  const before = walSize(storeFile)
  const inputs = replayInputs(captured, cases, 50_000_000)
  await replayCommits(store, inputs)
  const pageFrame = frameBytes(db)
  const storeFrames = (walSize(storeFile) - before) / pageFrame / inputs.length
  const rawFrames = raw.walBytes / pageFrame / raw.transactions
  await store.close()
  db.close()
  return { raw: rawFrames, storeAlone: storeFrames }
}
