import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { currentWeekMonday } from '../time/weeks.js';
import { findHub, listHubs } from './hubs-repository.js';
import { CodeParams, Hub, HubPage, ListQuery, SaveHub } from './schemas.js';
import { saveHub } from './service.js';

const op = operations('reference');

/** 0-19 hubs: reference items with a weekly case cap; registered after regions and specialisms. */
export const hubRoutes = [list, one, save];

const LIST = 'List 0-19 hubs with their current weekly case cap';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: ListQuery, response: { 200: HubPage } });
  app.get('/hubs', { schema }, async (request) => {
    const { limit = 100, offset = 0 } = request.query;
    const monday = currentWeekMonday(config.timezone);
    return { ...(await listHubs(db, monday, limit, offset)), limit, offset };
  });
}

const ONE = 'Get a hub, its current case cap and the cap history';

function one(app: App, { database: { db }, config }: Deps): void {
  const schema = op(ONE, { params: CodeParams, response: { 200: Hub } }, [404]);
  app.get('/hubs/:code', { schema }, async (request, reply) => {
    const { code } = request.params;
    const hub = await findHub(db, code, currentWeekMonday(config.timezone));
    if (!hub) throw problems.notFound('hub', code);
    setEtag(reply, hub.version);
    return hub;
  });
}

const SAVE =
  'Create a hub or change its name or weekly case cap (a cap change applies from fromWeek on, default the current week; earlier weeks keep theirs)';

function save(app: App, { database: { db }, config }: Deps): void {
  const inputs = {
    params: CodeParams,
    headers: IfMatchHeaders,
    body: SaveHub,
    response: { 200: Hub, 201: Hub },
  };
  app.put('/hubs/:code', { schema: op(SAVE, inputs, [412]) }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request, reply };
    const { after, created } = await saveHub(ctx, request.params.code, request.body);
    reply.status(created ? 201 : 200);
    return after;
  });
}
