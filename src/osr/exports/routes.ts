import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/app-types.js';
import { operations, routes } from '../../http/operation.js';
import { ExportQuery } from '../schemas.js';
import { rotaCsv } from './csv.js';
import { rotaHtml, STYLE_HASH } from './html.js';
import { rotaIcs } from './ics.js';
import { asCsv, asPage, fileAnswer, printedAt } from './reply.js';
import { exportTableOf, type ExportTable } from './rows.js';

const op = operations('osr');

/** The rota's weeks asked for (12 from the current week unless said), as one file, sent by `send`. */
function exportRoute(path: string, summary: string, mime: string, example: string, send: Send) {
  return (app: App, { database: { db }, config }: Deps): void => {
    const response = { 200: fileAnswer(mime, example, summary) };
    const schema = op(summary, { querystring: ExportQuery, produces: [mime], response }, [404]);
    app.get(path, { schema }, async (request, reply) =>
      send(await exportTableOf(db, request.query, config.timezone), reply, config.timezone),
    );
  };
}

type Send = (table: ExportTable, reply: FastifyReply, timezone: string) => string;

const HTML = 'The rota as a printable page, readable on a phone and on paper';
const HTML_EXAMPLE = '<!doctype html><html lang="en">...<table>...</table>...</html>';

const html = exportRoute('/osr/rotas.html', HTML, 'text/html', HTML_EXAMPLE, (table, reply, timezone) => {
  asPage(reply, STYLE_HASH);
  return rotaHtml(table, printedAt(timezone));
});

const CSV = 'The rota as a spreadsheet (CSV, one row per hub-week)';
const CSV_EXAMPLE =
  'week,monday,friday,hub,hub_name,lead_responder,grade,source,dat_team,lead_unavailable_days\r\n2026-W48,2026-11-23,2026-11-27,east-hub,East 0-19 Hub,Priya Shah,H,generated,DAT North,2026-11-25|2026-11-26\r\n';

const csv = exportRoute('/osr/rotas.csv', CSV, 'text/csv', CSV_EXAMPLE, (table, reply) => {
  asCsv(reply, `osr-rota-${table.weeks[0]}-${table.weeks.at(-1)}.csv`);
  return rotaCsv(table);
});

const ICS = 'The rota as an iCalendar feed: one all-day event per hub-week, with stable UIDs';
const ICS_EXAMPLE = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nEND:VCALENDAR\r\n';

const ics = exportRoute('/osr/rotas.ics', ICS, 'text/calendar', ICS_EXAMPLE, (table, reply, timezone) => {
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', 'inline; filename="osr-rota.ics"')
    .header('x-content-type-options', 'nosniff');
  return rotaIcs(table, timezone);
});

// Last: the routes above are values built by exportRoute, so they exist only from here on.
export const exportRoutes = routes(html, csv, ics);
