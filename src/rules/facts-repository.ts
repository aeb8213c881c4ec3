import { DateTime } from 'luxon';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findPreferences } from '../panel/preferences.js';
import { weekendDatesByPerson, weekendWork } from '../rota/assigned-work.js';
import { WEEKEND_WINDOW_WEEKS } from '../rota/care-rules.js';

/** Some people's work from `contextFrom` on, with what the rules need about them and their families. */
export async function readRuleRows(db: Kysely<DB>, ids: string[], contextFrom: Date) {
  const [rows, practitioners, regions, skills, absences, weekendsBefore] = await Promise.all([
    db
      .selectFrom('shift_assignments as a')
      .innerJoin('shifts as s', 's.id', 'a.shift_id')
      .innerJoin('placements as p', 'p.id', 's.placement_id')
      .select(['a.shift_id', 'a.practitioner_id', 'a.pinned'])
      .select(['s.placement_id', 's.local_date', 's.starts_at', 's.ends_at', 's.night', 's.shift_type'])
      .select(['p.case_reference', 'p.region', 'p.gender_requirement'])
      .select([sql<Date>`lower(a.period)`.as('part_start'), sql<Date>`upper(a.period)`.as('part_end')])
      .where('a.practitioner_id', 'in', ids)
      .where('s.ends_at', '>', contextFrom)
      .orderBy('s.starts_at')
      .orderBy('a.shift_id')
      .execute(),
    db.selectFrom('practitioners').selectAll().where('id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('practitioner_regions').selectAll().where('practitioner_id', 'in', ids).execute(),
    db.selectFrom('practitioner_specialisms').selectAll().where('practitioner_id', 'in', ids).execute(),
    db
      .selectFrom('absences')
      .select(['id', 'practitioner_id', 'kind', 'starts_at', 'ends_at'])
      .where('practitioner_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', contextFrom)]))
      .execute(),
    // Weekend work ended before the context, for the windows of 4 weeks that reach into it: day 0 is
    // the Monday up to 8 days before the context and a window reaches 3 weeks before that, so 4 weeks
    // and 3 days back covers it with a day to spare for the zone.
    weekendDatesByPerson(
      weekendWork(db)
        .where('a.practitioner_id', 'in', ids)
        .where(
          's.local_date',
          '>=',
          DateTime.fromJSDate(contextFrom).minus({ weeks: WEEKEND_WINDOW_WEEKS, days: 3 }).toISODate()!,
        )
        .where('s.ends_at', '<=', contextFrom),
    ),
  ]);
  const placementIds = [...new Set(rows.map((r) => r.placement_id))];
  const prefs = await findPreferences(db, ids);
  const [specialisms, exclusions] = placementIds.length
    ? await Promise.all([
        db
          .selectFrom('placement_specialisms')
          .selectAll()
          .where('placement_id', 'in', placementIds)
          .execute(),
        db.selectFrom('placement_exclusions').selectAll().where('placement_id', 'in', placementIds).execute(),
      ])
    : [[], []];

  return { rows, practitioners, regions, skills, absences, prefs, specialisms, exclusions, weekendsBefore };
}

export type RuleRows = Awaited<ReturnType<typeof readRuleRows>>;
