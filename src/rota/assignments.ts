import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { shortFrom, type Part } from '../rules/coverage.js';

type Source = 'run' | 'manual' | 'cover';

/** Every change to who works a shift goes through here, so the revision and uncovered marks stay true. */
export async function touchShift(db: Kysely<DB>, shiftId: string): Promise<void> {
  await touchShifts(db, [shiftId]);
}

/** The parts of a shift its people work. */
export async function shiftParts(db: Kysely<DB>, shiftId: string): Promise<Part[]> {
  return (await partsOfShifts(db, [shiftId])).get(shiftId) ?? [];
}

/** The parts people work of many shifts, in one query. */
export async function partsOfShifts(
  db: Kysely<DB>,
  shiftIds: readonly string[],
): Promise<Map<string, Part[]>> {
  const out = new Map<string, Part[]>();
  if (shiftIds.length === 0) return out;
  const rows = await db
    .selectFrom('shift_assignments')
    .select(['shift_id', sql<Date>`lower(period)`.as('start'), sql<Date>`upper(period)`.as('end')])
    .where('shift_id', 'in', [...shiftIds])
    .execute();
  for (const r of rows)
    out.set(r.shift_id, [
      ...(out.get(r.shift_id) ?? []),
      { start: new Date(r.start).getTime(), end: new Date(r.end).getTime() },
    ]);
  return out;
}

/** Shortens an assignment to end at `at`, or removes it when it would not have started by then. */
export async function cutAssignment(
  db: Kysely<DB>,
  shiftId: string,
  practitionerId: string,
  at: Date,
): Promise<void> {
  await sql`
    DELETE FROM shift_assignments
    WHERE shift_id = ${shiftId} AND practitioner_id = ${practitionerId} AND lower(period) >= ${at}::timestamptz`.execute(
    db,
  );
  await sql`
    UPDATE shift_assignments SET period = tstzrange(lower(period), ${at}::timestamptz)
    WHERE shift_id = ${shiftId} AND practitioner_id = ${practitionerId}
      AND lower(period) < ${at}::timestamptz AND upper(period) > ${at}::timestamptz`.execute(db);
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

/**
 * Marks shifts changed: a new revision and version each, and an open uncovering resolved
 * where the shift is now full at every moment.
 */
export async function touchShifts(db: Kysely<DB>, shiftIds: readonly string[]): Promise<void> {
  if (shiftIds.length === 0) return;
  const ids = [...shiftIds];
  const updatedAt = new Date();
  const touched = await sql<{ id: string; starts_at: Date; ends_at: Date; required: number }>`
    UPDATE shifts SET revision = nextval('rota_revision_seq'), version = version + 1, updated_at = ${updatedAt}
    WHERE id = ANY(${ids}::uuid[])
    RETURNING id, starts_at, ends_at, required`.execute(db);
  const parts = await partsOfShifts(db, ids);
  const full = touched.rows
    .filter(
      (s) =>
        shortFrom(
          parts.get(s.id) ?? [],
          new Date(s.starts_at).getTime(),
          new Date(s.ends_at).getTime(),
          Number(s.required),
          Date.now(),
        ) === null,
    )
    .map((s) => s.id);
  if (full.length === 0) return;
  await db
    .updateTable('shift_uncoverings')
    .set({ resolved_at: new Date() })
    .where('shift_id', 'in', full)
    .where('resolved_at', 'is', null)
    .execute();
}
