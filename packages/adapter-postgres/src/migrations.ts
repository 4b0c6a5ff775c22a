import { ConfigError } from '@ak1/core/ports'
import type pg from 'pg'

/** One step of the schema, applied once, in version order. `{schema}` stands for the quoted schema name. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * Brings the schema up to the newest migration. Two servers starting at once do not race: a
 * transaction-scoped advisory lock keyed by the schema name serialises them, and the second finds
 * the work done. A database whose schema is newer than this code is refused with a `ConfigError`
 * (an older server must not write to tables it does not know). Each migration runs in the same
 * transaction as its version row, so a failed one leaves nothing behind.
 *
 * @returns the schema version after the run.
 * @internal
 */
export async function migrate(
  pool: pg.Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<number> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  const q = quoteIdent(schema)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`ak1.migrate.${schema}`])
    // A schema already at the newest version needs no DDL: a role that may only read and write rows
    // (an office's application role, the kabupaten reader) starts without CREATE rights.
    const found = await client.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [
      `${q}.ak1_migrations`,
    ])
    if (found.rows[0]?.table) {
      const { rows } = await client.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${q}.ak1_migrations`,
      )
      if ((rows[0]?.version ?? 0) === latest) {
        await client.query('COMMIT')
        return latest
      }
    }
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${q}.ak1_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${q}.ak1_migrations`,
    )
    const current = rows[0]?.version ?? 0
    if (current > latest) {
      throw new ConfigError(
        `Skema PostgreSQL "${schema}" berversi ${current}, lebih baru dari versi ${latest} yang dikenal pustaka ini; perbarui @ak1/adapter-postgres di server ini`,
        {
          keys: ['schema'],
          messageEn: `PostgreSQL schema "${schema}" is at version ${current}, newer than the ${latest} this library knows; upgrade @ak1/adapter-postgres on this server`,
        },
      )
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue
      await client.query(m.sql.replaceAll('{schema}', q))
      await client.query(`INSERT INTO ${q}.ak1_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ])
    }
    await client.query('COMMIT')
    return Math.max(current, latest)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Quotes an identifier (already checked against `[a-z][a-z0-9_]*`). @internal */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
