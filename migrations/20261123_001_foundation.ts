import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
const slug = (column: string) =>
  sql.raw(`CHECK (${column} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${column}) <= 64)`);

export async function up(db: Kysely<any>): Promise<void> {
  // Later migrations rely on EXCLUDE USING gist over uuid/text + ranges.
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      role text NOT NULL CHECK (role IN ('admin','coordinator','cover','hub_manager','social_worker','viewer')),
      key_hash text NOT NULL UNIQUE,
      key_prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);

  for (const table of ['regions', 'specialisms', 'hubs']) {
    await sql`
      CREATE TABLE ${sql.table(table)} (
        code text PRIMARY KEY ${slug('code')},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
  }

  // A cap applies from the ISO week starting on from_week_start until the next row: past weeks keep theirs.
  await sql`
    CREATE TABLE hub_case_caps (
      hub_code text NOT NULL REFERENCES hubs(code) ON DELETE CASCADE,
      from_week_start date NOT NULL CHECK (extract(isodow FROM from_week_start) = 1),
      weekly_case_cap integer NOT NULL CHECK (weekly_case_cap BETWEEN 0 AND 100),
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (hub_code, from_week_start)
    )`.execute(db);

  await sql`
    CREATE TABLE practitioners (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      external_ref text UNIQUE CHECK (length(external_ref) BETWEEN 1 AND 200),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('parenting','zero_nineteen')),
      grade text CHECK (length(grade) BETWEEN 1 AND 20),
      home_region text NOT NULL REFERENCES regions(code),
      hub text REFERENCES hubs(code),
      gender text CHECK (gender IN ('female','male','other')),
      max_hours_per_7_days numeric NOT NULL DEFAULT 48 CHECK (max_hours_per_7_days > 0 AND max_hours_per_7_days <= 168),
      min_rest_hours numeric NOT NULL DEFAULT 11 CHECK (min_rest_hours >= 0 AND min_rest_hours <= 48),
      max_consecutive_nights integer NOT NULL DEFAULT 4 CHECK (max_consecutive_nights BETWEEN 0 AND 14),
      max_consecutive_days integer NOT NULL DEFAULT 6 CHECK (max_consecutive_days BETWEEN 1 AND 14),
      contracted_hours_per_week numeric CHECK (contracted_hours_per_week > 0 AND contracted_hours_per_week <= 168),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      CONSTRAINT practitioners_grade_required CHECK (kind <> 'zero_nineteen' OR grade IS NOT NULL),
      CONSTRAINT practitioners_hub_only_zero_nineteen CHECK (hub IS NULL OR kind = 'zero_nineteen')
    )`.execute(db);
  await sql`CREATE INDEX practitioners_hub_idx ON practitioners (hub) WHERE hub IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE practitioner_regions (
      practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
      region_code text NOT NULL REFERENCES regions(code),
      PRIMARY KEY (practitioner_id, region_code)
    )`.execute(db);
  await sql`
    CREATE TABLE practitioner_specialisms (
      practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
      specialism_code text NOT NULL REFERENCES specialisms(code),
      PRIMARY KEY (practitioner_id, specialism_code)
    )`.execute(db);

  await sql`
    CREATE TABLE absences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('sickness','annual_leave','training','unavailable')),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz,
      note text CHECK (length(note) <= 2000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT absences_end_after_start CHECK (ends_at IS NULL OR ends_at > starts_at),
      CONSTRAINT absences_open_only_sickness CHECK (ends_at IS NOT NULL OR kind = 'sickness')
    )`.execute(db);
  await sql`CREATE INDEX absences_practitioner_idx ON absences (practitioner_id, starts_at)`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_key_id uuid,
      actor_role text NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      before jsonb,
      after jsonb,
      request_id text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'absences',
    'practitioner_specialisms',
    'practitioner_regions',
    'practitioners',
    'hub_case_caps',
    'hubs',
    'specialisms',
    'regions',
    'api_keys',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
