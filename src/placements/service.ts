import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { placementEvent } from '../events/payloads.js';
import { problems } from '../http/problem.js';
import type { CreatePlacementBody, PatchPlacementBody } from './model.js';
import { insertPlacement, lockPlacement, updatePlacement } from './repository.js';
import { insertReview, reviewPatch, type CreateReviewBody } from './reviews.js';
import { checkPlacement, mergePlacement } from './rules.js';
import { syncShifts } from './shift-sync.js';

/** Starts a placement and generates its shifts from the phases. */
export async function createPlacement(ctx: ChangeContext, body: CreatePlacementBody) {
  const values = mergePlacement(undefined, body);
  const { after } = await applyChange(ctx, {
    entity: 'placement',
    action: 'create',
    write: async (trx) => {
      await checkPlacement(trx, values);
      const placement = await insertPlacement(trx, values);
      return { ...placement, shiftChanges: await syncShifts(trx, placement, ctx.timezone, null) };
    },
    entityId: (placement) => placement.id,
    event: (placement) => ({
      type: 'placement.created',
      subjectId: placement.id,
      payload: { placement: placementEvent(placement) },
    }),
    etag: (placement) => placement.version,
  });
  return after;
}

/**
 * Changes a plan: future shifts are regenerated (started and locked ones stay), and a new exclusion,
 * gender requirement, specialism or region takes off whoever it now rules out.
 */
export async function changePlacement(ctx: ChangeContext, id: string, patch: PatchPlacementBody) {
  const { after, uncoveredShifts } = await applyChange(ctx, {
    entity: 'placement',
    action: 'update',
    lock: (trx) => lockedPlacement(trx, id),
    version: (before) => before.version,
    write: async (trx, before) => {
      const placement = await rewritePlan(trx, id, mergePlacement(before, patch));
      return { ...placement, shiftChanges: await syncShifts(trx, placement, ctx.timezone, new Date()) };
    },
    entityId: () => id,
    recheck: () => ({ placementIds: [id] }),
    event: (placement) => ({
      type: 'placement.changed',
      subjectId: id,
      payload: { placement: placementEvent(placement) },
    }),
    etag: (placement) => placement.version,
  });
  return { ...after, uncoveredShifts };
}

/** Records a review (continue, step down, extend or end) and applies it to the plan. */
export async function reviewPlacement(ctx: ChangeContext, id: string, body: CreateReviewBody) {
  const { after, uncoveredShifts } = await applyChange(ctx, {
    entity: 'placement',
    action: `review:${body.decision}`,
    lock: (trx) => lockedPlacement(trx, id),
    write: async (trx, before) => {
      const placement = await rewritePlan(trx, id, mergePlacement(before, reviewPatch(before, body)));
      const shiftChanges = await syncShifts(trx, placement, ctx.timezone, new Date());
      const review = await insertReview(trx, placement, body, ctx.request.actor?.keyId ?? null);
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
  });
  return { ...after, uncoveredShifts };
}

async function lockedPlacement(trx: Transaction<DB>, id: string) {
  const before = await lockPlacement(trx, id);
  if (!before) throw problems.notFound('placement', id);
  return before;
}

async function rewritePlan(trx: Transaction<DB>, id: string, values: ReturnType<typeof mergePlacement>) {
  await checkPlacement(trx, values, id);
  return updatePlacement(trx, id, values);
}
