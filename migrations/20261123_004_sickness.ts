import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // An on-call practitioner per region and day, not working then, first asked when someone falls sick.
  await sql`
    CREATE TABLE standby (
      region text NOT NULL REFERENCES regions(code),
      local_date date NOT NULL,
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (region, local_date),
      CONSTRAINT standby_one_region_a_day UNIQUE (practitioner_id, local_date)
    )`.execute(db);

  await sql`
    CREATE TABLE cover_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      absence_id uuid NOT NULL REFERENCES absences(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','superseded')),
      plan jsonb NOT NULL,
      -- The revision of every shift the plan reads or changes: accepting checks none has moved since.
      shift_revisions jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      accepted_by uuid
    )`.execute(db);
  await sql`CREATE INDEX cover_plans_absence_idx ON cover_plans (absence_id)`.execute(db);

  // The outbox other systems read (GET /v1/events): written in the same transaction as the change.
  await sql`
    CREATE TABLE outbox_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      subject_id text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox_events', 'cover_plans', 'standby'])
    await db.schema.dropTable(table).ifExists().execute();
}
