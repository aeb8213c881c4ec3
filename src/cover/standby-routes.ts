import { EVENT_CATALOGUE } from '../events/catalogue.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, Instant, LocalDate, Uuid } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { StandbyEntry, standbyExample } from './model.js';
import { listStandby, setStandby, suggestStandby } from './standby.js';
import { listEvents } from '../changes/events.js';

const MAX_RESILIENCE_DAYS = 31;

export async function standbyAndResilienceRoutes(app: App, deps: Deps): Promise<void> {
  getStandbyRoute(app, deps);
  putStandbyByRegionByDateRoute(app, deps);
  postStandbySuggestionsRoute(app, deps);
  getResilienceRoute(app, deps);
  getEventsRoute(app, deps);
}

function getStandbyRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/standby',
    {
      schema: {
        tags: ['cover'],
        summary: 'On-call (standby) practitioners per region and day',
        querystring: Type.Object(
          { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.shifts), region: Type.Optional(Code) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(StandbyEntry) }, { examples: [{ items: [standbyExample] }] }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { from, to, region } = request.query;
      localPeriod(from, to, tz, MAX_SPAN_DAYS.shifts);
      return { items: await listStandby(db, from, to, region) };
    },
  );
}

function putStandbyByRegionByDateRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.put(
    '/standby/:region/:date',
    {
      schema: {
        tags: ['cover'],
        summary: "Name a region's standby practitioner for a day",
        params: Type.Object({ region: Code, date: LocalDate }),
        body: Type.Object(
          { practitionerId: Uuid },
          { additionalProperties: false, examples: [{ practitionerId: standbyExample.practitionerId }] },
        ),
        response: { 200: StandbyEntry, ...errorResponses(409, 422) },
      },
    },
    async (request) => {
      const { region, date } = request.params;
      const { practitionerId } = request.body;
      return db.transaction().execute(async (trx) => {
        const entry = await setStandby(trx, region, date, practitionerId);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'standby',
          entityId: `${region}/${date}`,
          action: 'set',
          after: { practitionerId },
        });
        return entry;
      });
    },
  );
}

function postStandbySuggestionsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.post(
    '/standby/suggestions',
    {
      schema: {
        tags: ['cover'],
        summary:
          'Designate standby practitioners for every region and day of a period that has none, sharing the duty',
        body: Type.Object(
          { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.cover) },
          { additionalProperties: false, examples: [{ from: '2026-11-30', to: '2026-12-06' }] },
        ),
        response: {
          201: Type.Object({ items: Type.Array(StandbyEntry) }, { examples: [{ items: [standbyExample] }] }),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { from, to } = request.body;
      localPeriod(from, to, tz, MAX_SPAN_DAYS.cover);
      const items = await db.transaction().execute(async (trx) => {
        const created = await suggestStandby(trx, from, to, tz);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'standby',
          entityId: `${from}/${to}`,
          action: 'suggest',
          after: created,
        });
        return created;
      });
      reply.status(201);
      return { items };
    },
  );
}

function getResilienceRoute(app: App, deps: Deps): void {
  const tz = deps.config.timezone;

  app.get(
    '/resilience',
    {
      schema: {
        tags: ['cover'],
        summary:
          'Shifts that would have no possible cover if their practitioner fell sick, and the count at risk per region',
        querystring: Type.Object(
          { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.cover) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              shiftsChecked: Type.Integer(),
              atRisk: Type.Array(
                Type.Object({
                  shiftId: Uuid,
                  practitionerId: Uuid,
                  name: Type.String(),
                  label: Type.String(),
                  region: Code,
                  start: Instant,
                  end: Instant,
                  reasons: Type.Array(Type.String()),
                }),
              ),
              byRegion: Type.Array(
                Type.Object({ region: Code, shifts: Type.Integer(), atRisk: Type.Integer() }),
              ),
            },
            {
              examples: [
                {
                  shiftsChecked: 56,
                  atRisk: [
                    {
                      shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
                      practitionerId: standbyExample.practitionerId,
                      name: 'Alex Morgan',
                      label: 'CR-2026-0412 Mon 30 Nov 20:00-08:00',
                      region: 'north-west',
                      start: '2026-11-30T20:00:00.000Z',
                      end: '2026-12-01T08:00:00.000Z',
                      reasons: ['11 of 12 considered lack a specialism it needs'],
                    },
                  ],
                  byRegion: [{ region: 'north-west', shifts: 28, atRisk: 1 }],
                },
              ],
            },
          ),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const { start, end } = localPeriod(from, to, tz, MAX_SPAN_DAYS.cover);
      if (end.getTime() - start.getTime() > (MAX_RESILIENCE_DAYS + 1) * 86_400_000) {
        throw problems.badRequest(`Ask for at most ${MAX_RESILIENCE_DAYS} days at a time.`);
      }
      return deps.resilience.get(from, to, new Date());
    },
  );
}

function getEventsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/events',
    {
      schema: {
        tags: ['cover'],
        summary: 'The pull feed of events for other systems, oldest first after a cursor',
        description:
          'Every change other systems care about, written in the same transaction as the change. The event types and their payloads are the OpenAPI `webhooks` section; webhooks deliver the same events. Pass the last `id` you read (or `nextCursor`) as `after`.',
        querystring: Type.Object(
          {
            after: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  type: Type.String({ description: 'An event type of the catalogue (see webhooks)' }),
                  subjectId: Type.String(),
                  payload: Type.Unknown(),
                  createdAt: Instant,
                }),
              ),
              nextCursor: Type.Integer({ description: 'Pass as `after` to read on' }),
            },
            {
              examples: [
                {
                  items: [
                    {
                      id: 1,
                      type: 'cover-plan.accepted',
                      subjectId: 'c0ffee00-1234-4abc-8def-0123456789ab',
                      payload: EVENT_CATALOGUE['cover-plan.accepted'].example,
                      createdAt: '2026-11-23T07:03:00.000Z',
                    },
                  ],
                  nextCursor: 1,
                },
              ],
            },
          ),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { after = 0, limit = 100 } = request.query;
      const items = await listEvents(db, after, limit);
      return { items, nextCursor: items.at(-1)?.id ?? after };
    },
  );
}
