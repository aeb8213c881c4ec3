import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { mondayToIsoWeek } from '../time/weeks.js';
import { findReference, toReferenceItem, type ReferenceItem } from './repository.js';

export const DEFAULT_WEEKLY_CASE_CAP = 3;

export interface Hub extends ReferenceItem {
  weeklyCaseCap: number;
  capHistory: { fromWeek: string; weeklyCaseCap: number; setAt: string }[];
}

/**
 * The cap of a week: of the caps starting on or before it, the one set last (weeks before a hub's
 * first cap take the default). This asks the database function the booking trigger enforces, so what
 * the API shows and what the database refuses can never disagree.
 */
export async function capForWeek(db: Kysely<DB>, hub: string, weekMonday: string): Promise<number> {
  const { rows } = await sql<{
    cap: number;
  }>`SELECT osr_cap_for_week(${hub}, ${weekMonday}::date) AS cap`.execute(db);
  return Number(rows[0]?.cap ?? DEFAULT_WEEKLY_CASE_CAP);
}

async function capHistory(db: Kysely<DB>, code: string) {
  const rows = await db
    .selectFrom('hub_case_caps')
    .selectAll()
    .where('hub_code', '=', code)
    .orderBy('set_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    fromWeek: mondayToIsoWeek(r.from_week_start),
    weeklyCaseCap: r.weekly_case_cap,
    setAt: r.set_at.toISOString(),
  }));
}

/** Locks a hub's row for a change; false when there is no such hub. */
export async function lockHub(trx: Transaction<DB>, code: string): Promise<boolean> {
  const row = await trx
    .selectFrom('hubs')
    .select('code')
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function findHub(db: Kysely<DB>, code: string, currentMonday: string): Promise<Hub | undefined> {
  const base = await findReference(db, 'hubs', code);
  if (!base) return undefined;
  return {
    ...base,
    weeklyCaseCap: await capForWeek(db, code, currentMonday),
    capHistory: await capHistory(db, code),
  };
}

export async function listHubs(db: Kysely<DB>, currentMonday: string, limit: number, offset: number) {
  const rows = await db.selectFrom('hubs').selectAll().orderBy('code').limit(limit).offset(offset).execute();
  const total = await db
    .selectFrom('hubs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items: Hub[] = [];
  for (const row of rows) {
    items.push({
      ...toReferenceItem(row),
      weeklyCaseCap: await capForWeek(db, row.code, currentMonday),
      capHistory: await capHistory(db, row.code),
    });
  }
  return { items, total: Number(total.n) };
}

/** A cap change applies from its week on; every earlier change is kept, so earlier weeks keep theirs. */
export async function setCapFrom(
  db: Kysely<DB>,
  hub: string,
  fromMonday: string,
  cap: number,
): Promise<void> {
  await db
    .insertInto('hub_case_caps')
    .values({ hub_code: hub, from_week_start: fromMonday, weekly_case_cap: cap, set_at: new Date() })
    .execute();
}
