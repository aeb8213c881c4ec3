import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The name of a practitioner who is not archived, if there is one with this id. */
export async function activePractitionerName(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('practitioners')
    .select('name')
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.name;
}

export async function worksInRegion(
  db: Kysely<DB>,
  practitionerId: string,
  region: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('practitioner_regions')
    .select('region_code')
    .where('practitioner_id', '=', practitionerId)
    .where('region_code', '=', region)
    .executeTakeFirst();
  return row !== undefined;
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
