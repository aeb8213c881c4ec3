import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function findPlanRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('cover_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

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
