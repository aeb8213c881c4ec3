import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Why someone was taken off a shift, in the rule's name and in words, and from when: an absence or a
  // change of facts (an exclusion, a lost specialism, a leaver) can take a person off part of a shift.
  await sql`ALTER TABLE shift_uncoverings ADD COLUMN rule text NOT NULL DEFAULT 'absence'`.execute(db);
  await sql`ALTER TABLE shift_uncoverings ADD COLUMN reason text`.execute(db);
  await sql`ALTER TABLE shift_uncoverings ADD COLUMN from_at timestamptz`.execute(db);
  await sql`
    UPDATE shift_uncoverings u SET from_at = s.starts_at FROM shifts s WHERE s.id = u.shift_id`.execute(db);
  // A cover plan may be for an absence, for chosen shifts or for every uncovered shift of a period.
  await sql`ALTER TABLE cover_plans ALTER COLUMN absence_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE cover_plans ADD COLUMN target jsonb`.execute(db);
  // A partial assignment is the part of its shift a person works; it always lies inside the shift.
  await sql`
    CREATE FUNCTION shift_assignment_within_shift() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM shifts s WHERE s.id = NEW.shift_id
                     AND tstzrange(s.starts_at, s.ends_at) @> NEW.period AND NOT isempty(NEW.period)) THEN
        RAISE EXCEPTION 'an assignment must be a non-empty part of its shift' USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER shift_assignments_within_shift BEFORE INSERT OR UPDATE ON shift_assignments
    FOR EACH ROW EXECUTE FUNCTION shift_assignment_within_shift()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS shift_assignments_within_shift ON shift_assignments`.execute(db);
  await sql`DROP FUNCTION IF EXISTS shift_assignment_within_shift()`.execute(db);
  await sql`ALTER TABLE cover_plans DROP COLUMN IF EXISTS target`.execute(db);
  for (const column of ['rule', 'reason', 'from_at'])
    await sql`ALTER TABLE shift_uncoverings DROP COLUMN IF EXISTS ${sql.ref(column)}`.execute(db);
}
