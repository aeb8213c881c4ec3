import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { auditContextOf } from '../audit/record.js';
import { templateCsv, type ImportKind } from './columns.js';
import { ImportQuery, importDescription, Report, Sheet, Template } from './schemas.js';
import { runImport } from './service.js';

const op = operations('imports');

/** Imports from spreadsheets: text/csv is accepted here only (the rest of the API takes JSON). */
export const importRoutes = routes(acceptCsv, ...sheet('practitioners'), ...sheet('placements'));

/** Each kind: its upload, then its template. */
function sheet(kind: ImportKind) {
  return [upload(kind), template(kind)];
}

function acceptCsv(app: App): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}

function upload(kind: ImportKind) {
  const summary = `Import ${kind} from a spreadsheet (text/csv); ?dryRun=true reports and writes nothing`;
  const inputs = {
    description: importDescription(kind),
    consumes: ['text/csv'],
    querystring: ImportQuery,
    body: Sheet(kind),
    response: { 200: Report, 422: Report },
  };
  return (app: App, { database: { db }, config }: Deps): void => {
    app.post(`/imports/${kind}`, { schema: op(summary, inputs, [413, 415]) }, async (request, reply) => {
      const dryRun = request.query.dryRun ?? false;
      const options = { dryRun, audit: auditContextOf(request), timezone: config.timezone };
      const report = await runImport(db, kind, request.body, options);
      reply.status(report.valid || dryRun ? 200 : 422);
      return report;
    });
  };
}

// Written out rather than through `op`: the published document lists no problem answers for the template.
function template(kind: ImportKind) {
  const schema = {
    tags: ['imports'],
    summary: `The ${kind} spreadsheet template: the columns and one example row`,
    response: { 200: Template(kind) },
  };
  return (app: App): void => {
    app.get(`/imports/${kind}/template.csv`, { schema }, async (_request, reply) => {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}.csv"`);
      return templateCsv(kind);
    });
  };
}
