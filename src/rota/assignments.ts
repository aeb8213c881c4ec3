import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Source = 'run' | 'manual' | 'cover';

/** Every change to who works a shift goes through here, so the revision and uncovered marks stay true. */
export async function touchShift(db: Kysely<DB>, shiftId: string): Promise<void> {
  await db
    .updateTable('shifts')
    .set((eb) => ({
      revision: sql`nextval('rota_revision_seq')`,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', shiftId)
    .execute();
  // A shift that is full again is no longer uncovered.
  await sql`
    UPDATE shift_uncoverings u SET resolved_at = now()
    WHERE u.shift_id = ${shiftId} AND u.resolved_at IS NULL
      AND (SELECT count(*) FROM shift_assignments a WHERE a.shift_id = ${shiftId})
          >= (SELECT required FROM shifts WHERE id = ${shiftId})`.execute(db);
}

/**
 * Adds a practitioner to a shift; the database refuses a double booking (23P01). `from` is for cover
 * that joins a running shift: they are booked from then, not from the shift's start.
 */
export async function addAssignment(
  db: Kysely<DB>,
  shiftId: string,
  practitionerId: string,
  source: Source,
  pinned: boolean,
  from?: Date,
): Promise<void> {
  const start = from ? sql`greatest(s.starts_at, ${from}::timestamptz)` : sql`s.starts_at`;
  await sql`
    INSERT INTO shift_assignments (shift_id, practitioner_id, period, source, pinned)
    SELECT s.id, ${practitionerId}::uuid, tstzrange(${start}, s.ends_at), ${source}, ${pinned}
    FROM shifts s WHERE s.id = ${shiftId}`.execute(db);
}

export async function removeAssignment(
  db: Kysely<DB>,
  shiftId: string,
  practitionerId: string,
): Promise<boolean> {
  const res = await db
    .deleteFrom('shift_assignments')
    .where('shift_id', '=', shiftId)
    .where('practitioner_id', '=', practitionerId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
