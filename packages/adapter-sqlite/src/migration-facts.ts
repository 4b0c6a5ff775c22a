import type BetterSqlite3 from 'better-sqlite3'
import type { Migration } from './migrations'

/**
 * The report columns of `ak1_cases`: `facts` (the engine's report facts, clear JSON without
 * personal data) and `created_ms` (the created instant in epoch milliseconds), with the index
 * `(office_code, created_ms, id)` that `streamCaseFacts` reads a period from. Cases written before
 * get their `created_ms` here and no facts (the engine derives them from the case once).
 * @internal
 */
export function caseFactsMigration(version: number): Migration {
  return {
    version,
    name: 'report facts and created instant of cases, indexed by office and created instant',
    up(db: BetterSqlite3.Database) {
      db.exec(`
        ALTER TABLE ak1_cases ADD COLUMN facts TEXT;
        ALTER TABLE ak1_cases ADD COLUMN created_ms INTEGER;
      `)
      const rows = db.prepare('SELECT id, created_at FROM ak1_cases').iterate() as Iterable<{
        id: string
        created_at: string
      }>
      const set = db.prepare('UPDATE ak1_cases SET created_ms = ? WHERE id = ?')
      const pending: Array<[number, string]> = []
      for (const r of rows) pending.push([Date.parse(r.created_at), r.id])
      for (const [ms, id] of pending) set.run(Number.isNaN(ms) ? 0 : ms, id)
      db.exec('CREATE INDEX ak1_cases_created ON ak1_cases (office_code, created_ms, id)')
    },
  }
}
