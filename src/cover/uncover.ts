import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AbsenceDto } from '../panel/absence-model.js';
import { touchShift } from '../rota/assignments.js';
import { findShift } from '../placements/shift-repository.js';
import type { ShiftDto } from '../placements/shift-model.js';

/**
 * Takes the absent practitioner off every shift that overlaps the absence, at once, including a shift
 * already running (it is uncovered from the absence's start), and marks each as uncovered by them.
 */
export async function uncoverForAbsence(db: Kysely<DB>, absence: AbsenceDto): Promise<ShiftDto[]> {
  let query = db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.shift_id'])
    .where('a.practitioner_id', '=', absence.practitionerId)
    .where('s.ends_at', '>', new Date(absence.start));
  if (absence.end) query = query.where('s.starts_at', '<', new Date(absence.end));
  const affected = (await query.orderBy('s.starts_at').execute()).map((r) => r.shift_id);
  const out: ShiftDto[] = [];
  for (const shiftId of affected) {
    await db
      .deleteFrom('shift_assignments')
      .where('shift_id', '=', shiftId)
      .where('practitioner_id', '=', absence.practitionerId)
      .execute();
    await db
      .insertInto('shift_uncoverings')
      .values({ shift_id: shiftId, practitioner_id: absence.practitionerId, absence_id: absence.id })
      .execute();
    await touchShift(db, shiftId);
    out.push((await findShift(db, shiftId))!);
  }
  return out;
}
