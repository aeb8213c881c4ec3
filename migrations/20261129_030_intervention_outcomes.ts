import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Any number of extensions, each with its reason, while the intervention stays within 12 sessions.
  await sql`
    CREATE TABLE osr_intervention_extensions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      intervention_id uuid NOT NULL REFERENCES osr_interventions(id),
      sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 6),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
      extended_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX osr_intervention_extensions_idx ON osr_intervention_extensions (intervention_id)`.execute(
    db,
  );
  await sql`
    INSERT INTO osr_intervention_extensions (intervention_id, sessions, reason, extended_at)
    SELECT id, extra_sessions, extension_reason, extended_at FROM osr_interventions WHERE extended_at IS NOT NULL`.execute(
    db,
  );
  await sql`ALTER TABLE osr_interventions DROP CONSTRAINT IF EXISTS osr_interventions_extra_sessions_check`.execute(
    db,
  );
  await sql`
    ALTER TABLE osr_interventions
      ADD CONSTRAINT osr_interventions_at_most_12 CHECK (extra_sessions >= 0 AND sessions + extra_sessions <= 12)`.execute(
    db,
  );

  // The outcome of a closed intervention; the feedback comment is short and not for personal details.
  await sql`
    ALTER TABLE osr_interventions
      ADD COLUMN closed_on date,
      ADD COLUMN outcome text CHECK (outcome IN ('completed','stepped_down','transferred_to_statutory','disengaged','other')),
      ADD COLUMN sessions_delivered integer CHECK (sessions_delivered BETWEEN 0 AND 12),
      ADD COLUMN feedback_score integer CHECK (feedback_score BETWEEN 1 AND 5),
      ADD COLUMN feedback_comment text CHECK (length(feedback_comment) BETWEEN 1 AND 500),
      ADD COLUMN closed_at timestamptz,
      ADD CONSTRAINT osr_interventions_closed CHECK (
        (closed_at IS NULL) = (closed_on IS NULL) AND (closed_at IS NULL) = (outcome IS NULL)
        AND (closed_at IS NULL) = (sessions_delivered IS NULL)
        AND (feedback_score IS NOT NULL OR feedback_comment IS NULL)
        AND (closed_at IS NOT NULL OR feedback_score IS NULL)
        AND (closed_on IS NULL OR closed_on >= started_on))`.execute(db);
  await sql`CREATE INDEX osr_interventions_closed_idx ON osr_interventions (hub_code, closed_on)`.execute(db);

  // Closing is final: a closed intervention is never changed again (not extended, reassigned or reopened).
  await sql`
    CREATE FUNCTION osr_interventions_closed_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.closed_at IS NOT NULL THEN
        RAISE EXCEPTION 'a closed intervention is final' USING ERRCODE = '23514', CONSTRAINT = 'osr_interventions_closed_guard';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER osr_interventions_closed_guard BEFORE UPDATE ON osr_interventions
      FOR EACH ROW EXECUTE FUNCTION osr_interventions_closed_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS osr_interventions_closed_guard ON osr_interventions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS osr_interventions_closed_guard`.execute(db);
  await db.schema.dropTable('osr_intervention_extensions').ifExists().execute();
  await sql`
    ALTER TABLE osr_interventions
      DROP CONSTRAINT IF EXISTS osr_interventions_closed,
      DROP CONSTRAINT IF EXISTS osr_interventions_at_most_12,
      DROP COLUMN IF EXISTS closed_on, DROP COLUMN IF EXISTS outcome, DROP COLUMN IF EXISTS sessions_delivered,
      DROP COLUMN IF EXISTS feedback_score, DROP COLUMN IF EXISTS feedback_comment, DROP COLUMN IF EXISTS closed_at`.execute(
    db,
  );
}
