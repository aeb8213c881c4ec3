import type { App, Deps } from '../http/app-types.js';
import { created } from '../http/answers.js';
import { operations, routes } from '../http/operation.js';
import { CoverPlan } from './model.js';
import { acceptCoverPlan, coverPlan, proposeCoverPlan } from './plan-service.js';
import { CoverPlanRequest, PlanParams } from './schemas.js';

const op = operations('cover');

export const coverRoutes = routes(propose, one, accept);

const PROPOSE =
  "A joint cover plan for uncovered shifts (an absence's, chosen ones, or a period's), with alternatives and reasons where there is no cover";

function propose(app: App, { database: { db }, config }: Deps): void {
  const schema = op(PROPOSE, { body: CoverPlanRequest, response: { 201: CoverPlan } }, [404, 409]);
  app.post('/cover-plans', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request };
    return created(
      reply,
      '/v1/cover-plans',
      await proposeCoverPlan(ctx, request.body, config.coverHorizonDays),
    );
  });
}

const ONE = 'A cover plan and its status';

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(ONE, { params: PlanParams, response: { 200: CoverPlan } }, [404]);
  app.get('/cover-plans/:id', { schema }, async (request) => coverPlan(db, request.params.id));
}

const ACCEPT =
  'Accept a plan: all of it or nothing; 409 if the rota changed since it was made (ask for a fresh one)';

function accept(app: App, { database: { db }, config }: Deps): void {
  const schema = op(ACCEPT, { params: PlanParams, response: { 200: CoverPlan } }, [404, 409]);
  app.post('/cover-plans/:id/accept', { schema }, async (request) =>
    acceptCoverPlan({ db, timezone: config.timezone, request }, request.params.id),
  );
}
