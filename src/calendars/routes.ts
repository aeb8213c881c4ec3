import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { auditContextOf } from '../audit/record.js';
import type { App, Deps } from '../http/app-types.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, Uuid } from '../http/schemas.js';
import { hubExists } from '../osr/rota-repository.js';
import { findPractitioner } from '../panel/practitioner-repository.js';
import { createLink, findLink, revokeLink } from './service.js';

const TAGS = ['calendars'];
const Link = Type.Object(
  {
    id: Uuid,
    url: Type.String({ description: 'Secret: anyone with it reads the calendar. Shown once.' }),
  },
  {
    examples: [
      {
        id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a',
        url: 'https://rota.example.org/calendars/Jx8bq0m3n6V2yLkq5tR9wZcD1eF4gH7iK0lM3nP6sT8.ics',
      },
    ],
  },
);

/** Where the service is reached from outside, for the links it hands out. */
const baseUrl = (deps: Deps, request: FastifyRequest) =>
  deps.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

/** Calendar links: the key-holding routes that make and revoke them (the keyless feed is in feed-routes). */
export async function calendarLinkRoutes(app: App, deps: Deps): Promise<void> {
  postPractitionersByIdCalendarLinksRoute(app, deps);
  postOsrCalendarLinksRoute(app, deps);
  deleteCalendarLinksByIdRoute(app, deps);
}

function postPractitionersByIdCalendarLinksRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/practitioners/:id/calendar-links',
    {
      schema: {
        tags: TAGS,
        summary: "A secret link to a practitioner's rota that a calendar app subscribes to without a key",
        description:
          "The URL serves the shifts from 30 days back to 120 days ahead as iCalendar, in the organisation's time zone (with its VTIMEZONE). Revoke it with DELETE /v1/calendar-links/{id}.",
        params: Type.Object({ id: Uuid }),
        response: { 201: Link, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await findPractitioner(db, id))) throw problems.notFound('practitioner', id);
      const link = await createLink(
        db,
        auditContextOf(request),
        { kind: 'practitioner', practitionerId: id },
        baseUrl(deps, request),
      );
      reply.status(201);
      return link;
    },
  );
}

function postOsrCalendarLinksRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/osr/calendar-links',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: TAGS,
        summary: 'A secret link to the issued OSR rota (one hub, or every hub) for calendar apps',
        body: Type.Object(
          { hub: Type.Optional(Code) },
          { additionalProperties: false, examples: [{ hub: 'east-hub' }] },
        ),
        response: { 201: Link, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const hub = request.body?.hub;
      // A hub manager's link is to one of its hubs; an every-hub link is for whole-service roles.
      if (hub === undefined && hubScopeOf(request) !== null)
        throw problems.unprocessable('A hub_manager key makes links to the hubs it names; say which hub.', [
          { field: '/body/hub', message: 'is required for a hub_manager key' },
        ]);
      assertHubScope(request, hub);
      if (hub && !(await hubExists(db, hub))) throw problems.notFound('hub', hub);
      const link = await createLink(
        db,
        auditContextOf(request),
        { kind: 'osr', hub: hub ?? null },
        baseUrl(deps, request),
      );
      reply.status(201);
      return link;
    },
  );
}

function deleteCalendarLinksByIdRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.delete(
    '/calendar-links/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Revoke a calendar link: its URL answers 404 from now on',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const link = await findLink(db, id);
      if (!link) throw problems.notFound('calendar link', id);
      // Hub managers revoke only OSR links of their hubs; practitioner links are the coordinators'.
      if (hubScopeOf(request) !== null) {
        if (link.kind !== 'osr')
          throw problems.forbidden('A hub_manager key revokes only OSR links of its hubs.');
        assertHubScope(request, link.hub_code);
      }
      await revokeLink(db, auditContextOf(request), id);
      return reply.status(204).send(null);
    },
  );
}
