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
  // ...so the OSR rule of migration 20261129_010 (a lead responder absent: alerts, bookings refused) skips them.
  await sql`
    CREATE OR REPLACE FUNCTION osr_unavailable(person uuid, from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (starts_at timestamptz, ends_at timestamptz, why text)
      LANGUAGE sql STABLE AS $$
      SELECT greatest(a.starts_at, from_at), least(coalesce(a.ends_at, to_at), to_at), 'absent'
        FROM absences a
       WHERE a.practitioner_id = person AND a.starts_at < to_at
         AND (a.ends_at IS NULL OR a.ends_at > from_at)
         AND a.deleted_at IS NULL
      UNION ALL
      SELECT greatest(p.archived_at, from_at), to_at, 'left'
        FROM practitioners p
       WHERE p.id = person AND p.archived_at IS NOT NULL AND p.archived_at < to_at
      ORDER BY 1, 2
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION osr_unavailable(person uuid, from_at timestamptz, to_at timestamptz)
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
  await sql`ALTER TABLE absences DROP COLUMN deleted_at`.execute(db);
  await sql`ALTER TABLE osr_bookings DROP COLUMN created_by_key`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN hubs`.execute(db);
}
