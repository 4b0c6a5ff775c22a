import Database from 'better-sqlite3'
import { migrations } from '../../src/migrations'

/**
 * Opens `file` as a database of an older schema `version`: the migrations up to it applied and
 * recorded at `appliedAt`, as that version of the package left the file. The caller writes its rows
 * and closes it.
 */
export function openAtSchema(file: string, version: number, appliedAt: string): Database.Database {
  const db = new Database(file)
  db.exec(
    'CREATE TABLE ak1_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  )
  for (const m of migrations.filter((m) => m.version <= version)) {
    m.up(db)
    db.prepare('INSERT INTO ak1_schema VALUES (?, ?, ?)').run(m.version, m.name, appliedAt)
  }
  db.pragma(`user_version = ${version}`)
  return db
}
