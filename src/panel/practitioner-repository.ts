import { sql, type Kysely, type Updateable } from 'kysely';
import { replaceLinks, type Link } from '../db/links.js';
import type { DB, PractitionerRow, PractitionersTable } from '../db/schema.js';
import type { PractitionerDto } from './practitioner-model.js';

const REGIONS = { table: 'practitioner_regions', owner: 'practitioner_id', value: 'region_code' } as const;
const SPECIALISMS = {
  table: 'practitioner_specialisms',
  owner: 'practitioner_id',
  value: 'specialism_code',
} as const;

const NIL_ID = '00000000-0000-0000-0000-000000000000';

type Row = PractitionerRow & { regions: string[]; specialisms: string[] };

export const toPractitioner = (row: Row): PractitionerDto => ({
  id: row.id,
  externalRef: row.external_ref,
  name: row.name,
  kind: row.kind,
  grade: row.grade,
  homeRegion: row.home_region,
  regions: row.regions,
  hub: row.hub,
  specialisms: row.specialisms,
  gender: row.gender,
  contract: {
    maxHoursPer7Days: Number(row.max_hours_per_7_days),
    minRestHours: Number(row.min_rest_hours),
    maxConsecutiveNights: row.max_consecutive_nights,
    maxConsecutiveDays: row.max_consecutive_days,
    hoursPerWeek: row.contracted_hours_per_week === null ? null : Number(row.contracted_hours_per_week),
    minConsecutiveDaysOff: row.min_consecutive_days_off,
    maxWeekendsIn4Weeks: row.max_weekends_in_4_weeks,
  },
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
});

export interface PractitionerFilter {
  region?: string;
  specialism?: string;
  kind?: PractitionerDto['kind'];
  hub?: string;
  grade?: string;
  gender?: NonNullable<PractitionerDto['gender']>;
  externalRef?: string;
  q?: string;
  includeArchived?: boolean;
  ids?: string[];
}

/** The codes a practitioner is linked to (their regions or specialisms), in order ('{}' when none). */
const linkedCodes = ({ table, value }: Link) =>
  sql<
    string[]
  >`coalesce((select array_agg(${sql.ref(value)} order by ${sql.ref(value)}) from ${sql.table(table)} l where l.practitioner_id = p.id), '{}')`;

function selectPractitioners(db: Kysely<DB>) {
  return db
    .selectFrom('practitioners as p')
    .selectAll('p')
    .select([linkedCodes(REGIONS).as('regions'), linkedCodes(SPECIALISMS).as('specialisms')]);
}

export async function findPractitioner(db: Kysely<DB>, id: string, forUpdate = false) {
  const query = selectPractitioners(db).where('p.id', '=', id);
  const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row && toPractitioner(row);
}

export async function listPractitioners(
  db: Kysely<DB>,
  filter: PractitionerFilter,
  limit: number,
  offset: number,
) {
  let query = selectPractitioners(db);
  if (!filter.includeArchived) query = query.where('p.archived_at', 'is', null);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.hub) query = query.where('p.hub', '=', filter.hub);
  if (filter.grade) query = query.where('p.grade', '=', filter.grade);
  if (filter.gender) query = query.where('p.gender', '=', filter.gender);
  if (filter.externalRef) query = query.where('p.external_ref', '=', filter.externalRef);
  // No practitioner has the nil id: an empty list matches nobody.
  if (filter.ids) query = query.where('p.id', 'in', [NIL_ID, ...filter.ids]);
  if (filter.q) query = query.where('p.name', 'ilike', `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  // Regions and specialisms are link tables: a practitioner matches when a link names the code.
  if (filter.region) {
    const linked = db.selectFrom('practitioner_regions').select('practitioner_id');
    query = query.where('p.id', 'in', linked.where('region_code', '=', filter.region));
  }
  if (filter.specialism) {
    const linked = db.selectFrom('practitioner_specialisms').select('practitioner_id');
    query = query.where('p.id', 'in', linked.where('specialism_code', '=', filter.specialism));
  }
  const total = await db
    .selectFrom(query.as('filtered'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy('p.name').orderBy('p.id').limit(limit).offset(offset).execute();
  return { items: rows.map((r) => toPractitioner(r)), total: Number(total.n) };
}

/** What a practitioner is, as written: everything but the id, version and times the database keeps. */
export type PractitionerValues = Omit<
  PractitionerDto,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt'
>;

const columns = (v: PractitionerValues) => ({
  external_ref: v.externalRef,
  name: v.name,
  kind: v.kind,
  grade: v.grade,
  home_region: v.homeRegion,
  hub: v.hub,
  gender: v.gender,
  max_hours_per_7_days: v.contract.maxHoursPer7Days,
  min_rest_hours: v.contract.minRestHours,
  max_consecutive_nights: v.contract.maxConsecutiveNights,
  max_consecutive_days: v.contract.maxConsecutiveDays,
  contracted_hours_per_week: v.contract.hoursPerWeek,
  min_consecutive_days_off: v.contract.minConsecutiveDaysOff,
  max_weekends_in_4_weeks: v.contract.maxWeekendsIn4Weeks,
});

/** Writes their regions and specialisms (replacing the old ones) and reads them back whole. */
async function withLinks(db: Kysely<DB>, id: string, v: PractitionerValues): Promise<PractitionerDto> {
  await replaceLinks(db, REGIONS, id, v.regions);
  await replaceLinks(db, SPECIALISMS, id, v.specialisms);
  return (await findPractitioner(db, id))!;
}

/** Sets some of a practitioner's columns and moves their version on. */
async function bump(db: Kysely<DB>, id: string, set: Updateable<PractitionersTable>): Promise<void> {
  const now = new Date();
  await db
    .updateTable('practitioners')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

export async function insertPractitioner(db: Kysely<DB>, v: PractitionerValues): Promise<PractitionerDto> {
  const insert = db.insertInto('practitioners').values(columns(v));
  const { id } = await insert.returning('id').executeTakeFirstOrThrow();
  return withLinks(db, id, v);
}

export async function updatePractitioner(db: Kysely<DB>, id: string, v: PractitionerValues) {
  await bump(db, id, columns(v));
  return withLinks(db, id, v);
}

export async function archivePractitioner(db: Kysely<DB>, id: string): Promise<PractitionerDto> {
  await bump(db, id, { archived_at: new Date() });
  return (await findPractitioner(db, id))!;
}

/** Who else has this external reference (the id of another practitioner), if anyone. */
export async function practitionerWithRef(db: Kysely<DB>, externalRef: string, selfId?: string) {
  let query = db.selectFrom('practitioners').select('id').where('external_ref', '=', externalRef);
  if (selfId) query = query.where('id', '!=', selfId);
  return (await query.executeTakeFirst())?.id;
}

/** The hub of each 0-19 practitioner among these (others are left out). */
export async function zeroNineteenHubs(db: Kysely<DB>, ids: string[]): Promise<Map<string, string | null>> {
  const zeroNineteen = db.selectFrom('practitioners').where('kind', '=', 'zero_nineteen');
  const rows = await zeroNineteen.select(['id', 'hub']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.hub]));
}
