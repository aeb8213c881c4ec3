import type { DB } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { App, Deps } from '../app.js';
import { actorOf } from '../http/auth.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { problems } from '../http/problem.js';
import { errorResponses, Uuid } from '../http/schemas.js';
import { findAbsence } from '../panel/absence-repository.js';
import { acceptPlan } from './accept.js';
import { CoverPlan, coverPlanExample } from './model.js';
import { coverTargets, ensureSomethingToCover, makeCoverPlan, type CoverPlanBody } from './plan.js';
import { uncoverForAbsence } from './uncover.js';
import { fromJson } from '../db/json.js';

type PlanRow = {
  id: string;
  absence_id: string;
  status: string;
  plan: unknown;
  created_at: Date;
  accepted_at: Date | null;
};
const toDto = (row: PlanRow) => ({
  id: row.id,
  absenceId: row.absence_id,
  status: row.status,
  ...fromJson<CoverPlanBody>(row.plan),
  createdAt: row.created_at.toISOString(),
  acceptedAt: row.accepted_at?.toISOString() ?? null,
});

export async function coverRoutes(app: App, deps: Deps): Promise<void> {
  const { db } = deps.database;
  const tz = deps.config.timezone;
  deps.absenceEffects.push((trx, absence) => uncoverForAbsence(trx, absence));

  app.post(
    '/cover-plans',
    {
      schema: {
        tags: ['cover'],
        summary:
          'A joint cover plan for every shift an absence uncovered, with alternatives and reasons where there is no cover',
        body: Type.Object(
          { absenceId: Uuid },
          { additionalProperties: false, examples: [{ absenceId: coverPlanExample.absenceId }] },
        ),
        response: { 201: CoverPlan, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { absenceId } = request.body as { absenceId: string };
      const absence = await findAbsence(db, absenceId);
      if (!absence) throw problems.notFound('absence', absenceId);
      const now = new Date();
      const targets = await coverTargets(db, absenceId, now);
      ensureSomethingToCover(targets, absenceId);
      const { body, revisions } = await makeCoverPlan(db, targets, tz, now);
      const row = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cover_plans')
          .set({ status: 'superseded' })
          .where('absence_id', '=', absenceId)
          .where('status', '=', 'proposed')
          .execute();
        const created = await trx
          .insertInto('cover_plans')
          .values({
            absence_id: absenceId,
            plan: JSON.stringify(body),
            shift_revisions: JSON.stringify(revisions),
            created_by: actorOf(request).keyId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, auditContextOf(request), {
          entity: 'cover_plan',
          entityId: created.id,
          action: 'propose',
          after: body,
        });
        return created;
      });
      reply.status(201).header('location', `/v1/cover-plans/${row.id}`);
      return toDto(row);
    },
  );

  app.get(
    '/cover-plans/:id',
    {
      schema: {
        tags: ['cover'],
        summary: 'A cover plan and its status',
        params: Type.Object({ id: Uuid }),
        response: { 200: CoverPlan, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const row = await db.selectFrom('cover_plans').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw problems.notFound('cover plan', id);
      return toDto(row);
    },
  );

  app.post(
    '/cover-plans/:id/accept',
    {
      schema: {
        tags: ['cover'],
        summary:
          'Accept a plan: all of it or nothing; 409 if the rota changed since it was made (ask for a fresh one)',
        params: Type.Object({ id: Uuid }),
        response: { 200: CoverPlan, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const row = await db.transaction().execute(async (trx) => {
        await refuseIfAbsenceDeleted(trx, id);
        const body = await acceptPlan(trx, id, new Date());
        await recordAudit(trx, auditContextOf(request), {
          entity: 'cover_plan',
          entityId: id,
          action: 'accept',
          after: body,
        });
        return (await trx
          .selectFrom('cover_plans')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow())!;
      });
      return toDto(row);
    },
  );
}

/** An absence deleted since its plan was made leaves nothing to cover: the plan stays readable, not acceptable. */
async function refuseIfAbsenceDeleted(db: Kysely<DB>, planId: string): Promise<void> {
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
