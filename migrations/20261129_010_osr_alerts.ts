import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// One rule for "the lead responder cannot be there", kept by the database and read by the API:
// - osr_unavailable(person, from, to): the parts of [from, to) in which the person is absent (any kind)
//   or has left (archived), with why; the hub-week's alert is read from it, so it can never go stale;
// - osr_working_days(week, tz): a week's working days, Monday 00:00 to Saturday 00:00 local time;
// - a booking trigger, beside the case-cap trigger: a booking with a lead responder who is unavailable
//   at the visit's time (or, for a booking without a time, on any working day of the week) raises
//   SQLSTATE OSR02. The application gives the organisation's zone with
//   set_config('care_rota.timezone', ..., true); without it the trigger uses Europe/London.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION osr_unavailable(person uuid, from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (starts_at timestamptz, ends_at timestamptz, why text)
      LANGUAGE sql STABLE AS $$
      SELECT greatest(a.starts_at, from_at), least(coalesce(a.ends_at, to_at), to_at), 'absent'
        FROM absences a
       WHERE a.practitioner_id = person AND a.starts_at < to_at
         AND (a.ends_at IS NULL OR a.ends_at > from_at)
      UNION ALL
      SELECT greatest(p.archived_at, from_at), to_at, 'left'
        FROM practitioners p
       WHERE p.id = person AND p.archived_at IS NOT NULL AND p.archived_at < to_at
      ORDER BY 1, 2
    $$`.execute(db);

  await sql`
    CREATE FUNCTION osr_working_days(week date, tz text) RETURNS tstzrange LANGUAGE sql STABLE AS $$
      SELECT tstzrange(week::timestamp AT TIME ZONE tz, (week + 5)::timestamp AT TIME ZONE tz)
    $$`.execute(db);

  await sql`
    CREATE FUNCTION osr_bookings_lead_present() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      tz text := coalesce(nullif(current_setting('care_rota.timezone', true), ''), 'Europe/London');
      span tstzrange;
    BEGIN
      IF NEW.status <> 'active' THEN RETURN NEW; END IF;
      -- Recording an absence or archiving the person holds a lock on their row (the absence's foreign
      -- key takes KEY SHARE, archiving updates it): wait for those, then read what they committed.
      PERFORM 1 FROM practitioners WHERE id = NEW.practitioner_id FOR UPDATE;
      span := CASE WHEN NEW.scheduled_at IS NULL THEN osr_working_days(NEW.week_start, tz)
                   ELSE tstzrange(NEW.scheduled_at, NEW.visit_ends_at) END;
      IF EXISTS (SELECT 1 FROM osr_unavailable(NEW.practitioner_id, lower(span), upper(span))) THEN
        RAISE EXCEPTION 'lead responder unavailable: hub % week %', NEW.hub_code, NEW.week_start
          USING ERRCODE = 'OSR02';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER osr_bookings_lead_present BEFORE INSERT ON osr_bookings
      FOR EACH ROW EXECUTE FUNCTION osr_bookings_lead_present()`.execute(db);

  // A new absence locks its person through the foreign key; a changed one (an end moved later) does
  // not, so it takes the same lock here: a booking and an absence change of one person never interleave.
  await sql`
    CREATE FUNCTION osr_absences_lock_person() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM practitioners WHERE id = NEW.practitioner_id FOR KEY SHARE;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER osr_absences_lock_person BEFORE UPDATE ON absences
      FOR EACH ROW EXECUTE FUNCTION osr_absences_lock_person()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS osr_absences_lock_person ON absences`.execute(db);
  await sql`DROP TRIGGER IF EXISTS osr_bookings_lead_present ON osr_bookings`.execute(db);
  await sql`DROP FUNCTION IF EXISTS osr_absences_lock_person, osr_bookings_lead_present, osr_working_days, osr_unavailable`.execute(
    db,
  );
}
