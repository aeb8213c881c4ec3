import { DateTime } from 'luxon';
import { Type, type Static } from 'typebox';
import type { App, Deps } from '../../http/app-types.js';
import { problems } from '../../http/problem.js';
import { Code, errorResponses, IsoWeek } from '../../http/schemas.js';
import { currentWeekMonday, mondayToIsoWeek } from '../../time/weeks.js';
import { hubExists } from '../rota-repository.js';
import { weekRange } from '../weeks.js';
import { rotaCsv } from './csv.js';
import { rotaHtml, STYLE_HASH } from './html.js';
import { rotaIcs } from './ics.js';
import { exportTable } from './rows.js';

const ExportQuery = Type.Object(
  {
    fromWeek: Type.Optional(IsoWeek),
    toWeek: Type.Optional(IsoWeek),
    hub: Type.Optional(Code),
  },
  { additionalProperties: false, description: 'Default: 12 weeks from the current week, every hub' },
);

const text = (example: string, description: string) => Type.String({ examples: [example], description });

export async function exportRoutes(app: App, { database, config }: Deps): Promise<void> {
  const db = database.db;
  const tz = config.timezone;

  const tableFor = async (q: Static<typeof ExportQuery>) => {
    const from = q.fromWeek ?? mondayToIsoWeek(currentWeekMonday(tz));
    const weeks = weekRange(from, q.toWeek, 104);
    if (q.hub && !(await hubExists(db, q.hub))) throw problems.notFound('hub', q.hub);
    return exportTable(db, weeks, q.hub, tz);
  };
  const route = (path: string, summary: string, mime: string, example: string) => ({
    path,
    options: {
      schema: {
        tags: ['osr'],
        summary,
        querystring: ExportQuery,
        produces: [mime],
        response: {
          200: { content: { [mime]: { schema: text(example, summary) } } },
          ...errorResponses(404),
        },
      },
    },
  });

  const html = route(
    '/osr/rotas.html',
    'The rota as a printable page, readable on a phone and on paper',
    'text/html',
    '<!doctype html><html lang="en">...<table>...</table>...</html>',
  );
  app.get(html.path, html.options, async (request, reply) => {
    const table = await tableFor(request.query);
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache');
    return rotaHtml(table, DateTime.now().setZone(tz).toFormat('d LLL yyyy HH:mm'));
  });

  const csv = route(
    '/osr/rotas.csv',
    'The rota as a spreadsheet (CSV, one row per hub-week)',
    'text/csv',
    'week,monday,friday,hub,hub_name,lead_responder,grade,source,dat_team,lead_unavailable_days\r\n2026-W48,2026-11-23,2026-11-27,east-hub,East 0-19 Hub,Priya Shah,H,generated,DAT North,2026-11-25|2026-11-26\r\n',
  );
  app.get(csv.path, csv.options, async (request, reply) => {
    const table = await tableFor(request.query);
    reply
      .type('text/csv; charset=utf-8; header=present')
      .header(
        'content-disposition',
        `attachment; filename="osr-rota-${table.weeks[0]}-${table.weeks.at(-1)}.csv"`,
      )
      .header('x-content-type-options', 'nosniff');
    return rotaCsv(table);
  });

  const ics = route(
    '/osr/rotas.ics',
    'The rota as an iCalendar feed: one all-day event per hub-week, with stable UIDs',
    'text/calendar',
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nEND:VCALENDAR\r\n',
  );
  app.get(ics.path, ics.options, async (request, reply) => {
    const table = await tableFor(request.query);
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="osr-rota.ics"')
      .header('x-content-type-options', 'nosniff');
    return rotaIcs(table, tz);
  });
}
