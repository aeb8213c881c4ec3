import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { Problem } from '../http/schemas.js';
import { calendarFor } from './service.js';

const ICS_EXAMPLE =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n...\r\nEND:VCALENDAR\r\n';

/** The keyless feed: outside /v1, public; the token in the path is the only credential. */
export const calendarFeedRoutes = routes(feed);

// Written out rather than through `operations`: without a key there is no 400, 401 or 403 to list.
const schema = {
  tags: ['calendars'],
  summary: 'The calendar behind a secret link (no API key: the link is the credential)',
  security: [],
  params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{43}\\.ics$' }) }),
  response: { 200: Type.String({ description: 'text/calendar', examples: [ICS_EXAMPLE] }), 404: Problem },
};

function feed(app: App, { database: { db }, config }: Deps): void {
  app.get('/calendars/:file', { config: { access: 'public' }, schema }, async (request, reply) => {
    const token = request.params.file.slice(0, -'.ics'.length);
    const ics = await calendarFor(db, token, config.timezone);
    if (!ics) throw problems.notFound('calendar link', 'given');
    reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .header('content-disposition', 'inline; filename="rota.ics"');
    return ics;
  });
}
