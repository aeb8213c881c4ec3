import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Absences are soft-deleted (20261129_011): a deleted absence no longer makes a lead responder unavailable.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION osr_unavailable(person uuid, from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (starts_at timestamptz, ends_at timestamptz, why text)
      LANGUAGE sql STABLE AS $$
      SELECT greatest(a.starts_at, from_at), least(coalesce(a.ends_at, to_at), to_at), 'absent'
        FROM absences a
       WHERE a.practitioner_id = person AND a.deleted_at IS NULL AND a.starts_at < to_at
         AND (a.ends_at IS NULL OR a.ends_at > from_at)
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
}
