import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Care-rota contract rules and the kind of each shift:
// - practitioners.min_consecutive_days_off (1 = no rule, 2 = days off come together) and
//   max_weekends_in_4_weeks (null = no limit);
// - shifts.shift_type, which a placement's pattern may name; shifts made before it get the kind their
//   local start time gives (before 10:00 early, before 16:00 day, before 20:00 late, else night), in the
//   zone set by set_config('care_rota.timezone', ..., true), else Europe/London.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE practitioners
      ADD COLUMN min_consecutive_days_off integer NOT NULL DEFAULT 1
        CHECK (min_consecutive_days_off BETWEEN 1 AND 4),
      ADD COLUMN max_weekends_in_4_weeks integer
        CHECK (max_weekends_in_4_weeks BETWEEN 0 AND 4)`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN shift_type text`.execute(db);
  await sql`
    UPDATE shifts SET shift_type = CASE
      WHEN local_start < time '10:00' THEN 'early'
      WHEN local_start < time '16:00' THEN 'day'
      WHEN local_start < time '20:00' THEN 'late'
      ELSE 'night' END
    FROM (SELECT id AS shift_id, (starts_at AT TIME ZONE
            coalesce(nullif(current_setting('care_rota.timezone', true), ''), 'Europe/London'))::time AS local_start
          FROM shifts) local
    WHERE local.shift_id = shifts.id`.execute(db);
  await sql`
    ALTER TABLE shifts
      ALTER COLUMN shift_type SET NOT NULL,
      ADD CONSTRAINT shifts_shift_type CHECK (shift_type IN ('early', 'day', 'late', 'night'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE shifts DROP COLUMN shift_type`.execute(db);
  await sql`
    ALTER TABLE practitioners
      DROP COLUMN min_consecutive_days_off,
      DROP COLUMN max_weekends_in_4_weeks`.execute(db);
}
