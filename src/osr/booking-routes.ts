import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { hubScopeOf, mayReachBooking } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IfMatchHeaders, IsoWeek, Page, PageQuery, Uuid } from '../http/schemas.js';
import { findBooking, listBookings } from './booking-repository.js';
import { Booking, bookingExample, Kind } from './booking-model.js';
import { cancelBooking, createBooking } from './booking-service.js';
import { CaseReference, emptyBodyAsObject, Reason } from './schemas.js';
import { osrWeek, weekRange } from './weeks.js';

const CreatedBooking = Type.Object(
  {
    ...Booking.properties,
    newCase: Type.Boolean({ description: 'False when the case already held a slot this hub-week' }),
    casesBooked: Type.Integer(),
    weeklyCaseCap: Type.Integer(),
  },
  { examples: [{ ...bookingExample, newCase: true, casesBooked: 1, weeklyCaseCap: 3 }] },
);

const CreateBooking = Type.Object(
  {
    hub: Code,
    week: IsoWeek,
    caseReference: CaseReference,
    kind: Kind,
    scheduledAt: Type.Optional(
      Type.String({
        format: 'date-time',
        pattern: '^(19|20|21)\\d\\d-',
        description: 'When the visit starts; must fall in the week (local time)',
      }),
    ),
    durationMinutes: Type.Optional(
      Type.Integer({
        minimum: 15,
        maximum: 480,
        description: 'Length of the visit; 90 minutes when omitted',
      }),
    ),
    socialWorker: Type.String({ minLength: 1, maxLength: 200, description: 'Who books (name or team)' }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        hub: 'east-hub',
        week: '2026-W48',
        caseReference: 'LCS-204871',
        kind: 'joint_visit',
        scheduledAt: '2026-11-24T10:00:00+00:00',
        socialWorker: 'Duty SW Team 2 - R. Patel',
      },
    ],
  },
);

const BookingQuery = Type.Object(
  {
    hub: Type.Optional(Code),
    fromWeek: Type.Optional(IsoWeek),
    toWeek: Type.Optional(IsoWeek),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('cancelled')])),
    caseReference: Type.Optional(CaseReference),
    practitionerId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export async function bookingRoutes(app: App, deps: Deps): Promise<void> {
  postOsrBookingsRoute(app, deps);
  getOsrBookingsRoute(app, deps);
  getOsrBookingsByIdRoute(app, deps);
  postOsrBookingsByIdCancelRoute(app, deps);
}

function postOsrBookingsRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.post(
    '/osr/bookings',
    {
      schema: {
        tags: ['osr'],
        summary: "Book a consultation or joint visit with a hub's lead responder for a case",
        description:
          "At most the hub's weekly case cap of distinct cases per week (kept by the database); over it: 409 " +
          'case-limit-reached pointing to the 0-19 Request Form. A second booking of the same case in the week uses no new slot.',
        body: CreateBooking,
        response: { 201: CreatedBooking, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const result = await createBooking(db, request.body, tz, auditContextOf(request));
      setEtag(reply, result.booking.version);
      reply.status(201).header('location', `/v1/osr/bookings/${result.booking.id}`);
      return {
        ...result.booking,
        newCase: result.newCase,
        casesBooked: result.casesBooked,
        weeklyCaseCap: result.weeklyCaseCap,
      };
    },
  );
}

function getOsrBookingsRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.get(
    '/osr/bookings',
    {
      schema: {
        tags: ['osr'],
        summary: 'List bookings by hub, weeks, status, case or lead responder',
        querystring: BookingQuery,
        response: { 200: Page(Booking, bookingExample), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 100, offset = 0 } = q;
      let range: string[] | undefined;
      if (q.fromWeek) range = weekRange(q.fromWeek, q.toWeek ?? q.fromWeek, 520);
      else if (q.toWeek)
        throw problems.badRequest('toWeek needs fromWeek.', [
          { field: '/querystring/fromWeek', message: 'is required with toWeek' },
        ]);
      const page = await listBookings(
        db,
        {
          ...(q.hub ? { hub: q.hub } : {}),
          ...(range
            ? { fromMonday: osrWeek(range[0]!, tz).monday, toMonday: osrWeek(range.at(-1)!, tz).monday }
            : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.caseReference ? { caseReference: q.caseReference } : {}),
          ...(q.practitionerId ? { practitionerId: q.practitionerId } : {}),
          ...bookingScopeOf(request),
        },
        limit,
        offset,
      );
      return { ...page, limit, offset };
    },
  );
}

function getOsrBookingsByIdRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/osr/bookings/:id',
    {
      schema: {
        tags: ['osr'],
        summary: 'Get a booking',
        params: Type.Object({ id: Uuid }),
        response: { 200: Booking, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const booking = await findBooking(db, id);
      if (!booking || !mayReachBooking(request, booking, 'read')) throw problems.notFound('booking', id);
      setEtag(reply, booking.version);
      return booking;
    },
  );
}

function postOsrBookingsByIdCancelRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/osr/bookings/:id/cancel',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['osr'],
        summary: "Cancel a booking; the case's slot is freed when it was the case's last booking that week",
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          { reason: Type.Optional(Reason) },
          { additionalProperties: false, examples: [{ reason: 'Family moved out of the area' }] },
        ),
        response: { 200: Booking, ...errorResponses(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const reason = request.body?.reason;
      const found = await findBooking(db, id);
      if (!found || !mayReachBooking(request, found, 'read')) throw problems.notFound('booking', id);
      if (!mayReachBooking(request, found, 'cancel'))
        throw problems.forbidden(
          'Only the key that made the booking, a manager of its hub, or an admin cancels it.',
        );
      const booking = await cancelBooking(db, id, reason, auditContextOf(request), (v) =>
        checkIfMatch(request, v),
      );
      setEtag(reply, booking.version);
      return booking;
    },
  );
}

/** Social workers list the bookings they made; hub managers those of their hubs. */
function bookingScopeOf(request: FastifyRequest): { createdByKey?: string; hubs?: string[] } {
  if (request.actor?.role === 'social_worker') return { createdByKey: request.actor.keyId };
  const hubs = hubScopeOf(request);
  return hubs === null ? {} : { hubs };
}
