import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { listDatTeams } from './setup-repository.js';
import { changeContext } from './route-context.js';
import {
  DatTeam,
  DatTeams,
  DutyQuery,
  DutyTeam,
  DutyWeek,
  DutyWeeks,
  HubParams,
  HubSettings,
  SetHubSettings,
  TeamName,
  TeamParams,
  WeekParams,
} from './setup-schemas.js';
import { dutyWeeksOf, hubSettingsOf, putDatTeam, setDutyWeek, setHubSettings } from './setup-service.js';

const op = operations('osr');

export const setupRoutes = routes(putTeam, teams, putDutyWeek, dutyWeeks, settings, putSettings);

function putTeam(app: App, deps: Deps): void {
  const schema = op('Create or rename a Duty and Assessment Team', {
    params: TeamParams,
    body: TeamName,
    response: { 200: DatTeam, 201: DatTeam },
  });
  app.put('/osr/dat-teams/:code', { schema }, async (request, reply) => {
    const { created, ...team } = await putDatTeam(
      changeContext(deps, request),
      request.params.code,
      request.body.name,
    );
    reply.status(created ? 201 : 200);
    return team;
  });
}

function teams(app: App, { database: { db } }: Deps): void {
  const schema = op('List the Duty and Assessment Teams', { response: { 200: DatTeams } });
  app.get('/osr/dat-teams', { schema }, async () => ({ items: await listDatTeams(db) }));
}

const PUT_DUTY = 'Say which DAT team is on duty in a week (it works with the hubs the week after)';

function putDutyWeek(app: App, deps: Deps): void {
  const schema = op(PUT_DUTY, { params: WeekParams, body: DutyTeam, response: { 200: DutyWeek } }, [422]);
  app.put('/osr/dat-duty-weeks/:week', { schema }, async (request) =>
    setDutyWeek(changeContext(deps, request), request.params.week, request.body.datTeam),
  );
}

const DUTY_WEEKS = 'The DAT duty weeks between two weeks, each with the OSR week it leads to';

function dutyWeeks(app: App, { database: { db }, config }: Deps): void {
  const schema = op(DUTY_WEEKS, { querystring: DutyQuery, response: { 200: DutyWeeks } });
  app.get('/osr/dat-duty-weeks', { schema }, async (request) =>
    dutyWeeksOf(db, request.query, config.timezone),
  );
}

const SETTINGS = "A hub's rota settings: how it mixes H and I grades over time";

function settings(app: App, { database: { db } }: Deps): void {
  const schema = op(SETTINGS, { params: HubParams, response: { 200: HubSettings } }, [404]);
  app.get('/osr/hubs/:hub/settings', { schema }, async (request) => hubSettingsOf(db, request.params.hub));
}

const PUT_SETTINGS = 'Set how a hub mixes H and I grades: alternate, or a target share of H weeks';

function putSettings(app: App, deps: Deps): void {
  const schema = op(
    PUT_SETTINGS,
    { params: HubParams, body: SetHubSettings, response: { 200: HubSettings } },
    [404],
  );
  app.put('/osr/hubs/:hub/settings', { schema }, async (request) =>
    setHubSettings(changeContext(deps, request), request.params.hub, request.body),
  );
}
