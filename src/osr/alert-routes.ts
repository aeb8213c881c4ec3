import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { AlertList, AlertQuery } from './alert-schemas.js';
import { listAlerts } from './alert-service.js';
import { knownHub } from './rota-service.js';
import { weeksFromNow } from './weeks.js';

const op = operations('osr');

/** The hub manager's list: every hub-week whose lead responder is absent or has left, with what it touches. */
export const alertRoutes = routes(alerts);

const ALERTS = 'Hub-weeks whose lead responder is absent on a working day or has left, with proposals';
const ALERTS_WHY =
  'Derived on every read from absences and leavers (the same rule that refuses bookings). Each alert ' +
  'carries a replacement proposal and the bookings and interventions the hub manager needs to move. ' +
  'From the current week for 12 weeks unless fromWeek/toWeek say otherwise.';

function alerts(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    ALERTS,
    { description: ALERTS_WHY, querystring: AlertQuery, response: { 200: AlertList } },
    [404],
  );
  app.get('/osr/alerts', { schema }, async (request) => {
    const { hub } = request.query;
    const weeks = weeksFromNow(request.query, config.timezone);
    await knownHub(db, hub);
    if (hub) assertHubScope(request, hub);
    // A hub manager sees the hubs its key names; everyone else every hub (or the one asked for).
    return listAlerts(db, weeks, hub ? [hub] : hubScopeOf(request), config.timezone);
  });
}
