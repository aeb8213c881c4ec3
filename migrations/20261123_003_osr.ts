import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
const monday = (column: string) => sql.raw(`CHECK (extract(isodow FROM ${column}) = 1)`);

export async function up(db: Kysely<any>): Promise<void> {
  // Duty and Assessment Teams; the team on duty in week W works with the hubs in week W + 1.
  await sql`
    CREATE TABLE osr_dat_teams (
      code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 64),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE osr_dat_duty_weeks (
      duty_week_start date PRIMARY KEY ${monday('duty_week_start')},
      dat_team text NOT NULL REFERENCES osr_dat_teams(code),
      set_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // How a hub mixes H and I grades over time: alternate week by week, or a target share of H weeks.
  await sql`
    CREATE TABLE osr_hub_settings (
      hub_code text PRIMARY KEY REFERENCES hubs(code) ON DELETE CASCADE,
      grade_mix text NOT NULL CHECK (grade_mix IN ('alternate','share')),
      h_share numeric CHECK (h_share >= 0 AND h_share <= 1),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT osr_hub_settings_share CHECK (grade_mix <> 'share' OR h_share IS NOT NULL)
    )`.execute(db);

  // One row per hub-week of a generated or overridden rota; no practitioner = unfilled, with reasons.
  await sql`
    CREATE TABLE osr_lead_responders (
      hub_code text NOT NULL REFERENCES hubs(code),
      week_start date NOT NULL ${monday('week_start')},
      practitioner_id uuid REFERENCES practitioners(id),
      grade text,
      source text NOT NULL CHECK (source IN ('generated','override')),
      reason text CHECK (length(reason) BETWEEN 1 AND 2000),
      unfilled_reasons jsonb,
      issued_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (hub_code, week_start),
      CONSTRAINT osr_lead_responders_one_hub_a_week UNIQUE (week_start, practitioner_id),
      CONSTRAINT osr_lead_responders_override_reason CHECK (source <> 'override' OR (reason IS NOT NULL AND practitioner_id IS NOT NULL)),
      CONSTRAINT osr_lead_responders_grade CHECK (practitioner_id IS NULL OR grade IN ('H','I'))
    )`.execute(db);

  // The counter row of a hub-week: every booking change locks it first, so the cap holds under concurrency.
  await sql`
    CREATE TABLE osr_hub_weeks (
      hub_code text NOT NULL REFERENCES hubs(code),
      week_start date NOT NULL ${monday('week_start')},
      cases_booked integer NOT NULL DEFAULT 0 CHECK (cases_booked >= 0),
      PRIMARY KEY (hub_code, week_start)
    )`.execute(db);
  // The distinct cases holding a slot: a case's second booking in the same hub-week reuses its slot.
  await sql`
    CREATE TABLE osr_case_slots (
      hub_code text NOT NULL,
      week_start date NOT NULL,
      case_reference text NOT NULL,
      active_bookings integer NOT NULL CHECK (active_bookings > 0),
      PRIMARY KEY (hub_code, week_start, case_reference),
      FOREIGN KEY (hub_code, week_start) REFERENCES osr_hub_weeks(hub_code, week_start)
    )`.execute(db);

  await sql`
    CREATE TABLE osr_bookings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hub_code text NOT NULL REFERENCES hubs(code),
      week_start date NOT NULL ${monday('week_start')},
      case_reference text NOT NULL CHECK (case_reference ~ '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$'),
      kind text NOT NULL CHECK (kind IN ('joint_visit','virtual_visit','consultation')),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      social_worker text NOT NULL CHECK (length(social_worker) BETWEEN 1 AND 200),
      scheduled_at timestamptz,
      visit_ends_at timestamptz,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','cancelled')),
      cancelled_at timestamptz,
      cancel_reason text CHECK (length(cancel_reason) <= 2000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT osr_bookings_visit_times CHECK ((scheduled_at IS NULL) = (visit_ends_at IS NULL) AND (visit_ends_at IS NULL OR visit_ends_at > scheduled_at)),
      CONSTRAINT osr_bookings_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      -- The lead responder is never at two visits at once, whatever the application does.
      CONSTRAINT osr_bookings_no_clash EXCLUDE USING gist (
        practitioner_id WITH =, tstzrange(scheduled_at, visit_ends_at) WITH &&
      ) WHERE (status = 'active' AND scheduled_at IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX osr_bookings_hub_week_idx ON osr_bookings (hub_code, week_start)`.execute(db);

  // The cap of a week: the latest cap starting on or before it, else the hub's first, else 3
  // (the same rule as the application's capForWeek).
  await sql`
    CREATE FUNCTION osr_cap_for_week(hub text, week date) RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT coalesce(
        (SELECT weekly_case_cap FROM hub_case_caps
          WHERE hub_code = hub AND from_week_start <= week ORDER BY from_week_start DESC LIMIT 1),
        (SELECT weekly_case_cap FROM hub_case_caps WHERE hub_code = hub ORDER BY from_week_start LIMIT 1),
        3)
    $$`.execute(db);

  // A new active booking takes a slot for its case unless the case already holds one; over the cap it
  // raises SQLSTATE OSR01. The FOR UPDATE on the counter row serialises bookings of one hub-week.
  await sql`
    CREATE FUNCTION osr_bookings_take_slot() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      booked integer;
      cap integer;
    BEGIN
      IF NEW.status <> 'active' THEN RETURN NEW; END IF;
      INSERT INTO osr_hub_weeks (hub_code, week_start) VALUES (NEW.hub_code, NEW.week_start)
        ON CONFLICT DO NOTHING;
      SELECT cases_booked INTO booked FROM osr_hub_weeks
        WHERE hub_code = NEW.hub_code AND week_start = NEW.week_start FOR UPDATE;
      UPDATE osr_case_slots SET active_bookings = active_bookings + 1
        WHERE hub_code = NEW.hub_code AND week_start = NEW.week_start AND case_reference = NEW.case_reference;
      IF FOUND THEN RETURN NEW; END IF;
      cap := osr_cap_for_week(NEW.hub_code, NEW.week_start);
      IF booked >= cap THEN
        RAISE EXCEPTION 'case limit reached: hub % week % cap %', NEW.hub_code, NEW.week_start, cap
          USING ERRCODE = 'OSR01', HINT = cap::text;
      END IF;
      UPDATE osr_hub_weeks SET cases_booked = cases_booked + 1
        WHERE hub_code = NEW.hub_code AND week_start = NEW.week_start;
      INSERT INTO osr_case_slots (hub_code, week_start, case_reference, active_bookings)
        VALUES (NEW.hub_code, NEW.week_start, NEW.case_reference, 1);
      RETURN NEW;
    END $$`.execute(db);

  // Cancelling (or deleting) an active booking gives back its case's slot when it was the last one.
  await sql`
    CREATE FUNCTION osr_bookings_free_slot() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM osr_hub_weeks
        WHERE hub_code = OLD.hub_code AND week_start = OLD.week_start FOR UPDATE;
      DELETE FROM osr_case_slots
        WHERE hub_code = OLD.hub_code AND week_start = OLD.week_start
          AND case_reference = OLD.case_reference AND active_bookings = 1;
      IF FOUND THEN
        UPDATE osr_hub_weeks SET cases_booked = cases_booked - 1
          WHERE hub_code = OLD.hub_code AND week_start = OLD.week_start;
      ELSE
        UPDATE osr_case_slots SET active_bookings = active_bookings - 1
          WHERE hub_code = OLD.hub_code AND week_start = OLD.week_start AND case_reference = OLD.case_reference;
      END IF;
      RETURN NULL;
    END $$`.execute(db);

  // A booking keeps its hub, week and case, and a cancellation is final: the slot counts stay true.
  await sql`
    CREATE FUNCTION osr_bookings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.hub_code <> OLD.hub_code OR NEW.week_start <> OLD.week_start
         OR NEW.case_reference <> OLD.case_reference OR (OLD.status = 'cancelled' AND NEW.status = 'active') THEN
        RAISE EXCEPTION 'a booking keeps its hub, week and case, and a cancellation is final'
          USING ERRCODE = '23514', CONSTRAINT = 'osr_bookings_guard';
      END IF;
      RETURN NEW;
    END $$`.execute(db);

  await sql`
    CREATE TRIGGER osr_bookings_take_slot AFTER INSERT ON osr_bookings
      FOR EACH ROW EXECUTE FUNCTION osr_bookings_take_slot()`.execute(db);
  await sql`
    CREATE TRIGGER osr_bookings_guard BEFORE UPDATE ON osr_bookings
      FOR EACH ROW EXECUTE FUNCTION osr_bookings_guard()`.execute(db);
  await sql`
    CREATE TRIGGER osr_bookings_cancel AFTER UPDATE OF status ON osr_bookings
      FOR EACH ROW WHEN (OLD.status = 'active' AND NEW.status = 'cancelled')
      EXECUTE FUNCTION osr_bookings_free_slot()`.execute(db);
  await sql`
    CREATE TRIGGER osr_bookings_delete AFTER DELETE ON osr_bookings
      FOR EACH ROW WHEN (OLD.status = 'active')
      EXECUTE FUNCTION osr_bookings_free_slot()`.execute(db);

  // Requests refused at the cap, kept for the pilot review.
  await sql`
    CREATE TABLE osr_refusals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      hub_code text NOT NULL REFERENCES hubs(code),
      week_start date NOT NULL ${monday('week_start')},
      case_reference text NOT NULL,
      kind text NOT NULL,
      social_worker text NOT NULL,
      weekly_case_cap integer NOT NULL,
      refused_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX osr_refusals_hub_week_idx ON osr_refusals (hub_code, week_start)`.execute(db);

  await sql`
    CREATE TABLE osr_interventions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      booking_id uuid NOT NULL REFERENCES osr_bookings(id),
      hub_code text NOT NULL REFERENCES hubs(code),
      week_start date NOT NULL,
      case_reference text NOT NULL,
      visit_practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      reassignment_reason text CHECK (reassignment_reason IN ('gender','specialism','workload','annual_leave')),
      reassignment_note text CHECK (length(reassignment_note) <= 2000),
      sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 6),
      extra_sessions integer NOT NULL DEFAULT 0 CHECK (extra_sessions BETWEEN 0 AND 6),
      extension_reason text CHECK (length(extension_reason) BETWEEN 1 AND 2000),
      extended_at timestamptz,
      started_on date NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT osr_interventions_one_per_case UNIQUE (hub_code, week_start, case_reference),
      CONSTRAINT osr_interventions_reassigned CHECK (practitioner_id = visit_practitioner_id OR reassignment_reason IS NOT NULL),
      CONSTRAINT osr_interventions_extension CHECK ((extra_sessions = 0) = (extended_at IS NULL) AND (extended_at IS NULL OR extension_reason IS NOT NULL))
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'osr_interventions',
    'osr_refusals',
    'osr_bookings',
    'osr_case_slots',
    'osr_hub_weeks',
    'osr_lead_responders',
    'osr_hub_settings',
    'osr_dat_duty_weeks',
    'osr_dat_teams',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`DROP FUNCTION IF EXISTS osr_bookings_take_slot, osr_bookings_free_slot, osr_bookings_guard, osr_cap_for_week`.execute(
    db,
  );
}
