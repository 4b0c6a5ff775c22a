// The physical baseline: raw better-sqlite3 on a fresh file, WAL + synchronous=NORMAL, one
// transaction per command, each inserting one ~300-byte event row and updating one case row.
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { now } from './util.mjs'

const eventBody = JSON.stringify({
  event: 'ACCEPT',
  from: 'verifikasi',
  to: 'validasi',
  actor: { id: 'operator-1', role: 'operator' },
  standardId: 'ak1-balongbendo',
  standardVersion: '2023.1',
  calendarVersion: 'id-2025-2026',
  details: { verified: ['ktp_asli', 'kk_asli', 'fotokopi_ktp', 'ijazah:sma'] },
  hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
}).padEnd(300, ' ')

/** The ~300-byte event row the baseline writes. */
export const rawEventBytes = Buffer.byteLength(eventBody)

/**
 * Opens the baseline on a fresh file, its case rows created: `step(i)` runs transaction `i` of
 * `transactions` (every case's step 1, then every case's step 2, ...), `close()` closes the file.
 * `autocheckpoint` is for the diagnostics only (WAL pages per transaction); the measured runs keep
 * SQLite's default.
 */
export function openRawSqlite({ filename, cases, stepsPerCase, autocheckpoint }) {
  const db = new Database(filename)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    if (autocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`)
    db.exec(`
      CREATE TABLE cases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE events (case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
    `)
    const insertCase = db.prepare(
      "INSERT INTO cases (id, version, state, updated_at) VALUES (?, 0, 'new', ?)",
    )
    const ids = []
    db.transaction(() => {
      for (let c = 0; c < cases; c++) {
        const id = `case-${String(c).padStart(8, '0')}`
        ids.push(id)
        insertCase.run(id, new Date(0).toISOString())
      }
    })()
    const insertEvent = db.prepare('INSERT INTO events (case_id, seq, at, body) VALUES (?, ?, ?, ?)')
    const updateCase = db.prepare(
      'UPDATE cases SET version = ?, state = ?, updated_at = ? WHERE id = ? AND version = ?',
    )
    const tx = db.transaction((id, seq, at) => {
      insertEvent.run(id, seq, at, eventBody)
      const r = updateCase.run(seq, 'step', at, id, seq - 1)
      if (r.changes !== 1) throw new Error('raw baseline: lost update')
    })
    return {
      transactions: cases * stepsPerCase,
      step: (i) => tx(ids[i % cases], Math.floor(i / cases) + 1, new Date().toISOString()),
      walBytes: () => statSync(`${filename}-wal`).size,
      close: () => db.close(),
    }
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Runs `cases * stepsPerCase` transactions on a fresh file and returns transactions per second.
 * Case rows are created before the clock starts, so every timed transaction is an insert plus an update.
 */
export function runRawSqlite({ filename, cases, stepsPerCase, autocheckpoint }) {
  const raw = openRawSqlite({ filename, cases, stepsPerCase, autocheckpoint })
  try {
    const { transactions } = raw
    const start = now()
    for (let i = 0; i < transactions; i++) raw.step(i)
    const ms = now() - start
    const walBytes = autocheckpoint === 0 ? raw.walBytes() : undefined
    return { transactions, ms, perSecond: (transactions * 1000) / ms, walBytes }
  } finally {
    raw.close()
  }
}
