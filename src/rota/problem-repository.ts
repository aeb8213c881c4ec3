import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { assignedWork, weekendDatesByPerson, weekendWork } from './assigned-work.js';
import { SHIFT_COLUMNS } from '../placements/shift-repository.js';
import type { DB } from '../db/schema.js';
import { findPreferences } from '../panel/preferences.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

interface Period {
  from: string;
  to: string;
  shiftIds?: string[];
  lookback: DateTime;
  horizonEnd: DateTime;
  /** Weekend work from this date on, before the period, counts in the period's windows of 4 weeks. */
  weekendsFrom: string;
}

/** The rows a rota problem is made of: a period's shifts and their placements, the panel, and recent work. */
export async function readRotaFacts(db: Kysely<DB>, period: Period) {
  const [shifts, specialisms, exclusions, assignments, panel, absences, prior, weekendsBefore] =
    await Promise.all([
      readShifts(db, period),
      db.selectFrom('placement_specialisms').selectAll().execute(),
      db.selectFrom('placement_exclusions').selectAll().execute(),
      readAssignments(db, period),
      readPanel(db),
      readAbsences(db, period),
      readPriorWork(db, period),
      readWeekendsBefore(db, period),
    ]);
  return { shifts, specialisms, exclusions, assignments, ...panel, absences, prior, weekendsBefore };
}

export type RotaFacts = Awaited<ReturnType<typeof readRotaFacts>>;

function readShifts(db: Kysely<DB>, period: Period) {
  let query = db
    .selectFrom('shifts as s')
    .innerJoin('placements as p', 'p.id', 's.placement_id')
    .select([...SHIFT_COLUMNS, 'p.case_reference', 'p.region', 'p.gender_requirement'])
    .where('s.local_date', '>=', period.from)
    .where('s.local_date', '<=', period.to);
  if (period.shiftIds) query = query.where('s.id', 'in', period.shiftIds.length ? period.shiftIds : [NO_ID]);
  return query.orderBy('s.starts_at').orderBy('s.id').execute();
}

/** Who works each shift of the period, and which part of it (someone who stopped early ended early). */
function readAssignments(db: Kysely<DB>, period: Period) {
  return db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.shift_id', 'a.practitioner_id', 'a.pinned', 's.local_date', 's.night', 's.shift_type'])
    .select([sql<Date>`lower(a.period)`.as('part_start'), sql<Date>`upper(a.period)`.as('part_end')])
    .select(sql<boolean>`upper(a.period) < s.ends_at`.as('ended_early'))
    .where('s.local_date', '>=', period.from)
    .where('s.local_date', '<=', period.to)
    .orderBy('a.assigned_at')
    .execute();
}

/** The active 24/7 panel with regions, specialisms, preferences and the case references they prefer. */
async function readPanel(db: Kysely<DB>) {
  const [practitioners, regions, skills] = await Promise.all([
    db
      .selectFrom('practitioners')
      .selectAll()
      .where('archived_at', 'is', null)
      .where('kind', '=', 'parenting')
      .orderBy('id')
      .execute(),
    db.selectFrom('practitioner_regions').selectAll().execute(),
    db.selectFrom('practitioner_specialisms').selectAll().execute(),
  ]);
  const prefs = await findPreferences(
    db,
    practitioners.map((p) => p.id),
  );
  const preferredIds = [...new Set([...prefs.values()].flatMap((x) => x.preferredPlacements))];
  const preferred = preferredIds.length
    ? await db
        .selectFrom('placements')
        .select(['id', 'case_reference'])
        .where('id', 'in', preferredIds)
        .execute()
    : [];
  return {
    practitioners,
    regions,
    skills,
    prefs,
    caseRefOf: new Map(preferred.map((r) => [r.id, r.case_reference])),
  };
}

function readAbsences(db: Kysely<DB>, period: Period) {
  return db
    .selectFrom('absences')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('starts_at', '<', period.horizonEnd.toJSDate())
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', period.lookback.toJSDate())]))
    .execute();
}

/** Work done just before the period, which rest, 7-day and consecutive-day rules must see. */
function readPriorWork(db: Kysely<DB>, period: Period) {
  return assignedWork(db)
    .where('s.local_date', '>=', period.lookback.toISODate()!)
    .where('s.local_date', '<', period.from)
    .execute();
}

/** The dates of weekend work before the period, from `weekendsFrom` on, by person. */
function readWeekendsBefore(db: Kysely<DB>, period: Period) {
  return weekendDatesByPerson(
    weekendWork(db).where('s.local_date', '>=', period.weekendsFrom).where('s.local_date', '<', period.from),
  );
}
