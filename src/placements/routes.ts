import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { CreatePlacement, PatchPlacement, Placement } from './model.js';
import { findPlacement, listPlacements } from './repository.js';
import { listReviews, CreateReview } from './reviews.js';
import {
  ChangedPlacement,
  PlacementPage,
  PlacementParams,
  PlacementQuery,
  PlacementWithShifts,
  ReviewApplied,
  Reviews,
} from './schemas.js';
import { changePlacement, createPlacement, reviewPlacement } from './service.js';

const op = operations('placements');

export const placementRoutes = routes(create, list, one, update);
export const placementReviewRoutes = routes(review, reviews);

const CREATE = 'Start a placement; its shifts are generated from the phases (default 24/7 in two shifts)';

function create(app: App, { database: { db }, config }: Deps): void {
  const schema = op(CREATE, { body: CreatePlacement, response: { 201: PlacementWithShifts } }, [409, 422]);
  app.post('/placements', { schema }, async (request, reply) => {
    const created = await createPlacement({ db, timezone: config.timezone, request, reply }, request.body);
    reply.status(201).header('location', `/v1/placements/${created.id}`);
    return created;
  });
}

const LIST = 'List placements, by region, active in a period, or with a review due in a period';

function list(app: App, { database: { db } }: Deps): void {
  const schema = op(LIST, { querystring: PlacementQuery, response: { 200: PlacementPage } });
  app.get('/placements', { schema }, async (request) => {
    const { limit = 100, offset = 0, ...filter } = request.query;
    return { ...(await listPlacements(db, filter, limit, offset)), limit, offset };
  });
}

function one(app: App, { database: { db } }: Deps): void {
  const summary = 'Get a placement with its phases and requirements';
  const schema = op(summary, { params: PlacementParams, response: { 200: Placement } }, [404]);
  app.get('/placements/:id', { schema }, async (request, reply) => {
    const placement = await findPlacement(db, request.params.id);
    if (!placement) throw problems.notFound('placement', request.params.id);
    setEtag(reply, placement.version);
    return placement;
  });
}

const UPDATE =
  'Change a plan (review, step-down, extension): future shifts are regenerated; started and locked ones stay';

function update(app: App, { database: { db }, config }: Deps): void {
  const input = { params: PlacementParams, headers: IfMatchHeaders, body: PatchPlacement };
  const schema = op(UPDATE, { ...input, response: { 200: ChangedPlacement } }, [404, 412, 422]);
  app.patch('/placements/:id', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request, reply };
    return changePlacement(ctx, request.params.id, request.body);
  });
}

const REVIEW =
  'Record a review (continue, step down, extend or end) and apply it to the plan: future shifts are regenerated and re-checked';

function review(app: App, { database: { db }, config }: Deps): void {
  const input = { params: PlacementParams, body: CreateReview };
  const schema = op(REVIEW, { ...input, response: { 201: ReviewApplied } }, [400, 404, 422]);
  app.post('/placements/:id/reviews', { schema }, async (request, reply) => {
    const { id } = request.params;
    const applied = await reviewPlacement({ db, timezone: config.timezone, request }, id, request.body);
    reply.status(201).header('location', `/v1/placements/${id}/reviews`);
    return applied;
  });
}

function reviews(app: App, { database: { db } }: Deps): void {
  const schema = op(
    "A placement's reviews, oldest first",
    { params: PlacementParams, response: { 200: Reviews } },
    [404],
  );
  app.get('/placements/:id/reviews', { schema }, async (request) => {
    const { id } = request.params;
    if (!(await findPlacement(db, id))) throw problems.notFound('placement', id);
    return { items: await listReviews(db, id) };
  });
}
