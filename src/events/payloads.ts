import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AbsenceDto } from '../panel/absence-model.js';
import type { PractitionerDto } from '../panel/practitioner-model.js';
import type { PlacementDto } from '../placements/model.js';
import type { ShiftDto } from '../placements/shift-model.js';
import type { TakenOff } from '../rules/enforce.js';
import type { BookingDto } from '../osr/booking-repository.js';
import type { EventPayload } from './catalogue.js';

/** The domain's objects as events carry them: the fields a receiver needs, never health details. */

type ShiftPayload = EventPayload<'shift.assigned'>['shift'];

export const shiftEvent = (s: ShiftDto): ShiftPayload => ({
  id: s.id,
  placementId: s.placementId,
  caseReference: s.caseReference,
  start: s.start,
  end: s.end,
  status: s.status,
  assignments: s.assignments.map((a) => ({
    practitionerId: a.practitionerId,
    name: a.name,
    start: a.start,
    end: a.end,
  })),
});

export const takenOffEvent = (
  s: ShiftDto,
  takenOff: TakenOff[],
): EventPayload<'shift.uncovered'>['takenOff'] =>
  takenOff
    .filter((t) => t.shiftId === s.id)
    .map((t) => ({
      practitionerId: t.practitionerId,
      name: s.uncoveredBy.find((u) => u.practitionerId === t.practitionerId)?.name ?? '',
      rule: t.rule,
      reason: t.reason,
      from: t.from,
    }));

export const absenceEvent = (a: AbsenceDto): EventPayload<'absence.recorded'>['absence'] => ({
  id: a.id,
  practitionerId: a.practitionerId,
  kind: a.kind === 'sickness' ? 'unavailable' : a.kind,
  start: a.start,
  end: a.end,
});

export const placementEvent = (p: PlacementDto): EventPayload<'placement.created'>['placement'] => ({
  id: p.id,
  caseReference: p.caseReference,
  region: p.region,
  startDate: p.startDate,
  endDate: p.endDate,
});

export const practitionerEvent = (
  p: PractitionerDto,
): EventPayload<'practitioner.changed'>['practitioner'] => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  hub: p.hub ?? null,
  archived: p.archivedAt !== null,
});

export const bookingEvent = (b: BookingDto): EventPayload<'osr.booking.created'> => ({
  booking: {
    id: b.id,
    hub: b.hub,
    week: b.week,
    caseReference: b.caseReference,
    kind: b.kind,
    socialWorker: b.socialWorker,
    scheduledAt: b.scheduledAt,
    visitEndsAt: b.visitEndsAt,
    status: b.status,
  },
  practitioner: { id: b.practitionerId, name: b.leadResponderName },
});

type InterventionDto = import('../osr/intervention-model.js').InterventionDto;

export const interventionEvent = (
  i: InterventionDto,
  name: string,
): EventPayload<'intervention.started'> => ({
  intervention: {
    id: i.id,
    bookingId: i.bookingId,
    hub: i.hub,
    week: i.week,
    caseReference: i.caseReference,
    sessions: i.sessions,
    totalSessions: i.totalSessions,
    startedOn: i.startedOn,
    reassignmentReason: i.reassignmentReason,
    extensionReason: i.extensionReason,
    status: i.status,
    closedOn: i.closedOn,
    outcome: i.outcome,
    sessionsDelivered: i.sessionsDelivered,
  },
  practitioner: { id: i.practitionerId, name },
});

/** A practitioner by id and name, read in the change's transaction. */
export async function personOf(db: Kysely<DB>, id: string): Promise<{ id: string; name: string }> {
  const row = await db.selectFrom('practitioners').select('name').where('id', '=', id).executeTakeFirst();
  return { id, name: row?.name ?? '' };
}
