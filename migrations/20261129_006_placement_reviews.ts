import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // A 24/7 placement is reviewed (after three weeks, then as decided): it continues, steps down, is
  // extended or ends. Each review is kept, with the plan it left behind.
  await sql`
    CREATE TABLE placement_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      placement_id uuid NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
      held_on date NOT NULL,
      decision text NOT NULL CHECK (decision IN ('continue','step_down','extend','end')),
      note text CHECK (length(note) <= 1000),
      next_review_date date,
      end_date date NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX placement_reviews_placement_idx ON placement_reviews (placement_id, held_on)`.execute(
    db,
  );
  await sql`CREATE INDEX placements_review_date_idx ON placements (review_date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS placements_review_date_idx`.execute(db);
  await db.schema.dropTable('placement_reviews').ifExists().execute();
}
