import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // What a practitioner can and would like to work. noNights and unavailable weekdays are hard (kept by
  // the rota's re-check like any other fact); wanted and unwanted times and preferred placements are wishes.
  await sql`
    CREATE TABLE practitioner_preferences (
      practitioner_id uuid PRIMARY KEY REFERENCES practitioners(id),
      no_nights boolean NOT NULL DEFAULT false,
      unavailable_weekdays text[] NOT NULL DEFAULT '{}'
        CHECK (unavailable_weekdays <@ ARRAY['mon','tue','wed','thu','fri','sat','sun']),
      wanted jsonb NOT NULL DEFAULT '[]',
      unwanted jsonb NOT NULL DEFAULT '[]',
      preferred_placements uuid[] NOT NULL DEFAULT '{}',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('practitioner_preferences').ifExists().execute();
}
