import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { Type, type Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { LocalDate, Uuid } from '../http/schemas.js';
import { PhaseSchema, placementExample, type PatchPlacementBody, type PlacementDto } from './model.js';
import type { Phase } from './shift-plan.js';

export const ReviewDecision = Type.Union(
  [Type.Literal('continue'), Type.Literal('step_down'), Type.Literal('extend'), Type.Literal('end')],
  {
    description:
      'continue: the plan stays; step_down: a new plan (phases) from the review, e.g. waking hours; extend: a later end date; end: the placement ends (on endDate, default the review day)',
  },
);

export const CreateReview = Type.Object(
  {
    heldOn: LocalDate,
    decision: ReviewDecision,
    phases: Type.Optional(
      Type.Array(PhaseSchema, { minItems: 1, maxItems: 20, description: 'step_down: the new plan' }),
    ),
    endDate: Type.Optional(LocalDate),
    nextReviewDate: Type.Optional(LocalDate),
    note: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'What was decided and why; case references only, no names or personal details',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { heldOn: '2026-12-21', decision: 'continue', note: 'Progress on routines; review again in 3 weeks' },
      { heldOn: '2026-12-21', decision: 'extend', endDate: '2027-02-28' },
      { heldOn: '2026-12-21', decision: 'end' },
    ],
  },
);
export type CreateReviewBody = Static<typeof CreateReview>;

export const reviewExample = {
  id: '0c8a4d7e-5b1f-4e2a-9d3c-6f7e8a9b0c1d',
  placementId: placementExample.id,
  heldOn: '2026-12-21',
  decision: 'continue',
  note: 'Progress on routines; review again in 3 weeks',
  nextReviewDate: '2027-01-11',
  endDate: '2027-01-10',
  createdAt: '2026-12-21T15:02:00.000Z',
};
export const Review = Type.Object(
  {
    id: Uuid,
    placementId: Uuid,
    heldOn: LocalDate,
    decision: ReviewDecision,
    note: Type.Union([Type.String(), Type.Null()]),
    nextReviewDate: Type.Union([LocalDate, Type.Null()], { description: 'null once the placement ends' }),
    endDate: LocalDate,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { examples: [reviewExample] },
);
export type ReviewDto = Static<typeof Review>;

const REVIEW_EVERY_WEEKS = 3;
const plusWeeks = (date: string, weeks: number) => DateTime.fromISO(date).plus({ weeks }).toISODate()!;

/** A plan cut short at `end`: phases after it go, the last one is trimmed. */
function trimPhases(phases: Phase[], end: string): Phase[] {
  return phases.filter((p) => p.fromDate <= end).map((p) => (p.toDate > end ? { ...p, toDate: end } : p));
}

/** A plan carried on to a later end: the phase that ran to the old end runs to the new one. */
function extendPhases(phases: Phase[], oldEnd: string, end: string): Phase[] {
  return phases.map((p) => (p.toDate === oldEnd ? { ...p, toDate: end } : p));
}

/**
 * What a review decision changes in the placement, as a patch the placement's own rules then check:
 * the plan (phases, end date) and the next review date.
 */
export function reviewPatch(placement: PlacementDto, body: CreateReviewBody): PatchPlacementBody {
  const field = (name: string, message: string) => [{ field: `/body/${name}`, message }];
  if (body.heldOn < placement.startDate)
    throw problems.unprocessable(
      `A review of ${placement.caseReference} cannot be held before it starts (${placement.startDate}).`,
      field('heldOn', 'is before the placement starts'),
    );
  if (body.decision !== 'step_down' && body.phases)
    throw problems.badRequest(
      'phases are given only with step_down.',
      field('phases', 'only with step_down'),
    );
  const nextReview = body.nextReviewDate ?? plusWeeks(body.heldOn, REVIEW_EVERY_WEEKS);
  switch (body.decision) {
    case 'continue':
      return { reviewDate: nextReview };
    case 'step_down':
      if (!body.phases)
        throw problems.badRequest('step_down needs the new plan in phases.', field('phases', 'is required'));
      return {
        phases: body.phases,
        reviewDate: nextReview,
        ...(body.endDate ? { endDate: body.endDate } : {}),
      };
    case 'extend':
      if (!body.endDate || body.endDate <= placement.endDate)
        throw problems.unprocessable(
          `An extension of ${placement.caseReference} needs an end date after ${placement.endDate}.`,
          field('endDate', `must be after ${placement.endDate}`),
        );
      return {
        endDate: body.endDate,
        phases: extendPhases(placement.phases as Phase[], placement.endDate, body.endDate),
        reviewDate: nextReview,
      };
    case 'end': {
      const end = body.endDate ?? body.heldOn;
      if (end > placement.endDate)
        throw problems.unprocessable(
          `${placement.caseReference} already ends on ${placement.endDate}; to go on longer, extend it.`,
          field('endDate', `must not be after ${placement.endDate}`),
        );
      return { endDate: end, phases: trimPhases(placement.phases as Phase[], end), reviewDate: end };
    }
  }
}

export async function insertReview(
  db: Kysely<DB>,
  placement: PlacementDto,
  body: CreateReviewBody,
  createdBy: string | null,
): Promise<ReviewDto> {
  const row = await db
    .insertInto('placement_reviews')
    .values({
      placement_id: placement.id,
      held_on: body.heldOn,
      decision: body.decision,
      note: body.note ?? null,
      next_review_date: body.decision === 'end' ? null : placement.reviewDate,
      end_date: placement.endDate,
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row);
}

type ReviewRow = {
  id: string;
  placement_id: string;
  held_on: string;
  decision: ReviewDto['decision'];
  note: string | null;
  next_review_date: string | null;
  end_date: string;
  created_at: Date;
};
const toReview = (r: ReviewRow): ReviewDto => ({
  id: r.id,
  placementId: r.placement_id,
  heldOn: r.held_on,
  decision: r.decision,
  note: r.note,
  nextReviewDate: r.next_review_date,
  endDate: r.end_date,
  createdAt: r.created_at.toISOString(),
});

export async function listReviews(db: Kysely<DB>, placementId: string): Promise<ReviewDto[]> {
  const rows = await db
    .selectFrom('placement_reviews')
    .selectAll()
    .where('placement_id', '=', placementId)
    .orderBy('held_on')
    .orderBy('created_at')
    .execute();
  return rows.map(toReview);
}
