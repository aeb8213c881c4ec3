import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { asCsv, asPage, fileAnswer, printedAt } from './exports/reply.js';
import { reviewCsv } from './exports/review-csv.js';
import { reviewHtml, REVIEW_STYLE_HASH } from './exports/review-html.js';
import { Review } from './review-schemas.js';
import { reviewOf } from './review-service.js';
import { RotaQuery } from './schemas.js';

const op = operations('osr');

const REVIEW =
  'Pilot review figures: per hub and week (cases booked against the cap, refusals, interventions started) and per hub and month (outcomes, days open, feedback)';

function review(app: App, { database: { db }, config }: Deps): void {
  const schema = op(REVIEW, { querystring: RotaQuery, response: { 200: Review } }, [404]);
  app.get('/osr/review', { schema }, async (request) => reviewOf(db, request.query, config.timezone));
}

/** The review as one file: its path, what it is, its media type and an example, and how it is sent. */
function reviewFile(
  path: string,
  summary: string,
  answer: { mime: string; example: string; is: string },
  send: Send,
) {
  return (app: App, { database: { db }, config }: Deps): void => {
    const response = { 200: fileAnswer(answer.mime, answer.example, answer.is) };
    const schema = op(summary, { querystring: RotaQuery, produces: [answer.mime], response }, [404]);
    app.get(path, { schema }, async (request, reply) =>
      send(await reviewOf(db, request.query, config.timezone), reply, config.timezone),
    );
  };
}

type Send = (review: Review, reply: FastifyReply, timezone: string) => string;

const CSV = 'The pilot review per hub and month as a spreadsheet (CSV)';
const CSV_EXAMPLE = 'hub,hub_name,month,closed_completed,...\r\neast-hub,East 0-19 Hub,2026-11,3,...\r\n';
const csvFile = { mime: 'text/csv', example: CSV_EXAMPLE, is: 'One row per hub and month' };

const csv = reviewFile('/osr/review.csv', CSV, csvFile, (found, reply) => {
  asCsv(reply, `osr-review-${found.fromWeek}-${found.toWeek}.csv`);
  return reviewCsv(found);
});

const HTML = 'The pilot review as a printable page with charts (no scripts)';
const htmlFile = {
  mime: 'text/html',
  example: '<!doctype html>...<svg>...</svg>...',
  is: 'A printable page',
};

const html = reviewFile('/osr/review.html', HTML, htmlFile, (found, reply, timezone) => {
  asPage(reply, REVIEW_STYLE_HASH);
  return reviewHtml(found, printedAt(timezone));
});

// Last: csv and html are values built by reviewFile, so they exist only from here on.
export const reviewRoutes = routes(review, csv, html);
