import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Every cap change is kept: a row says from which week a cap applies and when it was set. The cap of a
// week is the one set last among the rows starting on or before it, so a change applies from its week
// on (a later-starting row set earlier gives way) and never alters an earlier week. Weeks before a
// hub's first row take the default (3), not the earliest row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE hub_case_caps DROP CONSTRAINT hub_case_caps_pkey`.execute(db);
  await sql`ALTER TABLE hub_case_caps ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`.execute(
    db,
  );
  await sql`CREATE INDEX hub_case_caps_hub_idx ON hub_case_caps (hub_code, from_week_start)`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION osr_cap_for_week(hub text, week date) RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT coalesce(
        (SELECT weekly_case_cap FROM hub_case_caps
          WHERE hub_code = hub AND from_week_start <= week ORDER BY set_at DESC, id DESC LIMIT 1),
        3)
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION osr_cap_for_week(hub text, week date) RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT coalesce(
        (SELECT weekly_case_cap FROM hub_case_caps
          WHERE hub_code = hub AND from_week_start <= week ORDER BY from_week_start DESC LIMIT 1),
        (SELECT weekly_case_cap FROM hub_case_caps WHERE hub_code = hub ORDER BY from_week_start LIMIT 1),
        3)
    $$`.execute(db);
  await sql`DROP INDEX IF EXISTS hub_case_caps_hub_idx`.execute(db);
  await sql`
    DELETE FROM hub_case_caps c USING hub_case_caps d
     WHERE c.hub_code = d.hub_code AND c.from_week_start = d.from_week_start AND c.id < d.id`.execute(db);
  await sql`ALTER TABLE hub_case_caps DROP COLUMN id`.execute(db);
  await sql`ALTER TABLE hub_case_caps ADD PRIMARY KEY (hub_code, from_week_start)`.execute(db);
}
