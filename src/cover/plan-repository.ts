import type { Kysely, Selectable } from 'kysely';
import { fromJson } from '../db/json.js';
import type { CoverPlansTable, DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import type { CoverPlanBody } from './plan.js';

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
  await db
    .updateTable('cover_plans')
    .set({ status: 'superseded' })
    .where('absence_id', '=', values.absenceId ?? NO_ID)
    .where('status', '=', 'proposed')
    .execute();
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
