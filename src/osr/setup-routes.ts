import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { assertHubScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IsoWeek, Name } from '../http/schemas.js';
import { gradeMixOf, hubExists } from './rota-repository.js';
import { addWeeks, osrWeek, parseWeek, weekOfMonday, weekRange } from './weeks.js';

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
export async function setupRoutes(app: App, { database, config }: Deps): Promise<void> {
  const db = database.db;
  const tz = config.timezone;

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
      const { code } = request.params;
      const { name } = request.body;
      const created = await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('osr_dat_teams')
          .select(['code', 'name'])
          .where('code', '=', code)
          .forUpdate()
          .executeTakeFirst();
        await trx
          .insertInto('osr_dat_teams')
          .values({ code, name })
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name,
              version: eb('osr_dat_teams.version', '+', 1),
              updated_at: new Date(),
            })),
          )
          .execute();
        await recordAudit(trx, auditContextOf(request), {
          entity: 'osr_dat_team',
          entityId: code,
          action: before ? 'update' : 'create',
          before,
          after: { code, name },
        });
        return !before;
      });
      reply.status(created ? 201 : 200);
      return { code, name };
    },
  );

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
    async () => ({
      items: await db.selectFrom('osr_dat_teams').select(['code', 'name']).orderBy('code').execute(),
    }),
  );

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
    async (request) => {
      const { week } = request.params;
      const { datTeam } = request.body;
      parseWeek(week, '/params/week');
      const team = await db
        .selectFrom('osr_dat_teams')
        .select('name')
        .where('code', '=', datTeam)
        .executeTakeFirst();
      if (!team)
        throw problems.unprocessable(`No DAT team with code "${datTeam}" exists.`, [
          { field: '/body/datTeam', message: 'is not a known DAT team' },
        ]);
      const monday = osrWeek(week, tz).monday;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('osr_dat_duty_weeks')
          .values({ duty_week_start: monday, dat_team: datTeam })
          .onConflict((oc) =>
            oc.column('duty_week_start').doUpdateSet({ dat_team: datTeam, set_at: new Date() }),
          )
          .execute();
        await recordAudit(trx, auditContextOf(request), {
          entity: 'osr_dat_duty_week',
          entityId: week,
          action: 'set',
          after: { datTeam },
        });
      });
      return { dutyWeek: week, datTeam, datTeamName: team.name, osrWeek: addWeeks(week, 1) };
    },
  );

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
      const q = request.query;
      const weeks = weekRange(q.fromWeek, q.toWeek);
      const rows = await db
        .selectFrom('osr_dat_duty_weeks as d')
        .innerJoin('osr_dat_teams as t', 't.code', 'd.dat_team')
        .select(['d.duty_week_start', 'd.dat_team', 't.name'])
        .where('d.duty_week_start', '>=', osrWeek(weeks[0]!, tz).monday)
        .where('d.duty_week_start', '<=', osrWeek(weeks.at(-1)!, tz).monday)
        .orderBy('d.duty_week_start')
        .execute();
      return {
        items: rows.map((r) => {
          const dutyWeek = weekOfMonday(r.duty_week_start);
          return { dutyWeek, datTeam: r.dat_team, datTeamName: r.name, osrWeek: addWeeks(dutyWeek, 1) };
        }),
      };
    },
  );

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
    async (request) => {
      const { hub } = request.params;
      assertHubScope(request, hub);
      const body = request.body;
      if (!(await hubExists(db, hub))) throw problems.notFound('hub', hub);
      const hShare = body.gradeMix === 'alternate' ? null : (body.hShare ?? 0.5);
      await db.transaction().execute(async (trx) => {
        const before = await gradeMixOf(trx, hub);
        await trx
          .insertInto('osr_hub_settings')
          .values({ hub_code: hub, grade_mix: body.gradeMix, h_share: hShare })
          .onConflict((oc) =>
            oc.column('hub_code').doUpdateSet((eb) => ({
              grade_mix: body.gradeMix,
              h_share: hShare,
              version: eb('osr_hub_settings.version', '+', 1),
              updated_at: new Date(),
            })),
          )
          .execute();
        await recordAudit(trx, auditContextOf(request), {
          entity: 'osr_hub_settings',
          entityId: hub,
          action: 'set',
          before,
          after: body,
        });
      });
      return { hub, gradeMix: body.gradeMix, hShare: hShare ?? 0.5 };
    },
  );
}
