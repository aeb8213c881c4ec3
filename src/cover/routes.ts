import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { actorOf } from '../http/auth.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { applyChange } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { problems } from '../http/problem.js';
import { errorResponses, LocalDate, Uuid } from '../http/schemas.js';
import { findAbsence } from '../panel/absence-repository.js';
import { acceptPlan } from './accept.js';
import { findPlanRow, insertPlan, refuseIfAbsenceDeleted } from './plan-repository.js';
import { CoverPlan, coverPlanExample } from './model.js';
import { withinHorizon } from './horizon.js';
import {
  coverTargets,
  ensureSomethingToCover,
  makeCoverPlan,
  type CoverPlanBody,
  type CoverTargetSpec,
} from './plan.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { fromJson } from '../db/json.js';

type PlanRow = {
  id: string;
  absence_id: string | null;
  status: string;
  plan: unknown;
  created_at: Date;
  accepted_at: Date | null;
};
const toDto = (row: PlanRow) => {
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

const CoverPlanRequest = Type.Object(
  {
    absenceId: Type.Optional(Uuid),
    shiftIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true })),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  {
    additionalProperties: false,
    description:
      'Exactly one of: absenceId (the shifts an absence uncovered), shiftIds (chosen shifts), or from and to (every uncovered shift starting on those local dates, both included)',
    examples: [
      { absenceId: coverPlanExample.absenceId },
      { shiftIds: coverPlanExample.shiftIds },
      { from: '2026-11-30', to: '2026-12-06' },
    ],
  },
);
type CoverPlanRequestBody = { absenceId?: string; shiftIds?: string[]; from?: string; to?: string };

/** What a request for a cover plan asks to cover, checked: exactly one of an absence, shifts or a period. */
async function targetSpec(
  db: Deps['database']['db'],
  tz: string,
  ask: CoverPlanRequestBody,
): Promise<{ spec: CoverTargetSpec; what: string }> {
  const modes = [ask.absenceId, ask.shiftIds, ask.from ?? ask.to].filter((x) => x !== undefined).length;
  if (modes !== 1 || (ask.from === undefined) !== (ask.to === undefined)) {
    throw problems.badRequest('Give exactly one of: absenceId, shiftIds, or from and to together.', [
      { field: '/body', message: 'needs absenceId, shiftIds, or from and to' },
    ]);
  }
  if (ask.absenceId) {
    const absence = await findAbsence(db, ask.absenceId);
    if (!absence) throw problems.notFound('absence', ask.absenceId);
    return { spec: { absenceId: ask.absenceId }, what: 'this absence' };
  }
  if (ask.shiftIds) return { spec: { shiftIds: ask.shiftIds }, what: 'the shifts asked for' };
  const period = localPeriod(ask.from!, ask.to!, tz, MAX_SPAN_DAYS.rotaRun, '/body/to');
  return { spec: { period }, what: `${ask.from} to ${ask.to}` };
}

export async function coverRoutes(app: App, deps: Deps): Promise<void> {
  postCoverPlansRoute(app, deps);
  getCoverPlansByIdRoute(app, deps);
  postCoverPlansByIdAcceptRoute(app, deps);
}

function postCoverPlansRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.post(
    '/cover-plans',
    {
      schema: {
        tags: ['cover'],
        summary:
          "A joint cover plan for uncovered shifts (an absence's, chosen ones, or a period's), with alternatives and reasons where there is no cover",
        body: CoverPlanRequest,
        response: { 201: CoverPlan, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const ask = request.body;
      const now = new Date();
      const { spec, what } = await targetSpec(db, tz, ask);
      const all = await coverTargets(db, spec, now);
      ensureSomethingToCover(all, what);
      const { targets, horizon } = withinHorizon(all, deps.config.coverHorizonDays);
      const made = await makeCoverPlan(db, targets, tz, now);
      const { revisions } = made;
      const body = { ...made.body, horizon };
      const row = await db.transaction().execute(async (trx) => {
        const created = await insertPlan(trx, {
          absenceId: ask.absenceId ?? null,
          target: ask,
          plan: body,
          revisions,
          createdBy: actorOf(request).keyId,
        });
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
}

function getCoverPlansByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

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
      const { id } = request.params;
      const row = await findPlanRow(db, id);
      if (!row) throw problems.notFound('cover plan', id);
      return toDto(row);
    },
  );
}

function postCoverPlansByIdAcceptRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

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
      const { id } = request.params;
      await applyChange(
        { db, timezone: tz, request },
        {
          entity: 'cover_plan',
          action: 'accept',
          lock: async (trx) => {
            const row = await findPlanRow(trx, id);
            if (!row) throw problems.notFound('cover plan', id);
            await refuseIfAbsenceDeleted(trx, id);
            const plan = fromJson<CoverPlanBody>(row.plan);
            await lockFactsForAssigning(
              trx,
              [...plan.assignments.map((a) => a.shiftId), ...plan.changes.map((c) => c.shiftId)],
              [...plan.assignments.map((a) => a.practitionerId), ...plan.changes.flatMap((c) => c.added)],
            );
          },
          write: (trx) => acceptPlan(trx, id, new Date()),
          entityId: () => id,
          // Whoever the plan puts on a shift is judged against the facts as they are now (someone it
          // proposes may have fallen sick or left since): anything broken refuses the whole plan.
          assigns: (body) => [
            ...body.assignments,
            ...body.changes.flatMap((c) => c.added.map((p) => ({ shiftId: c.shiftId, practitionerId: p }))),
          ],
        },
      );
      return toDto((await findPlanRow(db, id))!);
    },
  );
}
