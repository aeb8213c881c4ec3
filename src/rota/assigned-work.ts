import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * People's assigned work as the rules read it: each assignment with its shift, the family's reference,
 * region and gender requirement, and the part of the shift the person works (someone who stopped early).
 */
export function assignedWork(db: Kysely<DB>) {
  return db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .innerJoin('placements as p', 'p.id', 's.placement_id')
    .select(['a.shift_id', 'a.practitioner_id', 'a.pinned', 's.placement_id', 's.local_date'])
    .select(['s.starts_at', 's.ends_at', 's.night', 's.shift_type'])
    .select(['p.case_reference', 'p.region', 'p.gender_requirement'])
    .select([sql<Date>`lower(a.period)`.as('part_start'), sql<Date>`upper(a.period)`.as('part_end')]);
}

/**
 * People's weekend work, a date per weekend day worked (a shift starting on a Saturday or Sunday, as the
 * rota's demands say), for the caller to narrow to a period and read with `weekendDatesByPerson`.
 */
export function weekendWork(db: Kysely<DB>) {
  return db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.practitioner_id', 's.local_date'])
    .distinct()
    .where(sql<boolean>`extract(isodow from s.local_date) >= 6`);
}

/** The local dates of weekend work, by person. */
export async function weekendDatesByPerson(
  query: ReturnType<typeof weekendWork>,
): Promise<Map<string, string[]>> {
  const dates = new Map<string, string[]>();
  for (const r of await query.execute()) {
    const list = dates.get(r.practitioner_id);
    if (list) list.push(r.local_date);
    else dates.set(r.practitioner_id, [r.local_date]);
  }
  return dates;
}
