import { Type } from 'typebox';
import type { ChangeContext } from '../changes/apply-change.js';
import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { problems } from '../http/problem.js';
import {
  Code,
  errorResponses,
  IfMatchHeaders,
  IsoWeek,
  LocalDate,
  Page,
  PageQuery,
  Uuid,
} from '../http/schemas.js';
import { CaseReference, Reason } from './schemas.js';
import {
  Feedback,
  Intervention,
  interventionExample,
  MAX_SESSIONS,
  MAX_TOTAL_SESSIONS,
  Outcome,
  ReassignmentReason,
} from './intervention-model.js';
import { findIntervention, listInterventions } from './intervention-repository.js';
import { close, extend, reassign, startIntervention } from './intervention-service.js';
import { osrWeek, weekRange } from './weeks.js';

/** What the intervention service needs of a request: the database, the zone, who asks, and the reply for the ETag. */
const contextOf = (
  deps: Deps,
  request: ChangeContext['request'],
  reply?: ChangeContext['reply'],
): ChangeContext => ({
  db: deps.database.db,
  timezone: deps.config.timezone,
  request,
  ...(reply ? { reply } : {}),
});

export async function interventionRoutes(app: App, deps: Deps): Promise<void> {
  postOsrInterventionsRoute(app, deps);
  getOsrInterventionsRoute(app, deps);
  getOsrInterventionsByIdRoute(app, deps);
  postOsrInterventionsByIdReassignRoute(app, deps);
  postOsrInterventionsByIdExtendRoute(app, deps);
  postOsrInterventionsByIdCloseRoute(app, deps);
}

function postOsrInterventionsRoute(app: App, deps: Deps): void {
  app.post(
    '/osr/interventions',
    {
      schema: {
        tags: ['osr'],
        summary:
          'Start the intervention that follows a visit; the lead responder who did the visit delivers it',
        body: Type.Object(
          {
            bookingId: Uuid,
            sessions: Type.Optional(
              Type.Integer({ minimum: 1, maximum: MAX_SESSIONS, description: 'Up to 6; default 6' }),
            ),
            startedOn: Type.Optional({
              ...LocalDate,
              description:
                "On or after the visit's date (a booking without a time: its week's Monday); default: the visit's date, or today when that is later",
            }),
          },
          {
            additionalProperties: false,
            examples: [{ bookingId: interventionExample.bookingId, sessions: 6, startedOn: '2026-11-26' }],
          },
        ),
        response: { 201: Intervention, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const created = await startIntervention(contextOf(deps, request, reply), request.body);
      reply.status(201);
      return created;
    },
  );
}

function getOsrInterventionsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/osr/interventions',
    {
      schema: {
        tags: ['osr'],
        summary: 'List interventions by hub, OSR weeks, practitioner, case or status',
        querystring: Type.Object(
          {
            hub: Type.Optional(Code),
            fromWeek: Type.Optional(IsoWeek),
            toWeek: Type.Optional(IsoWeek),
            practitionerId: Type.Optional(Uuid),
            caseReference: Type.Optional(CaseReference),
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Intervention, interventionExample), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 100, offset = 0 } = q;
      const range = q.fromWeek ? weekRange(q.fromWeek, q.toWeek ?? q.fromWeek, 520) : undefined;
      const found = await listInterventions(
        db,
        {
          ...q,
          ...(range
            ? { fromMonday: osrWeek(range[0]!, tz).monday, toMonday: osrWeek(range.at(-1)!, tz).monday }
            : {}),
        },
        limit,
        offset,
      );
      return { ...found, limit, offset };
    },
  );
}

function getOsrInterventionsByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/osr/interventions/:id',
    {
      schema: {
        tags: ['osr'],
        summary: 'Get an intervention',
        params: Type.Object({ id: Uuid }),
        response: { 200: Intervention, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await findIntervention(db, id);
      if (!found) throw problems.notFound('intervention', id);
      setEtag(reply, found.version);
      return found;
    },
  );
}

function postOsrInterventionsByIdReassignRoute(app: App, deps: Deps): void {
  app.post(
    '/osr/interventions/:id/reassign',
    {
      schema: {
        tags: ['osr'],
        summary:
          'The hub manager gives an open intervention to another practitioner of the hub, with a reason',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          { practitionerId: Uuid, reason: ReassignmentReason, note: Type.Optional(Reason) },
          {
            additionalProperties: false,
            examples: [
              {
                practitionerId: '8d0f7a1b-2c3e-4f50-9a6b-7c8d9e0f1a2b',
                reason: 'specialism',
                note: 'Youth work experience',
              },
            ],
          },
        ),
        response: { 200: Intervention, ...errorResponses(404, 409, 412, 422) },
      },
    },
    async (request, reply) => reassign(contextOf(deps, request, reply), request.params.id, request.body),
  );
}

function postOsrInterventionsByIdExtendRoute(app: App, deps: Deps): void {
  app.post(
    '/osr/interventions/:id/extend',
    {
      schema: {
        tags: ['osr'],
        summary: `Extend an open intervention, with a recorded reason; any number of times while it stays within ${MAX_TOTAL_SESSIONS} sessions`,
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          { sessions: Type.Integer({ minimum: 1, maximum: MAX_SESSIONS }), reason: Reason },
          {
            additionalProperties: false,
            examples: [{ sessions: 4, reason: 'Parent has a learning difficulty' }],
          },
        ),
        response: { 200: Intervention, ...errorResponses(404, 409, 412) },
      },
    },
    async (request, reply) => extend(contextOf(deps, request, reply), request.params.id, request.body),
  );
}

function postOsrInterventionsByIdCloseRoute(app: App, deps: Deps): void {
  app.post(
    '/osr/interventions/:id/close',
    {
      schema: {
        tags: ['osr'],
        summary:
          'Close an intervention with its outcome, the sessions delivered and the family’s feedback; closing is final',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            closedOn: { ...LocalDate, description: 'On or after startedOn, not after today' },
            outcome: Outcome,
            sessionsDelivered: Type.Integer({ minimum: 0, maximum: MAX_TOTAL_SESSIONS }),
            feedback: Type.Optional(Feedback),
          },
          {
            additionalProperties: false,
            examples: [
              {
                closedOn: '2027-01-28',
                outcome: 'completed',
                sessionsDelivered: 10,
                feedback: { score: 5, comment: 'The sessions helped with bedtime routines.' },
              },
            ],
          },
        ),
        response: { 200: Intervention, ...errorResponses(404, 409, 412, 422) },
      },
    },
    async (request, reply) => close(contextOf(deps, request, reply), request.params.id, request.body),
  );
}
