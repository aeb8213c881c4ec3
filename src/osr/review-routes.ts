import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { asCsv, asPage, fileAnswer, printedAt } from './exports/reply.js';
import { reviewCsv } from './exports/review-csv.js';
import { reviewHtml, REVIEW_STYLE_HASH } from './exports/review-html.js';
import { Review } from './review-schemas.js';
import { reviewOf } from './review-service.js';
import { RotaQuery } from './schemas.js';

const op = operations('osr');

export const reviewRoutes = routes(review, csv, html);

const REVIEW =
  'Pilot review figures: per hub and week (cases booked against the cap, refusals, interventions started) and per hub and month (outcomes, days open, feedback)';

function review(app: App, { database: { db }, config }: Deps): void {
  const schema = op(REVIEW, { querystring: RotaQuery, response: { 200: Review } }, [404]);
  app.get('/osr/review', { schema }, async (request) => reviewOf(db, request.query, config.timezone));
}

const CSV = 'The pilot review per hub and month as a spreadsheet (CSV)';
const CSV_EXAMPLE = 'hub,hub_name,month,closed_completed,...\r\neast-hub,East 0-19 Hub,2026-11,3,...\r\n';
const csvAnswer = fileAnswer('text/csv', CSV_EXAMPLE, 'One row per hub and month');

function csv(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    CSV,
    { querystring: RotaQuery, produces: ['text/csv'], response: { 200: csvAnswer } },
    [404],
  );
  app.get('/osr/review.csv', { schema }, async (request, reply) => {
    const found = await reviewOf(db, request.query, config.timezone);
    asCsv(reply, `osr-review-${found.fromWeek}-${found.toWeek}.csv`);
    return reviewCsv(found);
  });
}

const HTML = 'The pilot review as a printable page with charts (no scripts)';
const htmlAnswer = fileAnswer('text/html', '<!doctype html>...<svg>...</svg>...', 'A printable page');

function html(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    HTML,
    { querystring: RotaQuery, produces: ['text/html'], response: { 200: htmlAnswer } },
    [404],
  );
  app.get('/osr/review.html', { schema }, async (request, reply) => {
    const found = await reviewOf(db, request.query, config.timezone);
    asPage(reply, REVIEW_STYLE_HASH);
    return reviewHtml(found, printedAt(config.timezone));
  });
}
