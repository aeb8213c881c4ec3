import { DateTime } from 'luxon';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { Code, errorResponses, IsoWeek } from '../http/schemas.js';
import { reviewCsv } from './exports/review-csv.js';
import { reviewHtml, REVIEW_STYLE_HASH } from './exports/review-html.js';
import { reviewOf } from './review-service.js';
import { RotaQuery } from './schemas.js';

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
const ReviewBody = Type.Object(
  {
    fromWeek: IsoWeek,
    toWeek: IsoWeek,
    items: Type.Array(
      Type.Object({
        hub: Code,
        week: IsoWeek,
        weeklyCaseCap: Type.Integer(),
        casesBooked: Type.Integer(),
        refusedRequests: Type.Integer(),
        interventionsStarted: Type.Integer(),
      }),
      { description: 'Per hub and OSR week' },
    ),
    months: Type.Array(
      Type.Object({
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
        medianDaysOpen: Type.Union([Type.Number(), Type.Null()], {
          description: 'From startedOn to closedOn, of those closed in the month; null when none closed',
        }),
        transferredToStatutoryShare: Type.Union([Type.Number(), Type.Null()], {
          description:
            'Share (0 to 1) of those closed that moved to statutory services; null when none closed',
        }),
        meanFeedback: Type.Union([Type.Number(), Type.Null()], {
          description: "Mean of the families' scores (1-5) of those closed; null when none gave one",
        }),
        feedbackCount: count,
        casesBooked: Type.Integer({ description: 'Cases booked in the weeks whose Monday is in the month' }),
        caseCapacity: Type.Integer({ description: 'The weekly caps of those weeks, added up' }),
        refusedRequests: count,
        interventionsStarted: count,
      }),
      {
        description:
          'Per hub and calendar month: a week counts in the month of its Monday, an intervention in the month it closed',
      },
    ),
  },
  {
    examples: [{ fromWeek: '2026-W45', toWeek: '2026-W48', items: [weekExample], months: [monthExample] }],
  },
);

const text = (example: string, description: string) => Type.String({ examples: [example], description });

export async function reviewRoutes(app: App, deps: Deps): Promise<void> {
  getOsrReviewRoute(app, deps);
  getOsrReviewCsvRoute(app, deps);
  getOsrReviewHtmlRoute(app, deps);
}

function getOsrReviewRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/osr/review',
    {
      schema: {
        tags: ['osr'],
        summary:
          'Pilot review figures: per hub and week (cases booked against the cap, refusals, interventions started) and per hub and month (outcomes, days open, feedback)',
        querystring: RotaQuery,
        response: { 200: ReviewBody, ...errorResponses(404) },
      },
    },
    async (request) => reviewOf(db, request.query, tz),
  );
}

function getOsrReviewCsvRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/osr/review.csv',
    {
      schema: {
        tags: ['osr'],
        summary: 'The pilot review per hub and month as a spreadsheet (CSV)',
        querystring: RotaQuery,
        produces: ['text/csv'],
        response: {
          200: {
            content: {
              'text/csv': {
                schema: text(
                  'hub,hub_name,month,closed_completed,...\r\neast-hub,East 0-19 Hub,2026-11,3,...\r\n',
                  'One row per hub and month',
                ),
              },
            },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const review = await reviewOf(db, request.query, tz);
      reply
        .type('text/csv; charset=utf-8; header=present')
        .header(
          'content-disposition',
          `attachment; filename="osr-review-${review.fromWeek}-${review.toWeek}.csv"`,
        )
        .header('x-content-type-options', 'nosniff');
      return reviewCsv(review);
    },
  );
}

function getOsrReviewHtmlRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/osr/review.html',
    {
      schema: {
        tags: ['osr'],
        summary: 'The pilot review as a printable page with charts (no scripts)',
        querystring: RotaQuery,
        produces: ['text/html'],
        response: {
          200: {
            content: {
              'text/html': { schema: text('<!doctype html>...<svg>...</svg>...', 'A printable page') },
            },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const review = await reviewOf(db, request.query, tz);
      reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          `default-src 'none'; style-src ${REVIEW_STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache');
      return reviewHtml(review, DateTime.now().setZone(tz).toFormat('d LLL yyyy HH:mm'));
    },
  );
}
