import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE placements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_reference text NOT NULL UNIQUE CHECK (case_reference ~ '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$'),
      external_ref text UNIQUE CHECK (length(external_ref) BETWEEN 1 AND 200),
      region text NOT NULL REFERENCES regions(code),
      start_date date NOT NULL,
      end_date date NOT NULL,
      review_date date NOT NULL,
      gender_requirement text CHECK (gender_requirement IN ('female','male','other')),
      practitioners_per_shift integer NOT NULL DEFAULT 1 CHECK (practitioners_per_shift BETWEEN 1 AND 4),
      phases jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT placements_dates CHECK (end_date >= start_date)
    )`.execute(db);
  await sql`
    CREATE TABLE placement_specialisms (
      placement_id uuid NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
      specialism_code text NOT NULL REFERENCES specialisms(code),
      PRIMARY KEY (placement_id, specialism_code)
    )`.execute(db);
  await sql`
    CREATE TABLE placement_exclusions (
      placement_id uuid NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      PRIMARY KEY (placement_id, practitioner_id)
    )`.execute(db);

  // Every change to who works a shift takes a new revision, so a rota run can tell whether the rota it
  // was made from is still the rota being published over.
  await sql`CREATE SEQUENCE rota_revision_seq`.execute(db);

  await sql`
    CREATE TABLE shifts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      placement_id uuid NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
      local_date date NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      required integer NOT NULL CHECK (required BETWEEN 1 AND 4),
      night boolean NOT NULL,
      locked boolean NOT NULL DEFAULT false,
      revision bigint NOT NULL DEFAULT nextval('rota_revision_seq'),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT shifts_end_after_start CHECK (ends_at > starts_at),
      CONSTRAINT shifts_unique_time UNIQUE (placement_id, starts_at, ends_at)
    )`.execute(db);
  await sql`CREATE INDEX shifts_period_idx ON shifts (local_date, placement_id)`.execute(db);

  // The database refuses a practitioner in two places at once, whatever the application does.
  await sql`
    CREATE TABLE shift_assignments (
      shift_id uuid NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      period tstzrange NOT NULL,
      source text NOT NULL CHECK (source IN ('run','manual','cover')),
      pinned boolean NOT NULL DEFAULT false,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (shift_id, practitioner_id),
      CONSTRAINT shift_assignments_no_double_booking EXCLUDE USING gist (practitioner_id WITH =, period WITH &&)
    )`.execute(db);
  await sql`CREATE INDEX shift_assignments_practitioner_idx ON shift_assignments (practitioner_id)`.execute(
    db,
  );

  // Who was taken off a shift by an absence: the shift shows as uncovered, with them, until it is covered.
  await sql`
    CREATE TABLE shift_uncoverings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      shift_id uuid NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      absence_id uuid REFERENCES absences(id) ON DELETE SET NULL,
      uncovered_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX shift_uncoverings_open_idx ON shift_uncoverings (shift_id) WHERE resolved_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE rota_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      from_date date NOT NULL,
      to_date date NOT NULL,
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued','solving','completed','failed','cancelled','published')),
      time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 600),
      seed integer NOT NULL DEFAULT 1,
      base_revision bigint,
      score_hard bigint,
      score_medium bigint,
      score_soft bigint,
      progress jsonb NOT NULL DEFAULT '[]',
      result jsonb,
      error text,
      cancel_requested boolean NOT NULL DEFAULT false,
      worker_id text,
      heartbeat_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      published_at timestamptz,
      CONSTRAINT rota_runs_dates CHECK (to_date >= from_date)
    )`.execute(db);
  await sql`CREATE INDEX rota_runs_queue_idx ON rota_runs (created_at) WHERE status = 'queued'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'rota_runs',
    'shift_uncoverings',
    'shift_assignments',
    'shifts',
    'placement_exclusions',
    'placement_specialisms',
    'placements',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`DROP SEQUENCE IF EXISTS rota_revision_seq`.execute(db);
}
