import { sql, type Kysely } from 'kysely';
import type { DB, PractitionerRow } from '../db/schema.js';
import type { PractitionerDto } from './practitioner-model.js';

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
  },
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
});

export interface PractitionerFilter {
  region?: string;
  specialism?: string;
  kind?: string;
  hub?: string;
  grade?: string;
  gender?: string;
  externalRef?: string;
  q?: string;
  includeArchived?: boolean;
  ids?: string[];
}

function selectPractitioners(db: Kysely<DB>) {
  return db
    .selectFrom('practitioners as p')
    .selectAll('p')
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(r.region_code order by r.region_code) from practitioner_regions r where r.practitioner_id = p.id), '{}')`.as(
        'regions',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(s.specialism_code order by s.specialism_code) from practitioner_specialisms s where s.practitioner_id = p.id), '{}')`.as(
        'specialisms',
      ),
    ]);
}

export async function findPractitioner(db: Kysely<DB>, id: string, forUpdate = false) {
  let query = selectPractitioners(db).where('p.id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPractitioner(row as Row) : undefined;
}

export async function listPractitioners(
  db: Kysely<DB>,
  filter: PractitionerFilter,
  limit: number,
  offset: number,
) {
  let query = selectPractitioners(db);
  if (!filter.includeArchived) query = query.where('p.archived_at', 'is', null);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind as 'parenting');
  if (filter.hub) query = query.where('p.hub', '=', filter.hub);
  if (filter.grade) query = query.where('p.grade', '=', filter.grade);
  if (filter.gender) query = query.where('p.gender', '=', filter.gender as 'female');
  if (filter.externalRef) query = query.where('p.external_ref', '=', filter.externalRef);
  if (filter.ids)
    query = query.where(
      'p.id',
      'in',
      filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
    );
  if (filter.q) query = query.where('p.name', 'ilike', `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (filter.region) {
    const region = filter.region;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('practitioner_regions as r')
          .select('r.region_code')
          .whereRef('r.practitioner_id', '=', 'p.id')
          .where('r.region_code', '=', region),
      ),
    );
  }
  if (filter.specialism) {
    const specialism = filter.specialism;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('practitioner_specialisms as s')
          .select('s.specialism_code')
          .whereRef('s.practitioner_id', '=', 'p.id')
          .where('s.specialism_code', '=', specialism),
      ),
    );
  }
  const total = await db
    .selectFrom(query.as('filtered'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy('p.name').orderBy('p.id').limit(limit).offset(offset).execute();
  return { items: rows.map((r) => toPractitioner(r as Row)), total: Number(total.n) };
}

export interface PractitionerValues {
  externalRef: string | null;
  name: string;
  kind: 'parenting' | 'zero_nineteen';
  grade: string | null;
  homeRegion: string;
  regions: string[];
  hub: string | null;
  specialisms: string[];
  gender: 'female' | 'male' | 'other' | null;
  contract: PractitionerDto['contract'];
}

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
});

async function writeLinks(db: Kysely<DB>, id: string, v: PractitionerValues): Promise<void> {
  await db.deleteFrom('practitioner_regions').where('practitioner_id', '=', id).execute();
  await db.deleteFrom('practitioner_specialisms').where('practitioner_id', '=', id).execute();
  if (v.regions.length) {
    await db
      .insertInto('practitioner_regions')
      .values(v.regions.map((region_code) => ({ practitioner_id: id, region_code })))
      .execute();
  }
  if (v.specialisms.length) {
    await db
      .insertInto('practitioner_specialisms')
      .values(v.specialisms.map((specialism_code) => ({ practitioner_id: id, specialism_code })))
      .execute();
  }
}

export async function insertPractitioner(db: Kysely<DB>, v: PractitionerValues): Promise<PractitionerDto> {
  const { id } = await db
    .insertInto('practitioners')
    .values(columns(v))
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(db, id, v);
  return (await findPractitioner(db, id))!;
}

export async function updatePractitioner(
  db: Kysely<DB>,
  id: string,
  v: PractitionerValues,
): Promise<PractitionerDto> {
  await db
    .updateTable('practitioners')
    .set((eb) => ({ ...columns(v), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
  await writeLinks(db, id, v);
  return (await findPractitioner(db, id))!;
}

export async function archivePractitioner(db: Kysely<DB>, id: string): Promise<PractitionerDto> {
  await db
    .updateTable('practitioners')
    .set((eb) => ({ archived_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
  return (await findPractitioner(db, id))!;
}
