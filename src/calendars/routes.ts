import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../http/app-types.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { operations, routes } from '../http/operation.js';
import { IdParams, Link, OsrLinkBody, Revoked } from './schemas.js';
import { linkOsrRota, linkPractitioner, revokeLink } from './service.js';

const op = operations('calendars');

/** Calendar links: the key-holding routes that make and revoke them (the keyless feed is in feed-routes). */
export const calendarLinkRoutes = routes(practitionerLink, osrLink, revoke);

/** Where the service is reached from outside, for the links it hands out. */
const baseUrl = ({ config }: Deps, request: FastifyRequest) =>
  config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

const PRACTITIONER = "A secret link to a practitioner's rota that a calendar app subscribes to without a key";
const PRACTITIONER_DESCRIPTION =
  "The URL serves the shifts from 30 days back to 120 days ahead as iCalendar, in the organisation's time zone (with its VTIMEZONE). Revoke it with DELETE /v1/calendar-links/{id}.";

function practitionerLink(app: App, deps: Deps): void {
  const { database, config } = deps;
  const inputs = { description: PRACTITIONER_DESCRIPTION, params: IdParams, response: { 201: Link } };
  app.post(
    '/practitioners/:id/calendar-links',
    { schema: op(PRACTITIONER, inputs, [404]) },
    async (request, reply) => {
      const ctx = { db: database.db, timezone: config.timezone, request };
      const link = await linkPractitioner(ctx, request.params.id, baseUrl(deps, request));
      reply.status(201);
      return link;
    },
  );
}

const OSR = 'A secret link to the issued OSR rota (one hub, or every hub) for calendar apps';

function osrLink(app: App, deps: Deps): void {
  const { database, config } = deps;
  const schema = op(OSR, { body: OsrLinkBody, response: { 201: Link } }, [404, 422]);
  app.post('/osr/calendar-links', { preValidation: emptyBodyAsObject, schema }, async (request, reply) => {
    const ctx = { db: database.db, timezone: config.timezone, request };
    const link = await linkOsrRota(ctx, request.body?.hub, baseUrl(deps, request));
    reply.status(201);
    return link;
  });
}

const REVOKE = 'Revoke a calendar link: its URL answers 404 from now on';

function revoke(app: App, { database: { db }, config }: Deps): void {
  const schema = op(REVOKE, { params: IdParams, response: { 204: Revoked } }, [404]);
  app.delete('/calendar-links/:id', { schema }, async (request, reply) => {
    await revokeLink({ db, timezone: config.timezone, request }, request.params.id);
    return reply.status(204).send(null);
  });
}
