import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IsoWeek } from '../http/schemas.js';
import { currentWeekMonday, mondayToIsoWeek } from '../time/weeks.js';
import { alertExample, LeadAlert } from './alert-schemas.js';
import { leadAlerts } from './lead-alerts.js';
import { hubExists, leadRows } from './rota-repository.js';
import { osrWeek, weekRange } from './weeks.js';

/** The hub manager's list: every hub-week whose lead responder is absent or has left, with what it touches. */
export async function alertRoutes(app: App, { database, config }: Deps): Promise<void> {
  const db = database.db;
  const tz = config.timezone;

  app.get(
    '/osr/alerts',
    {
      schema: {
        tags: ['osr'],
        summary: 'Hub-weeks whose lead responder is absent on a working day or has left, with proposals',
        description:
          'Derived on every read from absences and leavers (the same rule that refuses bookings). Each alert ' +
          'carries a replacement proposal and the bookings and interventions the hub manager needs to move. ' +
          'From the current week for 12 weeks unless fromWeek/toWeek say otherwise.',
        querystring: Type.Object(
          { fromWeek: Type.Optional(IsoWeek), toWeek: Type.Optional(IsoWeek), hub: Type.Optional(Code) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { fromWeek: IsoWeek, toWeek: IsoWeek, items: Type.Array(LeadAlert) },
            { examples: [{ fromWeek: '2026-W48', toWeek: '2027-W07', items: [alertExample] }] },
          ),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const weeks = weekRange(q.fromWeek ?? mondayToIsoWeek(currentWeekMonday(tz)), q.toWeek);
      if (q.hub && !(await hubExists(db, q.hub))) throw problems.notFound('hub', q.hub);
      if (q.hub) assertHubScope(request, q.hub);
      // A hub manager sees the hubs its key names; everyone else every hub (or the one asked for).
      const scoped = hubScopeOf(request);
      const rows = await leadRows(db, {
        ...(q.hub ? { hubs: [q.hub] } : scoped ? { hubs: scoped } : {}),
        fromMonday: osrWeek(weeks[0]!, tz).monday,
        toMonday: osrWeek(weeks.at(-1)!, tz).monday,
      });
      const alerts = await leadAlerts(db, rows, tz);
      return { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, items: [...alerts.values()].flat() };
    },
  );
}
