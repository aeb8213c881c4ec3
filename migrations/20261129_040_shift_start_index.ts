import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

// Shift lists and exports page by keyset on (start, id): this index serves their order and their cursor.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX shifts_start_id_idx ON shifts (starts_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX shifts_start_id_idx`.execute(db);
}
