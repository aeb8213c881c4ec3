import { Type } from 'typebox';
import { EVENT_CATALOGUE } from '../events/catalogue.js';
import { Code, Instant, LocalDate, Uuid } from '../http/schemas.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { coverPlanExample, standbyExample } from './model.js';

export const PlanParams = Type.Object({ id: Uuid });

export const CoverPlanRequest = Type.Object(
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

export const ResilienceQuery = Type.Object(
  { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.cover) },
  { additionalProperties: false },
);
const AtRisk = Type.Object({
  shiftId: Uuid,
  practitionerId: Uuid,
  name: Type.String(),
  label: Type.String(),
  region: Code,
  start: Instant,
  end: Instant,
  reasons: Type.Array(Type.String()),
});
const atRiskExample = {
  shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
  practitionerId: standbyExample.practitionerId,
  name: 'Alex Morgan',
  label: 'CR-2026-0412 Mon 30 Nov 20:00-08:00',
  region: 'north-west',
  start: '2026-11-30T20:00:00.000Z',
  end: '2026-12-01T08:00:00.000Z',
  reasons: ['11 of 12 considered lack a specialism it needs'],
};
export const ResilienceAnswer = Type.Object(
  {
    shiftsChecked: Type.Integer(),
    atRisk: Type.Array(AtRisk),
    byRegion: Type.Array(Type.Object({ region: Code, shifts: Type.Integer(), atRisk: Type.Integer() })),
  },
  {
    examples: [
      {
        shiftsChecked: 56,
        atRisk: [atRiskExample],
        byRegion: [{ region: 'north-west', shifts: 28, atRisk: 1 }],
      },
    ],
  },
);

export const EventsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
const FeedEvent = Type.Object({
  id: Type.Integer(),
  type: Type.String({ description: 'An event type of the catalogue (see webhooks)' }),
  subjectId: Type.String(),
  payload: Type.Unknown(),
  createdAt: Instant,
});
const feedExample = {
  id: 1,
  type: 'cover-plan.accepted',
  subjectId: 'c0ffee00-1234-4abc-8def-0123456789ab',
  payload: EVENT_CATALOGUE['cover-plan.accepted'].example,
  createdAt: '2026-11-23T07:03:00.000Z',
};
export const EventsPage = Type.Object(
  {
    items: Type.Array(FeedEvent),
    nextCursor: Type.Integer({ description: 'Pass as `after` to read on' }),
  },
  { examples: [{ items: [feedExample], nextCursor: 1 }] },
);
