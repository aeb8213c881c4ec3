import { placementEvent } from '../events/payloads.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { errorResponses, Uuid } from '../http/schemas.js';
import { applyChange } from '../changes/apply-change.js';
import { Placement, placementExample } from './model.js';
import { findPlacement, updatePlacement } from './repository.js';
import { CreateReview, insertReview, listReviews, Review, reviewExample, reviewPatch } from './reviews.js';
import { checkPlacement, mergePlacement } from './rules.js';
import { syncShifts } from './shift-sync.js';
import { Shift } from './shift-model.js';

const ReviewApplied = Type.Object(
  {
    review: Review,
    placement: Placement,
    shiftChanges: Type.Object({
      created: Type.Integer(),
      updated: Type.Integer(),
      removed: Type.Integer(),
      keptLocked: Type.Integer(),
    }),
    uncoveredShifts: Type.Array(Shift, {
      description: 'Shifts the new plan left short because someone on them now breaks a hard rule',
    }),
  },
  {
    examples: [
      {
        review: reviewExample,
        placement: placementExample,
        shiftChanges: { created: 0, updated: 0, removed: 0, keptLocked: 0 },
        uncoveredShifts: [],
      },
    ],
  },
);

export async function placementReviewRoutes(app: App, { database, config }: Deps): Promise<void> {
  const { db } = database;

  app.post(
    '/placements/:id/reviews',
    {
      schema: {
        tags: ['placements'],
        summary:
          'Record a review (continue, step down, extend or end) and apply it to the plan: future shifts are regenerated and re-checked',
        params: Type.Object({ id: Uuid }),
        body: CreateReview,
        response: { 201: ReviewApplied, ...errorResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: config.timezone, request },
        {
          entity: 'placement',
          action: `review:${body.decision}`,
          lock: async (trx) => {
            const before = await findPlacement(trx, id, true);
            if (!before) throw problems.notFound('placement', id);
            return before;
          },
          write: async (trx, before) => {
            const values = mergePlacement(before, reviewPatch(before, body));
            await checkPlacement(trx, values, id);
            const placement = await updatePlacement(trx, id, values);
            const shiftChanges = await syncShifts(trx, placement, config.timezone, new Date());
            const review = await insertReview(trx, placement, body, request.actor?.keyId ?? null);
            return { review, placement, shiftChanges };
          },
          entityId: () => id,
          recheck: () => ({ placementIds: [id] }),
          event: ({ placement, review }) => ({
            type: 'placement.changed',
            subjectId: id,
            payload: {
              placement: placementEvent(placement),
              review: { heldOn: review.heldOn, decision: review.decision },
            },
          }),
        },
      );
      reply.status(201).header('location', `/v1/placements/${id}/reviews`);
      return { ...after, uncoveredShifts };
    },
  );

  app.get(
    '/placements/:id/reviews',
    {
      schema: {
        tags: ['placements'],
        summary: "A placement's reviews, oldest first",
        params: Type.Object({ id: Uuid }),
        response: {
          200: Type.Object({ items: Type.Array(Review) }, { examples: [{ items: [reviewExample] }] }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findPlacement(db, id))) throw problems.notFound('placement', id);
      return { items: await listReviews(db, id) };
    },
  );
}
