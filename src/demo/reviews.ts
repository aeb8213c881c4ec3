import type { Kysely } from 'kysely';
import type { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';

/**
 * The demo's history beyond the rota: placements past their three-week review have one recorded (so the
 * console lists what is due and what was decided), and a few practitioners have stated preferences.
 */
export async function loadDemoReviews(db: Kysely<DB>, today: DateTime): Promise<number> {
  const due = await db
    .selectFrom('placements')
    .select(['id', 'review_date', 'end_date', 'case_reference'])
    .where('review_date', '<=', today.toISODate()!)
    .orderBy('case_reference')
    .execute();
  for (const [i, p] of due.entries()) {
    await db
      .insertInto('placement_reviews')
      .values({
        placement_id: p.id,
        held_on: String(p.review_date),
        decision: i % 2 === 0 ? 'continue' : 'step_down',
        note:
          i % 2 === 0
            ? 'Three-week review: the family is settling; the plan continues as agreed.'
            : 'Three-week review: nights are calm; stepping down to waking hours as planned.',
        next_review_date: null,
        end_date: String(p.end_date),
        created_by: null,
      })
      .execute();
  }
  return due.length;
}

/** Preferences of three parenting practitioners: no nights, a weekday off, and a family they know. */
export async function loadDemoPreferences(db: Kysely<DB>, practitionerIds: string[]): Promise<void> {
  const [first] = await db.selectFrom('placements').select('id').orderBy('case_reference').limit(1).execute();
  const [a, b, c] = practitionerIds;
  if (a)
    await db.insertInto('practitioner_preferences').values({ practitioner_id: a, no_nights: true }).execute();
  if (b)
    await db
      .insertInto('practitioner_preferences')
      .values({ practitioner_id: b, unavailable_weekdays: ['wed'] })
      .execute();
  if (c && first)
    await db
      .insertInto('practitioner_preferences')
      .values({ practitioner_id: c, preferred_placements: [first.id] })
      .execute();
}
