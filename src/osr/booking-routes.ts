import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { hubScopeOf, mayReachBooking } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { IfMatchHeaders, Page } from '../http/schemas.js';
import { Booking, bookingExample } from './booking-model.js';
import { findBooking } from './booking-repository.js';
import { BookingQuery, CancelBooking, CreateBooking, CreatedBooking, IdParams } from './booking-schemas.js';
import { bookingsOf, cancelBooking, createBooking } from './booking-service.js';
import { changeContext } from './route-context.js';

const op = operations('osr');

export const bookingRoutes = routes(create, list, one, cancel);

const CREATE = "Book a consultation or joint visit with a hub's lead responder for a case";
const CREATE_CAP =
  "At most the hub's weekly case cap of distinct cases per week (kept by the database); over it: 409 " +
  'case-limit-reached pointing to the 0-19 Request Form. A second booking of the same case in the week uses no new slot.';

function create(app: App, deps: Deps): void {
  const schema = op(
    CREATE,
    { description: CREATE_CAP, body: CreateBooking, response: { 201: CreatedBooking } },
    [409, 422],
  );
  app.post('/osr/bookings', { schema }, async (request, reply) => {
    const { booking, ...slot } = await createBooking(changeContext(deps, request, reply), request.body);
    reply.status(201).header('location', `/v1/osr/bookings/${booking.id}`);
    return { ...booking, ...slot };
  });
}

const LIST = 'List bookings by hub, weeks, status, case or lead responder';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: BookingQuery, response: { 200: Page(Booking, bookingExample) } });
  app.get('/osr/bookings', { schema }, async (request) =>
    bookingsOf(db, request.query, bookingScopeOf(request), config.timezone),
  );
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('Get a booking', { params: IdParams, response: { 200: Booking } }, [404]);
  app.get('/osr/bookings/:id', { schema }, async (request, reply) => {
    const booking = await reachable(db, request, request.params.id);
    setEtag(reply, booking.version);
    return booking;
  });
}

const CANCEL = "Cancel a booking; the case's slot is freed when it was the case's last booking that week";

function cancel(app: App, deps: Deps): void {
  const schema = op(
    CANCEL,
    { params: IdParams, headers: IfMatchHeaders, body: CancelBooking, response: { 200: Booking } },
    [404, 409, 412],
  );
  app.post(
    '/osr/bookings/:id/cancel',
    { preValidation: emptyBodyAsObject, schema },
    async (request, reply) => {
      const { id } = request.params;
      const found = await reachable(deps.database.db, request, id);
      if (!mayReachBooking(request, found, 'cancel'))
        throw problems.forbidden(
          'Only the key that made the booking, a manager of its hub, or an admin cancels it.',
        );
      return cancelBooking(changeContext(deps, request, reply), id, request.body?.reason);
    },
  );
}

/** The booking, when the caller may read it (404 as if it did not exist otherwise). */
async function reachable(db: Deps['database']['db'], request: FastifyRequest, id: string) {
  const booking = await findBooking(db, id);
  if (!booking || !mayReachBooking(request, booking, 'read')) throw problems.notFound('booking', id);
  return booking;
}

/** Social workers list the bookings they made; hub managers those of their hubs. */
function bookingScopeOf(request: FastifyRequest): { createdByKey?: string; hubs?: string[] } {
  if (request.actor?.role === 'social_worker') return { createdByKey: request.actor.keyId };
  const hubs = hubScopeOf(request);
  return hubs === null ? {} : { hubs };
}
