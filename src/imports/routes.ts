import { Type } from 'typebox';
import { auditContextOf } from '../audit/record.js';
import type { App, Deps } from '../http/app-types.js';
import { errorResponses } from '../http/schemas.js';
import { IMPORT_KINDS, templateCsv, type ImportKind } from './columns.js';
import { runImport } from './service.js';

const TAGS = ['imports'];

const Report = Type.Object(
  {
    kind: Type.String(),
    dryRun: Type.Boolean(),
    valid: Type.Boolean({ description: 'false: nothing was written; see errors' }),
    rows: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    errors: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'As a spreadsheet shows it: the header is row 1' }),
        column: Type.Union([Type.String(), Type.Null()]),
        message: Type.String(),
      }),
    ),
    items: Type.Array(
      Type.Object({
        row: Type.Integer(),
        externalRef: Type.String(),
        id: Type.Union([Type.String(), Type.Null()]),
        outcome: Type.String({ description: 'created, updated or unchanged' }),
      }),
    ),
  },
  {
    examples: [
      {
        kind: 'practitioners',
        dryRun: true,
        valid: false,
        rows: 42,
        created: 40,
        updated: 0,
        unchanged: 1,
        errors: [{ row: 7, column: 'homeRegion', message: 'unknown region code(s): nort-west' }],
        items: [{ row: 2, externalRef: 'HR-10442', id: null, outcome: 'created' }],
      },
    ],
  },
);

/** Imports from spreadsheets: text/csv is accepted here only (the rest of the API takes JSON). */
export async function importRoutes(app: App, { database, config }: Deps): Promise<void> {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  for (const kind of Object.keys(IMPORT_KINDS) as ImportKind[]) {
    const columns = IMPORT_KINDS[kind];
    const columnList = columns
      .map((c) => `\`${c.name}\`${c.required ? ' (required)' : ''}: ${c.description}`)
      .join('; ');
    app.post(
      `/imports/${kind}`,
      {
        schema: {
          tags: TAGS,
          summary: `Import ${kind} from a spreadsheet (text/csv); ?dryRun=true reports and writes nothing`,
          description: `One transaction: any bad row writes nothing (422 with the report). A row whose externalRef exists updates that record, so importing the same file again changes nothing. Every row is checked as the single-record route checks it, rules re-checked, audited. Columns: ${columnList}. Lists separate values with |. Template: GET /v1/imports/${kind}/template.csv.`,
          consumes: ['text/csv'],
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ default: false })) },
            { additionalProperties: false },
          ),
          body: Type.String({ description: 'CSV with a header row', examples: [templateCsv(kind)] }),
          response: { 200: Report, 422: Report, ...errorResponses(413, 415) },
        },
      },
      async (request, reply) => {
        const dryRun = request.query.dryRun ?? false;
        const report = await runImport(database.db, kind, request.body, {
          dryRun,
          audit: auditContextOf(request),
          timezone: config.timezone,
        });
        reply.status(report.valid || dryRun ? 200 : 422);
        return report;
      },
    );

    app.get(
      `/imports/${kind}/template.csv`,
      {
        schema: {
          tags: TAGS,
          summary: `The ${kind} spreadsheet template: the columns and one example row`,
          response: { 200: Type.String({ description: 'text/csv', examples: [templateCsv(kind)] }) },
        },
      },
      async (_request, reply) => {
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${kind}.csv"`);
        return templateCsv(kind);
      },
    );
  }
}
