import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue 11: keys carry scopes, bookings an owner, absences are soft-deleted.
export async function up(db: Kysely<any>): Promise<void> {
  // The hubs a hub_manager key may act on (NULL for every other role: their reach is the role's).
  await sql`ALTER TABLE api_keys ADD COLUMN hubs text[]`.execute(db);
  // The key that made a booking: it, the hub's manager or an admin may cancel it.
  await sql`ALTER TABLE osr_bookings ADD COLUMN created_by_key uuid REFERENCES api_keys(id)`.execute(db);
  await sql`CREATE INDEX osr_bookings_created_by_key_idx ON osr_bookings (created_by_key)`.execute(db);
  // Deleting an absence marks it; its cover plans (and what they answered) stay readable.
  await sql`ALTER TABLE absences ADD COLUMN deleted_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE absences DROP COLUMN deleted_at`.execute(db);
  await sql`ALTER TABLE osr_bookings DROP COLUMN created_by_key`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN hubs`.execute(db);
}
