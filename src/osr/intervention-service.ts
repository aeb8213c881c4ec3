import type { DomainEvent } from '../events/catalogue.js';
import { interventionEvent } from '../events/payloads.js';
import { DateTime } from 'luxon';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { assertHubScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import type { ReassignmentReason } from '../db/schema.js';
import { findBooking, type BookingDto } from './booking-repository.js';
import { MAX_SESSIONS, MAX_TOTAL_SESSIONS, type InterventionDto } from './intervention-model.js';
import {
  addExtension,
  closeIntervention,
  insertIntervention,
  interventionOfCase,
  listInterventions,
  lockIntervention,
  reassignIntervention,
  type Closing,
} from './intervention-repository.js';
import { findPractitionerBrief } from './rota-repository.js';
import { listedWeeks, osrWeek } from './weeks.js';
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { DB } from '../db/schema.js';
import type { InterventionQuery } from './intervention-schemas.js';

/**
 * The rules of an intervention: it follows an active visit and starts on or after it, it stays within
 * 12 sessions however often it is extended, and closing it is final. Every write goes through the
 * change pipeline (lock, If-Match, write, audit, event, ETag).
 */
const ENTITY = 'osr_intervention';

/** What other systems are told: the time, the case, who delivers it. */
type InterventionEvent =
  'intervention.started' | 'intervention.extended' | 'intervention.reassigned' | 'intervention.closed';

/** The catalogue's event for an intervention as it now is (src/events/catalogue.ts). */
function eventOf(type: InterventionEvent, iv: InterventionDto): DomainEvent {
  return { type, subjectId: iv.id, payload: interventionEvent(iv, iv.practitionerName) };
}

/** The visit's local date: a visit with a time is on its day; one without is in its week, from Monday. */
export function visitDateOf(b: BookingDto, timezone: string): string {
  if (b.scheduledAt) return DateTime.fromISO(b.scheduledAt, { zone: timezone }).toISODate()!;
  return osrWeek(b.week, timezone).monday;
}

const todayIn = (timezone: string, now: Date) => DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;

async function bookingToFollow(ctx: ChangeContext, bookingId: string): Promise<BookingDto> {
  const booking = await findBooking(ctx.db, bookingId);
  if (!booking)
    throw problems.unprocessable(`No booking with id "${bookingId}" exists.`, [
      { field: '/body/bookingId', message: 'is not a known booking' },
    ]);
  assertHubScope(ctx.request, booking.hub);
  const actor = ctx.request.actor;
  if (actor?.role === 'social_worker' && booking.createdByKey !== actor.keyId)
    throw problems.forbidden('A social_worker key starts interventions only from the bookings it made.');
  if (booking.status !== 'active')
    throw problems.conflict(
      `The booking of case ${booking.caseReference} was cancelled; no intervention follows it.`,
      'booking-cancelled',
    );
  return booking;
}

/** Starts the intervention that follows a visit, delivered by the practitioner who did the visit. */
export async function startIntervention(
  ctx: ChangeContext,
  body: { bookingId: string; sessions?: number; startedOn?: string },
): Promise<InterventionDto> {
  const now = ctx.now ?? new Date();
  const booking = await bookingToFollow(ctx, body.bookingId);
  const visitDate = visitDateOf(booking, ctx.timezone);
  const today = todayIn(ctx.timezone, now);
  const startedOn = body.startedOn ?? (today > visitDate ? today : visitDate);
  if (startedOn < visitDate)
    throw problems.unprocessable(
      `The intervention for case ${booking.caseReference} follows its visit on ${visitDate}: it cannot start on ${startedOn}.`,
      [{ field: '/body/startedOn', message: `is before the visit (${visitDate})` }],
    );
  const monday = osrWeek(booking.week, ctx.timezone).monday;
  const { after } = await applyChange(ctx, {
    entity: ENTITY,
    action: 'create',
    write: async (trx) => {
      const existing = await interventionOfCase(trx, booking.hub, monday, booking.caseReference);
      if (existing)
        throw problems.conflict(
          `Case ${booking.caseReference} already has an intervention from the OSR week ${booking.week} (${existing.id}).`,
          'intervention-exists',
        );
      const id = await insertIntervention(trx, {
        bookingId: booking.id,
        hub: booking.hub,
        monday,
        caseReference: booking.caseReference,
        practitionerId: booking.practitionerId,
        sessions: body.sessions ?? MAX_SESSIONS,
        startedOn,
      });
      return (await lockIntervention(trx, id))!;
    },
    entityId: (iv) => iv.id,
    event: (iv) => eventOf('intervention.started', iv),
    etag: (iv) => iv.version,
  });
  return after;
}

/** Locks an open intervention of the caller's hubs; a closed one is final (409). */
function lockOpen(id: string, ctx: ChangeContext, verb: string) {
  return async (trx: Transaction<DB>) => {
    const before = await lockIntervention(trx, id);
    if (!before) throw problems.notFound('intervention', id);
    assertHubScope(ctx.request, before.hub);
    if (before.status === 'closed')
      throw problems.conflict(
        `The intervention for case ${before.caseReference} was closed on ${before.closedOn} (${before.outcome}); a closed intervention is final and cannot be ${verb}.`,
        'intervention-closed',
      );
    return before;
  };
}

/** A change to an open intervention: locked, If-Match checked, written, audited and told as `event`. */
async function changeOpen(
  ctx: ChangeContext,
  id: string,
  how: { action: string; verb: string; event: InterventionEvent },
  write: (trx: Transaction<DB>, before: InterventionDto) => Promise<void>,
): Promise<InterventionDto> {
  const { after } = await applyChange(ctx, {
    entity: ENTITY,
    action: how.action,
    lock: lockOpen(id, ctx, how.verb),
    version: (before) => before.version,
    write: async (trx, before) => {
      await write(trx, before);
      return (await lockIntervention(trx, id))!;
    },
    entityId: () => id,
    event: (iv) => eventOf(how.event, iv),
    etag: (iv) => iv.version,
  });
  return after;
}

const REASSIGN = { action: 'reassign', verb: 'reassigned', event: 'intervention.reassigned' } as const;

export async function reassign(
  ctx: ChangeContext,
  id: string,
  body: { practitionerId: string; reason: ReassignmentReason; note?: string },
): Promise<InterventionDto> {
  return changeOpen(ctx, id, REASSIGN, async (trx, before) => {
    const p = await findPractitionerBrief(trx, body.practitionerId);
    if (!p || p.kind !== 'zero_nineteen' || p.hub !== before.hub || p.archived_at) {
      throw problems.unprocessable(
        `The intervention stays in ${before.hub}: give it to a current 0-19 practitioner of that hub.`,
        [{ field: '/body/practitionerId', message: 'is not a current 0-19 practitioner of the hub' }],
      );
    }
    const back = p.id === before.visitPractitionerId;
    await reassignIntervention(trx, id, {
      practitionerId: p.id,
      reason: back ? null : body.reason,
      note: back ? null : (body.note ?? null),
    });
  });
}

const EXTEND = { action: 'extend', verb: 'extended', event: 'intervention.extended' } as const;

/** Adds sessions with a reason; any number of extensions while the total stays within 12. */
export async function extend(
  ctx: ChangeContext,
  id: string,
  body: { sessions: number; reason: string },
): Promise<InterventionDto> {
  const now = ctx.now ?? new Date();
  return changeOpen(ctx, id, EXTEND, async (trx, before) => {
    const room = MAX_TOTAL_SESSIONS - before.totalSessions;
    if (body.sessions > room)
      throw problems.conflict(
        `The intervention for case ${before.caseReference} has ${before.totalSessions} sessions; ${body.sessions} more would make ${before.totalSessions + body.sessions}, over the limit of ${MAX_TOTAL_SESSIONS}. ${room > 0 ? `At most ${room} more can be added.` : 'No more can be added.'}`,
        'session-limit-reached',
        { totalSessions: before.totalSessions, maxTotalSessions: MAX_TOTAL_SESSIONS },
      );
    await addExtension(trx, id, body.sessions, body.reason, now);
  });
}

const CLOSE = { action: 'close', verb: 'closed again or reopened', event: 'intervention.closed' } as const;

/** Records the outcome; closing is final (twice, or any change after it, is refused). */
export async function close(ctx: ChangeContext, id: string, body: Closing): Promise<InterventionDto> {
  const now = ctx.now ?? new Date();
  const today = todayIn(ctx.timezone, now);
  return changeOpen(ctx, id, CLOSE, async (trx, before) => {
    checkClosing(before, body, today);
    await closeIntervention(trx, id, body, now);
  });
}

/** A page of interventions asked for by a query. */
export async function interventionsOf(db: Kysely<DB>, q: Static<typeof InterventionQuery>, timezone: string) {
  const { limit = 100, offset = 0 } = q;
  const found = await listInterventions(db, { ...q, ...listedWeeks(q, timezone) }, limit, offset);
  return { ...found, limit, offset };
}

function checkClosing(before: InterventionDto, body: Closing, today: string): void {
  if (body.closedOn < before.startedOn)
    throw problems.unprocessable(
      `The intervention for case ${before.caseReference} started on ${before.startedOn}; it cannot close on ${body.closedOn}.`,
      [{ field: '/body/closedOn', message: `is before the start (${before.startedOn})` }],
    );
  if (body.closedOn > today)
    throw problems.unprocessable(`closedOn ${body.closedOn} is after today (${today}).`, [
      { field: '/body/closedOn', message: 'is in the future' },
    ]);
  if (body.sessionsDelivered > before.totalSessions)
    throw problems.unprocessable(
      `The intervention for case ${before.caseReference} has ${before.totalSessions} sessions; ${body.sessionsDelivered} cannot have been delivered.`,
      [{ field: '/body/sessionsDelivered', message: `is more than ${before.totalSessions}` }],
    );
}
