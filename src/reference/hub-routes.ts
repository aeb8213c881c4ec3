import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import {
  Code,
  errorResponses,
  IfMatchHeaders,
  Instant,
  IsoWeek,
  Name,
  Page,
  PageQuery,
} from '../http/schemas.js';
import { currentWeekMonday, isoWeekToMonday, isValidIsoWeek, mondayToIsoWeek } from '../time/weeks.js';
import {
  capForWeek,
  DEFAULT_WEEKLY_CASE_CAP,
  findHub,
  listHubs,
  lockHub,
  setCapFrom,
} from './hubs-repository.js';
import { insertReference, updateReference } from './repository.js';

const hubExample = {
  code: 'east-hub',
  name: 'East 0-19 Hub',
  weeklyCaseCap: 3,
  capHistory: [{ fromWeek: '2026-W40', weeklyCaseCap: 3, setAt: '2026-09-28T09:00:00.000Z' }],
  version: 1,
  createdAt: '2026-09-28T09:00:00.000Z',
  updatedAt: '2026-09-28T09:00:00.000Z',
};

const Hub = Type.Object(
  {
    code: Code,
    name: Type.String(),
    weeklyCaseCap: Type.Integer({ description: 'The case cap of the current week' }),
    capHistory: Type.Array(
      Type.Object({
        fromWeek: IsoWeek,
        weeklyCaseCap: Type.Integer(),
        setAt: Instant,
      }),
      {
        description:
          'Each cap and the week it applies from; a week uses the latest cap starting on or before it',
      },
    ),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { examples: [hubExample] },
);

export async function hubRoutes(app: App, deps: Deps): Promise<void> {
  getHubsRoute(app, deps);
  getHubsByCodeRoute(app, deps);
  putHubsByCodeRoute(app, deps);
}

function getHubsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const thisMonday = () => currentWeekMonday(deps.config.timezone);

  app.get(
    '/hubs',
    {
      schema: {
        tags: ['reference'],
        summary: 'List 0-19 hubs with their current weekly case cap',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(Hub, hubExample), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit = 100, offset = 0 } = request.query;
      return { ...(await listHubs(db, thisMonday(), limit, offset)), limit, offset };
    },
  );
}

function getHubsByCodeRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const thisMonday = () => currentWeekMonday(deps.config.timezone);

  app.get(
    '/hubs/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Get a hub, its current case cap and the cap history',
        params: Type.Object({ code: Code }),
        response: { 200: Hub, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const hub = await findHub(db, code, thisMonday());
      if (!hub) throw problems.notFound('hub', code);
      setEtag(reply, hub.version);
      return hub;
    },
  );
}

function putHubsByCodeRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const thisMonday = () => currentWeekMonday(deps.config.timezone);

  app.put(
    '/hubs/:code',
    {
      schema: {
        tags: ['reference'],
        summary:
          'Create a hub or change its name or weekly case cap (a cap change applies from fromWeek on, default the current week; earlier weeks keep theirs)',
        params: Type.Object({ code: Code }),
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            name: Name,
            weeklyCaseCap: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 100,
                description: 'Distinct cases per week; 3 for a new hub',
              }),
            ),
            fromWeek: Type.Optional({
              ...IsoWeek,
              description:
                'The first week the new cap applies to: the current week (default) or a later one. Earlier weeks keep their cap.',
            }),
          },
          {
            additionalProperties: false,
            examples: [{ name: 'East 0-19 Hub', weeklyCaseCap: 4, fromWeek: '2026-W50' }],
          },
        ),
        response: { 200: Hub, 201: Hub, ...errorResponses(412) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const body = request.body;
      assertHubScope(request, code);
      const monday = thisMonday();
      const fromMonday = capStart(body, monday);
      const { hub, created } = await db.transaction().execute(async (trx) => {
        const before = (await lockHub(trx, code)) ? await findHub(trx, code, monday) : undefined;
        if (before) checkIfMatch(request, before.version);
        if (!before && hubScopeOf(request) !== null) throw problems.forbidden('Only an admin creates a hub.');
        if (!before) {
          await insertReference(trx, 'hubs', code, body.name);
          if (fromMonday !== monday || body.weeklyCaseCap === undefined)
            await setCapFrom(trx, code, monday, DEFAULT_WEEKLY_CASE_CAP);
          if (body.weeklyCaseCap !== undefined) await setCapFrom(trx, code, fromMonday, body.weeklyCaseCap);
        } else {
          await updateReference(trx, 'hubs', code, body.name);
          if (
            body.weeklyCaseCap !== undefined &&
            body.weeklyCaseCap !== (await capForWeek(trx, code, fromMonday))
          ) {
            await setCapFrom(trx, code, fromMonday, body.weeklyCaseCap);
          }
        }
        const after = (await findHub(trx, code, monday))!;
        await recordAudit(trx, auditContextOf(request), {
          entity: 'hub',
          entityId: code,
          action: before ? 'update' : 'create',
          before,
          after,
        });
        return { hub: after, created: !before };
      });
      setEtag(reply, hub.version);
      reply.status(created ? 201 : 200);
      return hub;
    },
  );
}

/** The Monday a cap change starts on: the current week's, or a later one; past weeks are kept. */
function capStart(body: { weeklyCaseCap?: number; fromWeek?: string }, currentMonday: string): string {
  if (body.fromWeek === undefined) return currentMonday;
  if (body.weeklyCaseCap === undefined)
    throw problems.unprocessable(
      'fromWeek says from when a new weeklyCaseCap applies: give weeklyCaseCap too.',
      [{ field: '/body/fromWeek', message: 'needs weeklyCaseCap' }],
    );
  if (!isValidIsoWeek(body.fromWeek))
    throw problems.badRequest(`fromWeek "${body.fromWeek}" is not an ISO week that exists.`, [
      { field: '/body/fromWeek', message: 'is not an existing ISO week' },
    ]);
  const monday = isoWeekToMonday(body.fromWeek);
  if (monday < currentMonday)
    throw problems.unprocessable(
      `${body.fromWeek} is over: a cap change applies from the current week (${mondayToIsoWeek(currentMonday)}) or a later one, so past weeks keep the cap they had.`,
      [{ field: '/body/fromWeek', message: 'is before the current week' }],
    );
  return monday;
}
