import { sql } from 'kysely';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { weekOfMonday } from './weeks.js';
import type { Static } from 'typebox';
import { problems } from '../http/problem.js';
import type { Booking } from './booking-model.js';

export type BookingDto = Static<typeof Booking> & {
  /** The API key that made the booking (it may cancel it). */
  createdByKey: string | null;
};

function bookingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('osr_bookings as b')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .selectAll('b')
    .select('p.name as lead_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof bookingQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toBooking = (r: Row): BookingDto => ({
  id: r.id,
  hub: r.hub_code,
  week: weekOfMonday(r.week_start),
  caseReference: r.case_reference,
  kind: r.kind,
  practitionerId: r.practitioner_id,
  leadResponderName: r.lead_name,
  socialWorker: r.social_worker,
  scheduledAt: iso(r.scheduled_at),
  visitEndsAt: iso(r.visit_ends_at),
  status: r.status,
  cancelledAt: iso(r.cancelled_at),
  cancelReason: r.cancel_reason,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  createdByKey: r.created_by_key,
});

export async function findBooking(db: Kysely<DB>, id: string): Promise<BookingDto | undefined> {
  const row = await bookingQuery(db).where('b.id', '=', id).executeTakeFirst();
  return row ? toBooking(row) : undefined;
}

export interface BookingFilter {
  hub?: string;
  fromMonday?: string;
  toMonday?: string;
  status?: 'active' | 'cancelled';
  caseReference?: string;
  practitionerId?: string;
  /** Only the bookings this key made (a social worker's own). */
  createdByKey?: string;
  /** Only these hubs (a hub manager's). */
  hubs?: string[];
}

export async function listBookings(db: Kysely<DB>, f: BookingFilter, limit: number, offset: number) {
  let q = bookingQuery(db);
  if (f.hub) q = q.where('b.hub_code', '=', f.hub);
  if (f.fromMonday) q = q.where('b.week_start', '>=', f.fromMonday);
  if (f.toMonday) q = q.where('b.week_start', '<=', f.toMonday);
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.caseReference) q = q.where('b.case_reference', '=', f.caseReference);
  if (f.practitionerId) q = q.where('b.practitioner_id', '=', f.practitionerId);
  if (f.createdByKey) q = q.where('b.created_by_key', '=', f.createdByKey);
  if (f.hubs) q = f.hubs.length ? q.where('b.hub_code', 'in', f.hubs) : q.where(sql<boolean>`false`);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('b.week_start')
    .orderBy('b.hub_code')
    .orderBy('b.created_at')
    .orderBy('b.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { items: rows.map(toBooking), total: Number(total.n) };
}

/** Distinct cases holding a slot in a hub-week (the counter row the database keeps). */
export async function casesBooked(db: Kysely<DB>, hub: string, monday: string): Promise<number> {
  const row = await db
    .selectFrom('osr_hub_weeks')
    .select('cases_booked')
    .where('hub_code', '=', hub)
    .where('week_start', '=', monday)
    .executeTakeFirst();
  return row?.cases_booked ?? 0;
}

/** The active bookings of a hub-week held by one lead responder, in time order (untimed last). */
export async function findBookingsOfLead(
  db: Kysely<DB>,
  hub: string,
  monday: string,
  practitionerId: string,
): Promise<BookingDto[]> {
  const rows = await bookingQuery(db)
    .where('b.hub_code', '=', hub)
    .where('b.week_start', '=', monday)
    .where('b.practitioner_id', '=', practitionerId)
    .where('b.status', '=', 'active')
    .orderBy('b.scheduled_at')
    .orderBy('b.created_at')
    .orderBy('b.id')
    .execute();
  return rows.map(toBooking);
}

/** Gives the active bookings of a hub-week to its new lead responder; returns how many moved. */
export async function moveActiveBookings(
  trx: Transaction<DB>,
  hub: string,
  monday: string,
  practitionerId: string,
): Promise<number> {
  const moved = await trx
    .updateTable('osr_bookings')
    .set((eb) => ({
      practitioner_id: practitionerId,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('hub_code', '=', hub)
    .where('week_start', '=', monday)
    .where('status', '=', 'active')
    .where('practitioner_id', '<>', practitionerId)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** Reads a booking under a lock on its row only (404 when there is none), for a change to it. */
export async function lockBooking(trx: Transaction<DB>, id: string): Promise<BookingDto> {
  const row = await bookingQuery(trx).where('b.id', '=', id).forUpdate('b').executeTakeFirst();
  if (!row) throw problems.notFound('booking', id);
  return toBooking(row);
}

export async function markCancelled(trx: Transaction<DB>, id: string, reason: string | null): Promise<void> {
  await trx
    .updateTable('osr_bookings')
    .set((eb) => ({
      status: 'cancelled' as const,
      cancelled_at: new Date(),
      cancel_reason: reason,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

/** The working days of a booking without a time are local days: the booking trigger reads the zone. */
export async function setTriggerTimezone(trx: Transaction<DB>, timezone: string): Promise<void> {
  await sql`SELECT set_config('care_rota.timezone', ${timezone}, true)`.execute(trx);
}

export async function insertBooking(trx: Transaction<DB>, values: Insertable<DB['osr_bookings']>) {
  return trx.insertInto('osr_bookings').values(values).returning('id').executeTakeFirstOrThrow();
}

/** How many active bookings the case has in the hub-week (1: this booking took a new slot). */
export async function activeBookingsOfCase(
  trx: Transaction<DB>,
  hub: string,
  monday: string,
  caseReference: string,
): Promise<number> {
  const slot = await trx
    .selectFrom('osr_case_slots')
    .select('active_bookings')
    .where('hub_code', '=', hub)
    .where('week_start', '=', monday)
    .where('case_reference', '=', caseReference)
    .executeTakeFirstOrThrow();
  return Number(slot.active_bookings);
}

/** A request refused at the cap, kept for the pilot's review. */
export async function recordRefusal(db: Kysely<DB>, values: Insertable<DB['osr_refusals']>): Promise<void> {
  await db.insertInto('osr_refusals').values(values).execute();
}
