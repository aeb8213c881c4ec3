import { Type, type Static } from 'typebox';
import { Code, IsoWeek } from '../http/schemas.js';

/** The pilot review's answer: figures per hub and week, and per hub and calendar month (see review.ts). */
const weekExample = {
  hub: 'east-hub',
  week: '2026-W48',
  weeklyCaseCap: 3,
  casesBooked: 3,
  refusedRequests: 2,
  interventionsStarted: 2,
};
const monthExample = {
  hub: 'east-hub',
  hubName: 'East 0-19 Hub',
  month: '2026-11',
  closed: { completed: 3, stepped_down: 1, transferred_to_statutory: 1, disengaged: 0, other: 0 },
  closedTotal: 5,
  medianDaysOpen: 49,
  transferredToStatutoryShare: 0.2,
  meanFeedback: 4.25,
  feedbackCount: 4,
  casesBooked: 11,
  caseCapacity: 12,
  refusedRequests: 2,
  interventionsStarted: 8,
};
const count = Type.Integer({ minimum: 0 });
const orNull = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

/** Per hub-week: the cap that week had, cases booked, refusals and interventions started. */
export const WeekFigures = Type.Object({
  hub: Code,
  week: IsoWeek,
  weeklyCaseCap: Type.Integer(),
  casesBooked: Type.Integer(),
  refusedRequests: Type.Integer(),
  interventionsStarted: Type.Integer(),
});
export type WeekFigures = Static<typeof WeekFigures>;

export const MonthFigures = Type.Object({
  hub: Code,
  hubName: Type.String(),
  month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  closed: Type.Object(
    {
      completed: count,
      stepped_down: count,
      transferred_to_statutory: count,
      disengaged: count,
      other: count,
    },
    { description: 'Interventions closed in the month, by outcome' },
  ),
  closedTotal: count,
  medianDaysOpen: orNull('From startedOn to closedOn, of those closed in the month; null when none closed'),
  transferredToStatutoryShare: orNull(
    'Share (0 to 1) of those closed that moved to statutory services; null when none closed',
  ),
  meanFeedback: orNull("Mean of the families' scores (1-5) of those closed; null when none gave one"),
  feedbackCount: count,
  casesBooked: Type.Integer({ description: 'Cases booked in the weeks whose Monday is in the month' }),
  caseCapacity: Type.Integer({ description: 'The weekly caps of those weeks, added up' }),
  refusedRequests: count,
  interventionsStarted: count,
});
export type MonthFigures = Static<typeof MonthFigures>;

export const Review = Type.Object(
  {
    fromWeek: IsoWeek,
    toWeek: IsoWeek,
    items: Type.Array(WeekFigures, { description: 'Per hub and OSR week' }),
    months: Type.Array(MonthFigures, {
      description:
        'Per hub and calendar month: a week counts in the month of its Monday, an intervention in the month it closed',
    }),
  },
  {
    examples: [{ fromWeek: '2026-W45', toWeek: '2026-W48', items: [weekExample], months: [monthExample] }],
  },
);
export type Review = Static<typeof Review>;
