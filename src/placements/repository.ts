import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { replaceLinks } from '../db/links.js';
import type { PlacementDto } from './model.js';
import type { Phase } from './shift-plan.js';

export interface PlacementValues {
  caseReference: string;
  externalRef: string | null;
  region: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  requiredSpecialisms: string[];
  genderRequirement: 'female' | 'male' | 'other' | null;
  excludedPractitioners: string[];
  practitionersPerShift: number;
  phases: Phase[];
}

function selectPlacements(db: Kysely<DB>) {
  return db
    .selectFrom('placements as p')
    .selectAll('p')
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(s.specialism_code order by s.specialism_code) from placement_specialisms s where s.placement_id = p.id), '{}')`.as(
        'specialisms',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(e.practitioner_id::text order by e.practitioner_id) from placement_exclusions e where e.placement_id = p.id), '{}')`.as(
        'exclusions',
      ),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectPlacements>['executeTakeFirstOrThrow']>>;

const toPlacement = (row: Row): PlacementDto => ({
  id: row.id,
  caseReference: row.case_reference,
  externalRef: row.external_ref,
  region: row.region,
  startDate: row.start_date,
  endDate: row.end_date,
  reviewDate: row.review_date,
  requiredSpecialisms: row.specialisms,
  genderRequirement: row.gender_requirement,
  excludedPractitioners: row.exclusions,
  practitionersPerShift: row.practitioners_per_shift,
  phases: (typeof row.phases === 'string' ? JSON.parse(row.phases) : row.phases) as Phase[],
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function findPlacement(db: Kysely<DB>, id: string) {
  const row = await selectPlacements(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toPlacement(row) : undefined;
}

/** The placement under a row lock, for a change in this transaction. */
export async function lockPlacement(trx: Transaction<DB>, id: string) {
  const row = await selectPlacements(trx).where('p.id', '=', id).forUpdate().executeTakeFirst();
  return row ? toPlacement(row) : undefined;
}

export interface PlacementFilter {
  region?: string;
  /** Placements active on any day of [from, to]. */
  from?: string;
  to?: string;
  caseReference?: string;
  /** Placements whose next review falls on a day of [reviewDueFrom, reviewDueTo] and that have not ended. */
  reviewDueFrom?: string;
  reviewDueTo?: string;
}

export async function listPlacements(db: Kysely<DB>, filter: PlacementFilter, limit: number, offset: number) {
  let query = selectPlacements(db);
  if (filter.region) query = query.where('p.region', '=', filter.region);
  if (filter.from) query = query.where('p.end_date', '>=', filter.from);
  if (filter.to) query = query.where('p.start_date', '<=', filter.to);
  if (filter.caseReference) query = query.where('p.case_reference', '=', filter.caseReference);
  if (filter.reviewDueFrom)
    query = query
      .where('p.review_date', '>=', filter.reviewDueFrom)
      .where('p.end_date', '>', filter.reviewDueFrom);
  if (filter.reviewDueTo) query = query.where('p.review_date', '<=', filter.reviewDueTo);
  const total = await db
    .selectFrom(query.as('f'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('p.start_date')
    .orderBy('p.case_reference')
    .limit(limit)
    .offset(offset)
    .execute();
  return { items: rows.map(toPlacement), total: Number(total.n) };
}

const columns = (v: PlacementValues) => ({
  case_reference: v.caseReference,
  external_ref: v.externalRef,
  region: v.region,
  start_date: v.startDate,
  end_date: v.endDate,
  review_date: v.reviewDate,
  gender_requirement: v.genderRequirement,
  practitioners_per_shift: v.practitionersPerShift,
  phases: JSON.stringify(v.phases),
});

const SPECIALISMS = {
  table: 'placement_specialisms',
  owner: 'placement_id',
  value: 'specialism_code',
} as const;
const EXCLUSIONS = {
  table: 'placement_exclusions',
  owner: 'placement_id',
  value: 'practitioner_id',
} as const;

async function writeLinks(db: Kysely<DB>, id: string, v: PlacementValues) {
  await replaceLinks(db, SPECIALISMS, id, v.requiredSpecialisms);
  await replaceLinks(db, EXCLUSIONS, id, v.excludedPractitioners);
}

export async function insertPlacement(db: Kysely<DB>, v: PlacementValues): Promise<PlacementDto> {
  const { id } = await db
    .insertInto('placements')
    .values(columns(v))
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(db, id, v);
  return (await findPlacement(db, id))!;
}

export async function updatePlacement(db: Kysely<DB>, id: string, v: PlacementValues): Promise<PlacementDto> {
  await db
    .updateTable('placements')
    .set((eb) => ({ ...columns(v), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
  await writeLinks(db, id, v);
  return (await findPlacement(db, id))!;
}

/** The ids among these that are placements. */
export async function existingPlacements(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('placements')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}
