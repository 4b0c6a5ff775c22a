import { caseFactsMigration } from './facts'
import type { Migration } from './migrations'

/** The office-scoped tables: every row carries `office_code`, and row-level security filters on it. */
export const officeTables = [
  'ak1_offices',
  'ak1_aggregates',
  'ak1_cases',
  'ak1_records',
  'ak1_audit',
  'ak1_commands',
  'ak1_outbox',
  'ak1_due',
  'ak1_sequences',
  'ak1_attachments',
] as const

/**
 * Row-level security on every office table. The policy admits the rows of the office set with
 * `SET LOCAL ak1.office` (`set_config(..., true)`) in the same transaction; without it a role that
 * is subject to the policies sees nothing. The owner of the tables (the role that migrates) is not
 * subject to them: a store in RLS mode connects as another role (see `setupOfficeRoles`).
 */
const policies = officeTables
  .map(
    (t) => `ALTER TABLE {schema}.${t} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY ak1_office ON {schema}.${t}
      USING (office_code = current_setting('ak1.office', true))
      WITH CHECK (office_code = current_setting('ak1.office', true));`,
  )
  .join('\n')

/**
 * The schema, around the aggregate: a case is one kind of aggregate, and audit entries, outbox rows,
 * due rows and command ids name their aggregate by kind and id, with no foreign key to the cases.
 * Ids, states and codes use the "C" collation so that PostgreSQL orders them as JavaScript does.
 * Instants are kept as the ISO text the engine gave (returned unchanged) and, where the store
 * compares them, as epoch milliseconds beside it.
 * @internal
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'aggregate schema with offices',
    sql: `
    CREATE TABLE {schema}.ak1_meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE {schema}.ak1_offices (office_code text COLLATE "C" PRIMARY KEY);

    -- Ids are unique across every aggregate, cases and records alike.
    CREATE TABLE {schema}.ak1_aggregates (
      id text COLLATE "C" PRIMARY KEY,
      kind text COLLATE "C" NOT NULL,
      office_code text COLLATE "C" NOT NULL
    );

    CREATE TABLE {schema}.ak1_records (
      id text COLLATE "C" PRIMARY KEY,
      kind text COLLATE "C" NOT NULL CHECK (kind <> 'case'),
      office_code text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      state text COLLATE "C" NOT NULL,
      case_id text COLLATE "C",
      key text COLLATE "C",
      attributes jsonb NOT NULL,
      due_at text,
      final boolean NOT NULL,
      created_at text NOT NULL,
      created_ms bigint NOT NULL,
      updated_at text NOT NULL,
      body bytea NOT NULL,
      CONSTRAINT ak1_records_key UNIQUE (office_code, kind, key)
    );
    CREATE INDEX ak1_records_office ON {schema}.ak1_records (office_code, kind, id);
    CREATE INDEX ak1_records_created ON {schema}.ak1_records (office_code, kind, created_ms);
    CREATE INDEX ak1_records_case ON {schema}.ak1_records (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX ak1_records_attributes ON {schema}.ak1_records USING gin (attributes jsonb_path_ops);

    CREATE TABLE {schema}.ak1_cases (
      id text COLLATE "C" PRIMARY KEY,
      office_code text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      state text COLLATE "C" NOT NULL,
      awaiting text COLLATE "C",
      channel text NOT NULL,
      tracking_code text COLLATE "C" NOT NULL,
      nik_lookup text NOT NULL,
      created_at text NOT NULL,
      created_ms bigint NOT NULL,
      updated_at text NOT NULL,
      due_at text,
      due_ms bigint,
      final boolean NOT NULL,
      incidents integer NOT NULL DEFAULT 0,
      calendar_version text COLLATE "C",
      body bytea NOT NULL,
      CONSTRAINT ak1_cases_tracking UNIQUE (office_code, tracking_code)
    );
    CREATE INDEX ak1_cases_office ON {schema}.ak1_cases (office_code, id);
    CREATE INDEX ak1_cases_state ON {schema}.ak1_cases (office_code, state, id);
    CREATE INDEX ak1_cases_awaiting ON {schema}.ak1_cases (office_code, awaiting, id) WHERE awaiting IS NOT NULL;
    CREATE INDEX ak1_cases_overdue ON {schema}.ak1_cases (office_code, due_ms, id) WHERE NOT final AND due_ms IS NOT NULL;
    CREATE INDEX ak1_cases_open ON {schema}.ak1_cases (office_code, id) WHERE NOT final;
    CREATE INDEX ak1_cases_incident ON {schema}.ak1_cases (office_code, id) WHERE incidents > 0;
    CREATE INDEX ak1_cases_nik ON {schema}.ak1_cases (nik_lookup);
    CREATE INDEX ak1_cases_calendar ON {schema}.ak1_cases (office_code, calendar_version, id)
      WHERE NOT final AND calendar_version IS NOT NULL;

    CREATE TABLE {schema}.ak1_audit (
      aggregate_id text COLLATE "C" NOT NULL,
      seq integer NOT NULL CHECK (seq >= 1),
      aggregate_kind text NOT NULL DEFAULT 'case',
      office_code text COLLATE "C" NOT NULL,
      at text NOT NULL,
      at_ms bigint NOT NULL,
      entry bytea NOT NULL,
      PRIMARY KEY (aggregate_id, seq)
    );
    CREATE INDEX ak1_audit_office ON {schema}.ak1_audit (office_code, aggregate_id, seq);

    CREATE TABLE {schema}.ak1_commands (
      scope text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      office_code text COLLATE "C" NOT NULL,
      aggregate_kind text NOT NULL DEFAULT 'case',
      aggregate_id text COLLATE "C" NOT NULL,
      result bytea NOT NULL,
      at text NOT NULL,
      CONSTRAINT ak1_commands_pkey PRIMARY KEY (scope, id)
    );

    CREATE TABLE {schema}.ak1_outbox (
      seq bigserial UNIQUE,
      id text COLLATE "C" PRIMARY KEY,
      office_code text COLLATE "C" NOT NULL,
      aggregate_kind text NOT NULL DEFAULT 'case',
      aggregate_id text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      payload bytea NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'resolved')),
      available_at text NOT NULL,
      available_ms bigint NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      lease_owner text,
      lease_until text,
      lease_ms bigint,
      last_error bytea,
      result bytea,
      created_at text NOT NULL,
      finished_at text
    );
    CREATE INDEX ak1_outbox_claim ON {schema}.ak1_outbox (available_ms, id) WHERE status = 'pending';
    CREATE INDEX ak1_outbox_office_claim ON {schema}.ak1_outbox (office_code, available_ms, id) WHERE status = 'pending';
    CREATE INDEX ak1_outbox_aggregate ON {schema}.ak1_outbox (aggregate_id, seq);

    CREATE TABLE {schema}.ak1_due (
      id text COLLATE "C" PRIMARY KEY,
      office_code text COLLATE "C" NOT NULL,
      aggregate_kind text NOT NULL DEFAULT 'case',
      aggregate_id text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      due_at text NOT NULL,
      due_ms bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'done')),
      lease_owner text,
      lease_until text,
      lease_ms bigint
    );
    CREATE INDEX ak1_due_claim ON {schema}.ak1_due (due_ms, id) WHERE status = 'pending';
    CREATE INDEX ak1_due_office_claim ON {schema}.ak1_due (office_code, due_ms, id) WHERE status = 'pending';
    CREATE INDEX ak1_due_aggregate ON {schema}.ak1_due (aggregate_id, status);

    CREATE TABLE {schema}.ak1_sequences (
      name text COLLATE "C" NOT NULL,
      scope text COLLATE "C" NOT NULL,
      office_code text COLLATE "C" NOT NULL,
      value bigint NOT NULL CHECK (value >= 0),
      PRIMARY KEY (name, scope)
    );

    CREATE TABLE {schema}.ak1_attachments (
      office_code text COLLATE "C" NOT NULL,
      lookup text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      bytes bytea NOT NULL,
      PRIMARY KEY (office_code, lookup)
    );
    ${policies}`,
  },
  caseFactsMigration(2),
]
