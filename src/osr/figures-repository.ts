import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The key of a hub-week in the maps below: its hub and Monday. */
export const hubWeekKey = (hub: string, monday: string) => `${hub}/${monday}`;

/** Distinct cases booked per hub-week between two Mondays (the counter rows the database keeps). */
export async function casesBookedPerWeek(
  db: Kysely<DB>,
  hubs: string[],
  first: string,
  last: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('osr_hub_weeks')
    .select(['hub_code', 'week_start', 'cases_booked'])
    .where('hub_code', 'in', hubs)
    .where('week_start', '>=', first)
    .where('week_start', '<=', last)
    .execute();
  return new Map(rows.map((r) => [hubWeekKey(r.hub_code, r.week_start), r.cases_booked]));
}

/** How many rows of a table each hub-week has (refusals, interventions started), by `key`. */
export async function countPerWeek(
  db: Kysely<DB>,
  table: 'osr_refusals' | 'osr_interventions',
  hubs: string[],
  first: string,
  last: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['hub_code', 'week_start', (eb) => eb.fn.countAll<number>().as('n')])
    .where('hub_code', 'in', hubs)
    .where('week_start', '>=', first)
    .where('week_start', '<=', last)
    .groupBy(['hub_code', 'week_start'])
    .execute();
  return new Map(rows.map((r) => [hubWeekKey(r.hub_code, r.week_start), Number(r.n)]));
}
