import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A many-to-many link table: the owner's column and the linked code's or id's column. */
export interface Link {
  table:
    'practitioner_regions' | 'practitioner_specialisms' | 'placement_specialisms' | 'placement_exclusions';
  owner: string;
  value: string;
}

/** Makes the owner's links exactly `values` (a plan's specialisms, a practitioner's regions, ...). */
export async function replaceLinks(db: Kysely<DB>, link: Link, id: string, values: readonly string[]) {
  const { table, owner, value } = link;
  await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(owner)} = ${id}`.execute(db);
  if (!values.length) return;
  const rows = sql.join(values.map((v) => sql`(${id}, ${v})`));
  await sql`INSERT INTO ${sql.table(table)} (${sql.ref(owner)}, ${sql.ref(value)}) VALUES ${rows}`.execute(
    db,
  );
}
