import type { Kysely, Selectable } from 'kysely';
import { fromJson } from '../db/json.js';
import type { CoverPlansTable, DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import type { CoverTargetSpec } from './plan.js';
import type { CoverPlanBody } from './plan-solve.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function findPlanRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('cover_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The plan's row, locked until the transaction ends. */
export async function lockPlanRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('cover_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A cover plan as the API shows it, if there is one. */
export async function findCoverPlan(db: Kysely<DB>, id: string) {
  const row = await findPlanRow(db, id);
  return row && toCoverPlan(row);
}

export const toCoverPlan = (row: Selectable<CoverPlansTable>) => {
  // Plans made before grouped causes and horizons existed have neither.
  const stored = fromJson<CoverPlanBody>(row.plan);
  const plan = { horizon: null, ...stored, uncoveredSummary: stored.uncoveredSummary ?? [] };
  return {
    id: row.id,
    absenceId: row.absence_id,
    // Every target shift gets its alternatives, so they name the shifts the plan set out to cover.
    shiftIds: plan.alternatives.map((a) => a.shiftId),
    status: row.status,
    ...plan,
    createdAt: row.created_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
  };
};

/** A new plan for an absence replaces its earlier proposals. */
export async function insertPlan(
  db: Kysely<DB>,
  values: {
    absenceId: string | null;
    target: unknown;
    plan: unknown;
    revisions: unknown;
    createdBy: string | null;
  },
) {
  if (values.absenceId) await supersedeProposals(db, values.absenceId);
  return db
    .insertInto('cover_plans')
    .values({
      absence_id: values.absenceId,
      target: JSON.stringify(values.target),
      plan: JSON.stringify(values.plan),
      shift_revisions: JSON.stringify(values.revisions),
      created_by: values.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** This plan accepted; the absence's other proposals superseded. */
export async function closePlans(db: Kysely<DB>, planId: string, absenceId: string | null, now: Date) {
  const accepted = { status: 'accepted' as const, accepted_at: now };
  await db.updateTable('cover_plans').set(accepted).where('id', '=', planId).execute();
  if (absenceId) await supersedeProposals(db, absenceId);
}

async function supersedeProposals(db: Kysely<DB>, absenceId: string): Promise<void> {
  const proposed = db.updateTable('cover_plans').where('status', '=', 'proposed');
  await proposed.set({ status: 'superseded' }).where('absence_id', '=', absenceId).execute();
}

/** The shifts' revisions now, to keep with a plan. */
export async function shiftRevisions(db: Kysely<DB>, ids: string[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('shifts').select(['id', 'revision']).where('id', 'in', ids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.revision)]));
}

/** The same, locked in id order (as every writer locks shifts), to compare with a plan's; gone shifts are missing. */
export async function lockShiftRevisions(db: Kysely<DB>, ids: string[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const shifts = db.selectFrom('shifts').select(['id', 'revision']).where('id', 'in', ids);
  const rows = await shifts.orderBy('id').forUpdate().execute();
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.revision)]));
}

/** When a shift runs and how many people it needs. */
export async function shiftFrame(db: Kysely<DB>, id: string) {
  const shift = db.selectFrom('shifts').select(['starts_at', 'ends_at', 'required']);
  return shift.where('id', '=', id).executeTakeFirstOrThrow();
}

/** An absence deleted since its plan was made leaves nothing to cover: the plan stays readable, not acceptable. */
export async function refuseIfAbsenceDeleted(db: Kysely<DB>, planId: string): Promise<void> {
  const row = await db
    .selectFrom('cover_plans as c')
    .innerJoin('absences as a', 'a.id', 'c.absence_id')
    .select('a.deleted_at')
    .where('c.id', '=', planId)
    .executeTakeFirst();
  if (row?.deleted_at)
    throw problems.conflict(
      'The absence this plan covers was deleted; nothing is left to cover.',
      'absence-deleted',
    );
}

/** The shifts a plan is asked to cover that have not ended, in order of start (whether short is judged after). */
export async function shiftsToCover(db: Kysely<DB>, spec: CoverTargetSpec, now: Date) {
  let query = db
    .selectFrom('shifts as s')
    .select(['s.id', 's.local_date', 's.starts_at', 's.ends_at', 's.required'])
    .where('s.ends_at', '>', now)
    .orderBy('s.starts_at')
    .orderBy('s.id');
  // A shift is uncovered while an uncovering of it is unresolved (for an absence: one that absence caused).
  const open = db.selectFrom('shift_uncoverings').select('shift_id').where('resolved_at', 'is', null);
  if ('absenceId' in spec) query = query.where('s.id', 'in', open.where('absence_id', '=', spec.absenceId));
  else if ('shiftIds' in spec) query = query.where('s.id', 'in', [NO_ID, ...spec.shiftIds]);
  else {
    const { start, end } = spec.period;
    query = query.where('s.starts_at', '<', end).where('s.ends_at', '>', start).where('s.id', 'in', open);
  }
  return query.execute();
}
