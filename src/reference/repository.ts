import type { Kysely } from 'kysely';
import type { DB, ReferenceRow } from '../db/schema.js';

/** Regions, specialisms and hubs share one shape: a code, a name and a version. */
export type ReferenceTableName = 'regions' | 'specialisms' | 'hubs';

export interface ReferenceItem {
  code: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toReferenceItem = (row: ReferenceRow): ReferenceItem => ({
  code: row.code,
  name: row.name,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function findReference(
  db: Kysely<DB>,
  table: ReferenceTableName,
  code: string,
  forUpdate = false,
) {
  let query = db.selectFrom(table).selectAll().where('code', '=', code);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toReferenceItem(row) : undefined;
}

export async function listReference(
  db: Kysely<DB>,
  table: ReferenceTableName,
  limit: number,
  offset: number,
) {
  const [rows, count] = await Promise.all([
    db.selectFrom(table).selectAll().orderBy('code').limit(limit).offset(offset).execute(),
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toReferenceItem), total: Number(count.n) };
}

export async function insertReference(db: Kysely<DB>, table: ReferenceTableName, code: string, name: string) {
  const row = await db.insertInto(table).values({ code, name }).returningAll().executeTakeFirstOrThrow();
  return toReferenceItem(row);
}

export async function updateReference(db: Kysely<DB>, table: ReferenceTableName, code: string, name: string) {
  const row = await db
    .updateTable(table)
    .set((eb) => ({ name, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReferenceItem(row);
}

/** Returns the codes in `codes` that do not exist, so a request can be refused with their names. */
export async function missingCodes(
  db: Kysely<DB>,
  table: ReferenceTableName,
  codes: string[],
): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const found = await db.selectFrom(table).select('code').where('code', 'in', unique).execute();
  const have = new Set(found.map((r) => r.code));
  return unique.filter((c) => !have.has(c));
}
