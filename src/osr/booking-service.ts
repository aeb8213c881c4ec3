import { bookingEvent } from '../events/payloads.js';
import { DateTime } from 'luxon';
import type { Static } from 'typebox';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { HttpProblem, problems } from '../http/problem.js';
import { capForWeek } from '../reference/hubs-repository.js';
import {
  activeBookingsOfCase,
  casesBooked,
  findBooking,
  insertBooking,
  listBookings,
  lockBooking,
  markCancelled,
  recordRefusal,
  setTriggerTimezone,
} from './booking-repository.js';
import { leadAbsentDetail } from './lead-alerts.js';
import { hubNames, leadRows } from './rota-repository.js';
import type { Kysely } from 'kysely';
import type { BookingKind, DB } from '../db/schema.js';
import { listedWeeks, onWorkingDays, osrWeek, parseWeek, refusePastWeek } from './weeks.js';
import type { BookingQuery } from './booking-schemas.js';

/** A visit without a given length is assumed to take this long (for the lead responder's clash rule). */
export const DEFAULT_VISIT_MINUTES = 90;

export const STANDARD_ROUTE =
  'complete a 0-19 Request Form on LCS and send it to the hub, to be allocated outside the OSR rota week';

export interface NewBooking {
  hub: string;
  week: string;
  caseReference: string;
  kind: BookingKind;
  scheduledAt?: string;
  durationMinutes?: number;
  socialWorker: string;
}

/** A field of a database error (pg and PGlite both set `code` and `hint`), read without a cast. */
const errorField = (e: unknown, field: 'code' | 'hint'): string | undefined => {
  if (typeof e !== 'object' || e === null || !(field in e)) return undefined;
  const value: unknown = Reflect.get(e, field);
  return typeof value === 'string' ? value : undefined;
};
const dbCode = (e: unknown): string | undefined => errorField(e, 'code');

export function caseLimitReached(hubName: string, week: string, cap: number, booked: number): HttpProblem {
  return problems.conflict(
    `${hubName} has already accepted its limit of ${cap} case${cap === 1 ? '' : 's'} for the OSR week ${week}. ` +
      `For this family use the standard route: ${STANDARD_ROUTE}.`,
    'case-limit-reached',
    { weeklyCaseCap: cap, casesBooked: booked, standardRoute: '0-19 Request Form' },
  );
}

/** The visit's interval, which must fall in the booking's week (local time). */
function visitOf(b: NewBooking, timezone: string): { start: Date; end: Date } | null {
  if (b.scheduledAt === undefined) return null;
  const start = DateTime.fromISO(b.scheduledAt, { zone: timezone });
  const w = osrWeek(b.week, timezone);
  if (!start.isValid || !onWorkingDays(start, w)) {
    throw problems.unprocessable(
      `scheduledAt ${b.scheduledAt} is not on the working days of the OSR week ${b.week}: Monday ${w.monday} to Friday ${w.friday} (${timezone}); the lead responder is not on duty at weekends.`,
      [{ field: '/body/scheduledAt', message: `is outside Monday to Friday of ${b.week}` }],
    );
  }
  const end = start.plus({ minutes: b.durationMinutes ?? DEFAULT_VISIT_MINUTES });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/**
 * Books a consultation or visit with the hub-week's lead responder. The database keeps the cap (a
 * trigger locks the hub-week's counter row; SQLSTATE OSR01 over the cap), the lead responder's
 * presence (a trigger beside it: SQLSTATE OSR02 when they are absent or have left at the visit's time,
 * or on any working day for a booking without a time; the same rule as the hub-week's alerts) and the
 * clash rule (an exclusion constraint, 23P01); a refusal at the cap is recorded for the review after
 * the rollback.
 */
export async function createBooking(ctx: ChangeContext, b: NewBooking) {
  const { db, timezone } = ctx;
  const hubName = await checkNewBooking(db, b, timezone);
  const visit = visitOf(b, timezone);
  const { monday } = osrWeek(b.week, timezone);
  const cap = await capForWeek(db, b.hub, monday);
  try {
    const { after } = await applyChange(ctx, {
      entity: 'osr_booking',
      action: 'create',
      write: async (trx) => {
        await setTriggerTimezone(trx, timezone);
        const [lead] = await leadRows(trx, { hubs: [b.hub], fromMonday: monday, toMonday: monday });
        if (!lead?.practitionerId) {
          throw problems.conflict(
            `${hubName} has no lead responder for ${b.week} yet; ask the hub manager, or use the standard route: ${STANDARD_ROUTE}.`,
            'no-lead-responder',
          );
        }
        const row = await insertBooking(trx, {
          hub_code: b.hub,
          week_start: monday,
          case_reference: b.caseReference,
          kind: b.kind,
          practitioner_id: lead.practitionerId,
          social_worker: b.socialWorker,
          created_by_key: ctx.request.actor?.keyId ?? null,
          scheduled_at: visit?.start ?? null,
          visit_ends_at: visit?.end ?? null,
        });
        const activeOfCase = await activeBookingsOfCase(trx, b.hub, monday, b.caseReference);
        const booking = (await findBooking(trx, row.id))!;
        const booked = await casesBooked(trx, b.hub, monday);
        return { booking, newCase: activeOfCase === 1, casesBooked: booked, weeklyCaseCap: cap };
      },
      entityId: ({ booking }) => booking.id,
      audited: ({ booking }) => booking,
      event: ({ booking }) => ({
        type: 'osr.booking.created',
        subjectId: booking.id,
        payload: bookingEvent(booking),
      }),
      etag: ({ booking }) => booking.version,
    });
    return after;
  } catch (error) {
    throw await refusalOf(db, error, { booking: b, hubName, monday, cap, timezone });
  }
}

/** The checks of a new booking before anything is locked; the hub's name, for the words of a refusal. */
async function checkNewBooking(db: Kysely<DB>, b: NewBooking, timezone: string): Promise<string> {
  parseWeek(b.week, '/body/week');
  refusePastWeek(b.week, timezone, DateTime.now(), '/body/week');
  if (b.durationMinutes !== undefined && b.scheduledAt === undefined) {
    throw problems.unprocessable('durationMinutes needs scheduledAt.', [
      { field: '/body/durationMinutes', message: 'needs scheduledAt' },
    ]);
  }
  const hubName = (await hubNames(db, [b.hub])).get(b.hub);
  if (!hubName)
    throw problems.unprocessable(`No hub with code "${b.hub}" exists.`, [
      { field: '/body/hub', message: 'is not a known hub' },
    ]);
  return hubName;
}

/**
 * The database's refusals in words: over the cap (recorded for the review, after the rollback), the
 * lead responder absent at the visit, or a clash with another visit; anything else as it came.
 */
async function refusalOf(
  db: Kysely<DB>,
  error: unknown,
  c: { booking: NewBooking; hubName: string; monday: string; cap: number; timezone: string },
): Promise<unknown> {
  const b = c.booking;
  if (dbCode(error) === 'OSR01') {
    const hint = Number(errorField(error, 'hint'));
    const limit = Number.isFinite(hint) ? hint : c.cap;
    await recordRefusal(db, {
      hub_code: b.hub,
      week_start: c.monday,
      case_reference: b.caseReference,
      kind: b.kind,
      social_worker: b.socialWorker,
      weekly_case_cap: limit,
    });
    return caseLimitReached(c.hubName, b.week, limit, await casesBooked(db, b.hub, c.monday));
  }
  if (dbCode(error) === 'OSR02')
    return problems.conflict(
      await leadAbsentDetail(db, b.hub, b.week, c.timezone, STANDARD_ROUTE),
      'lead-responder-absent',
      { hub: b.hub, week: b.week },
    );
  if (dbCode(error) === '23P01')
    return problems.conflict(
      `The lead responder already has a visit booked at that time in ${b.week}; choose another time.`,
      'visit-clash',
    );
  return error;
}

/** Cancels a booking; the database gives its case's slot back when it was the case's last booking. */
export async function cancelBooking(ctx: ChangeContext, id: string, reason: string | undefined) {
  const { after } = await applyChange(ctx, {
    entity: 'osr_booking',
    action: 'cancel',
    lock: (trx) => lockBooking(trx, id),
    version: (before) => before.version,
    write: async (trx, before) => {
      if (before.status === 'cancelled')
        throw problems.conflict('The booking is already cancelled.', 'already-cancelled');
      await markCancelled(trx, id, reason ?? null);
      return (await findBooking(trx, id))!;
    },
    entityId: () => id,
    event: (booking) => ({ type: 'osr.booking.cancelled', subjectId: id, payload: bookingEvent(booking) }),
    etag: (booking) => booking.version,
  });
  return after;
}

/** A page of bookings asked for by a query, within what the caller may see. */
export async function bookingsOf(
  db: Kysely<DB>,
  q: Static<typeof BookingQuery>,
  scope: { createdByKey?: string; hubs?: string[] },
  timezone: string,
) {
  const { limit = 100, offset = 0, fromWeek, toWeek, hub, status, caseReference, practitionerId } = q;
  if (!fromWeek && toWeek)
    throw problems.badRequest('toWeek needs fromWeek.', [
      { field: '/querystring/fromWeek', message: 'is required with toWeek' },
    ]);
  const filter = { hub, ...listedWeeks(q, timezone), status, caseReference, practitionerId, ...scope };
  const page = await listBookings(db, filter, limit, offset);
  return { ...page, limit, offset };
}
