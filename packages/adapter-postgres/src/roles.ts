import { ConfigError } from '@ak1/core/ports'
import pg from 'pg'
import { quoteIdent } from './migrations'
import { officeTables } from './schema'

/** Options of {@link setupOfficeRoles}. */
export interface OfficeRolesOptions {
  /** A connection of the role that owns the schema (the one that migrated it). */
  connectionString: string
  /** @default 'ak1' */
  schema?: string
  /**
   * The role the application servers connect as in row-level security mode: it reads and writes
   * rows, only of the office its transaction sets, and owns nothing. It must exist (the DBA creates
   * it with its password).
   */
  appRole: string
  /**
   * A role that reads every office's rows, for kabupaten-wide reports and statistics, and writes
   * nothing. It must exist.
   */
  kabupatenRole?: string
}

const roleName = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Grants the office roles their rights on a migrated schema: the application role reads and writes
 * the tables (row-level security keeps it to its office), the kabupaten role reads them all through a
 * policy of its own. Run it once after the first start of a store as the owner, and again after an
 * upgrade adds tables. Idempotent.
 *
 * @throws {ConfigError} for a role name that is not a plain lowercase identifier.
 */
export async function setupOfficeRoles(options: OfficeRolesOptions): Promise<void> {
  const bad = [
    ['appRole', options.appRole],
    ['kabupatenRole', options.kabupatenRole],
  ].filter(([, v]) => v !== undefined && !roleName.test(v))
  if (bad.length)
    throw new ConfigError(
      `Opsi setupOfficeRoles tidak valid: ${bad.map(([k]) => k).join(', ')} harus nama peran huruf kecil, angka atau garis bawah`,
      {
        keys: bad.map(([k]) => k as string),
        messageEn: `Invalid setupOfficeRoles options: ${bad.map(([k]) => k).join(', ')} must be a role name of lowercase letters, digits or underscores`,
      },
    )
  const s = quoteIdent(options.schema ?? 'ak1')
  const app = quoteIdent(options.appRole)
  const client = new pg.Client({ connectionString: options.connectionString })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${app}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`)
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`)
    if (options.kabupatenRole !== undefined) {
      const kab = quoteIdent(options.kabupatenRole)
      await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${kab}`)
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${kab}`)
      for (const table of officeTables) {
        const policy = quoteIdent(`ak1_kabupaten_${options.kabupatenRole}`)
        await client.query(`DROP POLICY IF EXISTS ${policy} ON ${s}.${table}`)
        await client.query(`CREATE POLICY ${policy} ON ${s}.${table} FOR SELECT TO ${kab} USING (true)`)
      }
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await client.end()
  }
}
