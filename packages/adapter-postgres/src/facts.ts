import type { CaseFacts, CaseFactsQuery, CaseFactsRow, Json } from '@ak1/core/ports'
import { caseFactsOfRow, defaultStreamBatch, instantMs } from '@ak1/core/ports'
import type { Migration } from './migrations'
import type { Session } from './session'

/**
 * The report columns of `ak1_cases`: `facts` (the engine's report facts, clear jsonb without
 * personal data; `NULL` on cases written before, whose facts the engine derives once) and the index
 * `(office_code, created_ms, id)` a period is read from.
 * @internal
 */
export function caseFactsMigration(version: number): Migration {
  return {
    version,
    name: 'report facts of cases, indexed by office and created instant',
    sql: `
    ALTER TABLE {schema}.ak1_cases ADD COLUMN facts jsonb;
    CREATE INDEX ak1_cases_created ON {schema}.ak1_cases (office_code, created_ms, id);`,
  }
}

/** A row of the report stream: the plain columns of `ak1_cases` and its clear facts. */
interface FactsRow extends CaseFactsRow {
  created_ms: string
  facts: Json | null
}

/**
 * `streamCaseFacts`: keyset pages over `(office_code, created_ms, id)` of the plain columns and the
 * clear `facts`, never the sealed body. Read from the replica when one is configured.
 * @internal
 */
export function createFactsStream(session: Session, t: string, fromReplica: boolean) {
  return async function* streamCaseFacts(query: CaseFactsQuery): AsyncGenerator<CaseFacts, void, undefined> {
    const limit = query.batchSize ?? defaultStreamBatch
    const from = query.createdFrom === undefined ? null : instantMs(query.createdFrom, ['createdFrom'])
    const to = query.createdTo === undefined ? null : instantMs(query.createdTo, ['createdTo'])
    let after: [string, string] | null = null
    for (;;) {
      const cursor: [string, string] | null = after
      const rows: FactsRow[] = await session.read(
        'streamCaseFacts',
        async (q): Promise<FactsRow[]> =>
          (
            await q<FactsRow>(
              `SELECT id, version, office_code, state, channel, tracking_code, created_at, created_ms, updated_at,
                 final, incidents, facts
               FROM ${t}.ak1_cases
               WHERE office_code = $1 AND ($2::bigint IS NULL OR created_ms >= $2) AND ($3::bigint IS NULL OR created_ms < $3)
                 AND ($4::bigint IS NULL OR (created_ms, id) > ($4, $5::text))
               ORDER BY created_ms, id LIMIT ${limit}`,
              [query.officeCode, from, to, cursor?.[0] ?? null, cursor?.[1] ?? null],
            )
          ).rows,
        { replica: fromReplica },
      )
      for (const r of rows) yield caseFactsOfRow(r, r.facts)
      const last: FactsRow | undefined = rows.at(-1)
      if (rows.length < limit || !last) return
      after = [last.created_ms, last.id]
    }
  }
}
