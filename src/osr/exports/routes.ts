import type { App, Deps } from '../../http/app-types.js';
import { operations, routes } from '../../http/operation.js';
import { ExportQuery } from '../schemas.js';
import { rotaCsv } from './csv.js';
import { rotaHtml, STYLE_HASH } from './html.js';
import { rotaIcs } from './ics.js';
import { asCsv, asPage, fileAnswer, printedAt } from './reply.js';
import { exportTableOf } from './rows.js';

const op = operations('osr');

export const exportRoutes = routes(html, csv, ics);

/** An export's schema: the rota's weeks asked for, answered as a file of one media type (the summary says what). */
const exportOp = (summary: string, mime: string, example: string) =>
  op(
    summary,
    { querystring: ExportQuery, produces: [mime], response: { 200: fileAnswer(mime, example, summary) } },
    [404],
  );

const HTML = 'The rota as a printable page, readable on a phone and on paper';
const HTML_EXAMPLE = '<!doctype html><html lang="en">...<table>...</table>...</html>';

function html(app: App, { database: { db }, config }: Deps): void {
  const schema = exportOp(HTML, 'text/html', HTML_EXAMPLE);
  app.get('/osr/rotas.html', { schema }, async (request, reply) => {
    const table = await exportTableOf(db, request.query, config.timezone);
    asPage(reply, STYLE_HASH);
    return rotaHtml(table, printedAt(config.timezone));
  });
}

const CSV = 'The rota as a spreadsheet (CSV, one row per hub-week)';
const CSV_EXAMPLE =
  'week,monday,friday,hub,hub_name,lead_responder,grade,source,dat_team,lead_unavailable_days\r\n2026-W48,2026-11-23,2026-11-27,east-hub,East 0-19 Hub,Priya Shah,H,generated,DAT North,2026-11-25|2026-11-26\r\n';

function csv(app: App, { database: { db }, config }: Deps): void {
  const schema = exportOp(CSV, 'text/csv', CSV_EXAMPLE);
  app.get('/osr/rotas.csv', { schema }, async (request, reply) => {
    const table = await exportTableOf(db, request.query, config.timezone);
    asCsv(reply, `osr-rota-${table.weeks[0]}-${table.weeks.at(-1)}.csv`);
    return rotaCsv(table);
  });
}

const ICS = 'The rota as an iCalendar feed: one all-day event per hub-week, with stable UIDs';
const ICS_EXAMPLE = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nEND:VCALENDAR\r\n';

function ics(app: App, { database: { db }, config }: Deps): void {
  const schema = exportOp(ICS, 'text/calendar', ICS_EXAMPLE);
  app.get('/osr/rotas.ics', { schema }, async (request, reply) => {
    const table = await exportTableOf(db, request.query, config.timezone);
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="osr-rota.ics"')
      .header('x-content-type-options', 'nosniff');
    return rotaIcs(table, config.timezone);
  });
}
