import type BetterSqlite3 from 'better-sqlite3'

/**
 * The `ak1_meta` key that marks a file converted from clear to encrypted whose stale clear copies
 * are not scrubbed yet. It is written in the converting transaction, so a crash between the
 * conversion and the scrub leaves the mark, and the next open scrubs.
 */
const pendingKey = 'scrub_pending'

/**
 * Marks the file as holding stale clear copies of personal data. Call inside the transaction that
 * encrypts a clear file: re-encrypting a row in place leaves its clear text in the free space of
 * its page, in pages freed before `secure_delete` was on, and in the WAL.
 * @internal
 */
export function markScrubPending(db: BetterSqlite3.Database): void {
  db.prepare(
    'INSERT INTO ak1_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(pendingKey, new Date().toISOString())
}

/** What {@link scrubStaleCopies} did. @internal */
export interface ScrubResult {
  /** Whether a scrub was pending. */
  pending: boolean
  /** Whether the file was rewritten and the WAL emptied, so the mark is gone. */
  done: boolean
}

/**
 * Rewrites the database file when a conversion left stale clear copies: `VACUUM` builds every page
 * afresh from the live (encrypted) rows, with `temp_store = MEMORY` so the rebuild never passes
 * through a temporary file; `wal_checkpoint(TRUNCATE)` then writes those pages over the old ones,
 * cuts the file to its new size and truncates the WAL to zero bytes, frames of the clear writer
 * included. Rewriting in place rather than `VACUUM INTO` and a rename keeps the file (its inode)
 * that other processes may have open, so none of them writes on into a file that was swapped away.
 *
 * When another connection's read keeps the checkpoint from finishing, the mark stays and the next
 * open tries again; the store works meanwhile (its data is encrypted, only stale copies remain).
 * @internal
 */
export function scrubStaleCopies(db: BetterSqlite3.Database): ScrubResult {
  const pending = db.prepare('SELECT value FROM ak1_meta WHERE key = ?').pluck().get(pendingKey)
  if (pending === undefined) return { pending: false, done: false }
  const tempStore = db.pragma('temp_store', { simple: true }) as number
  db.pragma('temp_store = MEMORY')
  try {
    db.exec('VACUUM')
  } finally {
    db.pragma(`temp_store = ${tempStore}`)
  }
  if (!checkpointed(db)) return { pending: true, done: false }
  db.prepare('DELETE FROM ak1_meta WHERE key = ?').run(pendingKey)
  checkpointed(db)
  return { pending: true, done: true }
}

/** `wal_checkpoint(TRUNCATE)`: true when the whole WAL went into the file and was truncated. */
function checkpointed(db: BetterSqlite3.Database): boolean {
  const journal = String(db.pragma('journal_mode', { simple: true })).toLowerCase()
  if (journal !== 'wal') return true
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
  return result?.busy === 0
}
