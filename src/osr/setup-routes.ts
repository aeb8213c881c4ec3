import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import type { ChangeContext } from '../changes/apply-change.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IsoWeek, Name } from '../http/schemas.js';
import { gradeMixOf, hubExists } from './rota-repository.js';
import { dutyWeeks, listDatTeams } from './setup-repository.js';
import { putDatTeam, setDutyWeek, setHubSettings } from './setup-service.js';
import { addWeeks, osrWeek, weekOfMonday, weekRange } from './weeks.js';

const DatTeam = Type.Object(
  { code: Code, name: Type.String() },
  { examples: [{ code: 'dat-north', name: 'DAT North' }] },
);
const dutyExample = {
  dutyWeek: '2026-W47',
  datTeam: 'dat-north',
  datTeamName: 'DAT North',
  osrWeek: '2026-W48',
};
const DutyWeek = Type.Object(
  { dutyWeek: IsoWeek, datTeam: Code, datTeamName: Type.String(), osrWeek: IsoWeek },
  {
    examples: [dutyExample],
    description: 'A DAT team on duty in dutyWeek works with the hubs in osrWeek, the week after',
  },
);
const settingsExample = { hub: 'east-hub', gradeMix: 'share', hShare: 0.5 };
const HubSettings = Type.Object(
  {
    hub: Code,
    gradeMix: Type.Union([Type.Literal('alternate'), Type.Literal('share')], {
      description: 'alternate: H and I week by week; share: aim for hShare of the weeks led by grade H',
    }),
    hShare: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { examples: [settingsExample] },
);
/** What the setup services need of a request: the database, the zone and who asks. */
const contextOf = (deps: Deps, request: ChangeContext['request']): ChangeContext => ({
  db: deps.database.db,
  timezone: deps.config.timezone,
  request,
});

export async function setupRoutes(app: App, deps: Deps): Promise<void> {
  putOsrDatTeamsByCodeRoute(app, deps);
  getOsrDatTeamsRoute(app, deps);
  putOsrDatDutyWeeksByWeekRoute(app, deps);
  getOsrDatDutyWeeksRoute(app, deps);
  getOsrHubsByHubSettingsRoute(app, deps);
  putOsrHubsByHubSettingsRoute(app, deps);
}

function putOsrDatTeamsByCodeRoute(app: App, deps: Deps): void {
  app.put(
    '/osr/dat-teams/:code',
    {
      schema: {
        tags: ['osr'],
        summary: 'Create or rename a Duty and Assessment Team',
        params: Type.Object({ code: Code }),
        body: Type.Object({ name: Name }, { additionalProperties: false, examples: [{ name: 'DAT North' }] }),
        response: { 200: DatTeam, 201: DatTeam, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { created, ...team } = await putDatTeam(
        contextOf(deps, request),
        request.params.code,
        request.body.name,
      );
      reply.status(created ? 201 : 200);
      return team;
    },
  );
}

function getOsrDatTeamsRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/osr/dat-teams',
    {
      schema: {
        tags: ['osr'],
        summary: 'List the Duty and Assessment Teams',
        response: {
          200: Type.Object(
            { items: Type.Array(DatTeam) },
            { examples: [{ items: [{ code: 'dat-north', name: 'DAT North' }] }] },
          ),
          ...errorResponses(),
        },
      },
    },
    async () => ({ items: await listDatTeams(db) }),
  );
}

function putOsrDatDutyWeeksByWeekRoute(app: App, deps: Deps): void {
  app.put(
    '/osr/dat-duty-weeks/:week',
    {
      schema: {
        tags: ['osr'],
        summary: 'Say which DAT team is on duty in a week (it works with the hubs the week after)',
        params: Type.Object({ week: IsoWeek }),
        body: Type.Object(
          { datTeam: Code },
          { additionalProperties: false, examples: [{ datTeam: 'dat-north' }] },
        ),
        response: { 200: DutyWeek, ...errorResponses(422) },
      },
    },
    async (request) => setDutyWeek(contextOf(deps, request), request.params.week, request.body.datTeam),
  );
}

function getOsrDatDutyWeeksRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.get(
    '/osr/dat-duty-weeks',
    {
      schema: {
        tags: ['osr'],
        summary: 'The DAT duty weeks between two weeks, each with the OSR week it leads to',
        querystring: Type.Object(
          { fromWeek: IsoWeek, toWeek: Type.Optional(IsoWeek) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(DutyWeek) }, { examples: [{ items: [dutyExample] }] }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const weeks = weekRange(request.query.fromWeek, request.query.toWeek);
      const rows = await dutyWeeks(db, osrWeek(weeks[0]!, tz).monday, osrWeek(weeks.at(-1)!, tz).monday);
      return {
        items: rows.map((r) => {
          const dutyWeek = weekOfMonday(r.duty_week_start);
          return { dutyWeek, datTeam: r.dat_team, datTeamName: r.name, osrWeek: addWeeks(dutyWeek, 1) };
        }),
      };
    },
  );
}

function getOsrHubsByHubSettingsRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/osr/hubs/:hub/settings',
    {
      schema: {
        tags: ['osr'],
        summary: "A hub's rota settings: how it mixes H and I grades over time",
        params: Type.Object({ hub: Code }),
        response: { 200: HubSettings, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { hub } = request.params;
      if (!(await hubExists(db, hub))) throw problems.notFound('hub', hub);
      const mix = await gradeMixOf(db, hub);
      return { hub, gradeMix: mix.gradeMix, hShare: mix.hShare };
    },
  );
}

function putOsrHubsByHubSettingsRoute(app: App, deps: Deps): void {
  app.put(
    '/osr/hubs/:hub/settings',
    {
      schema: {
        tags: ['osr'],
        summary: 'Set how a hub mixes H and I grades: alternate, or a target share of H weeks',
        params: Type.Object({ hub: Code }),
        body: Type.Object(
          {
            gradeMix: Type.Union([Type.Literal('alternate'), Type.Literal('share')]),
            hShare: Type.Optional(
              Type.Number({ minimum: 0, maximum: 1, description: 'share only; default 0.5' }),
            ),
          },
          { additionalProperties: false, examples: [{ gradeMix: 'share', hShare: 0.6 }] },
        ),
        response: { 200: HubSettings, ...errorResponses(404) },
      },
    },
    async (request) => setHubSettings(contextOf(deps, request), request.params.hub, request.body),
  );
}
