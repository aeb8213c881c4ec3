import type { Kysely, Transaction } from 'kysely';
import type { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';

/** The name of a practitioner who is not archived, if there is one with this id. */
export async function activePractitionerName(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const active = db.selectFrom('practitioners').where('archived_at', 'is', null);
  return (await active.select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function worksInRegion(db: Kysely<DB>, practitionerId: string, region: string) {
  const links = db.selectFrom('practitioner_regions').select('region_code');
  const link = links.where('practitioner_id', '=', practitionerId).where('region_code', '=', region);
  return (await link.executeTakeFirst()) !== undefined;
}

/** Who is on standby where, over local dates from..to (both included). */
export function standbyBetween(db: Kysely<DB>, from: string, to: string) {
  const days = db.selectFrom('standby').selectAll().where('local_date', '>=', from);
  return days.where('local_date', '<=', to).execute();
}

/** Names a region's standby for a day that has none. */
export async function insertStandby(db: Kysely<DB>, region: string, date: string, practitionerId: string) {
  await db
    .insertInto('standby')
    .values({ region, local_date: date, practitioner_id: practitionerId })
    .execute();
}

/** Who is on standby over local dates from..to (both included), by day and region, named. */
export async function listStandby(db: Kysely<DB>, from: string, to: string, region?: string) {
  let query = db
    .selectFrom('standby as s')
    .innerJoin('practitioners as p', 'p.id', 's.practitioner_id')
    .select(['s.region', 's.local_date as date', 's.practitioner_id as practitionerId', 'p.name'])
    .where('s.local_date', '>=', from)
    .where('s.local_date', '<=', to);
  if (region) query = query.where('s.region', '=', region);
  return query.orderBy('s.local_date').orderBy('s.region').execute();
}

/** Names a region's standby for a day, replacing whoever was named. */
export async function upsertStandby(
  trx: Transaction<DB>,
  region: string,
  date: string,
  practitionerId: string,
): Promise<void> {
  await trx
    .insertInto('standby')
    .values({ region, local_date: date, practitioner_id: practitionerId })
    .onConflict((oc) => oc.columns(['region', 'local_date']).doUpdateSet({ practitioner_id: practitionerId }))
    .execute();
}

/** What suggesting standby reads: regions, the active 24/7 panel, where they work, absences, work and standby. */
export async function readStandbyFacts(
  db: Kysely<DB>,
  first: DateTime,
  last: DateTime,
  from: string,
  to: string,
) {
  const [regions, people, links, absences, work, existing] = await Promise.all([
    db.selectFrom('regions').select('code').orderBy('code').execute(),
    db
      .selectFrom('practitioners')
      .select(['id', 'name'])
      .where('archived_at', 'is', null)
      .where('kind', '=', 'parenting')
      .orderBy('id')
      .execute(),
    db.selectFrom('practitioner_regions').selectAll().execute(),
    db
      .selectFrom('absences')
      .select(['practitioner_id', 'starts_at', 'ends_at'])
      .where('deleted_at', 'is', null)
      .where('starts_at', '<', last.plus({ days: 1 }).toJSDate())
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', first.toJSDate())]))
      .execute(),
    db
      .selectFrom('shift_assignments as a')
      .innerJoin('shifts as s', 's.id', 'a.shift_id')
      .select(['a.practitioner_id', 's.local_date', 's.starts_at', 's.ends_at'])
      .where('s.local_date', '>=', first.minus({ days: 7 }).toISODate()!)
      .where('s.local_date', '<=', to)
      .execute(),
    standbyBetween(db, from, to),
  ]);
  return { regions, people, links, absences, work, existing };
}
