import { Type, type Static, type TSchema } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';

/**
 * The one catalogue of events other systems receive (the pull feed GET /v1/events and webhooks): each type,
 * what it means, its payload schema and an example. The code writes events through it (typed), and the
 * OpenAPI document's `webhooks` section is built from it, so the two never disagree.
 *
 * Every payload names people by id and name, placements by id and case reference, and times as instants
 * with an offset. Health details never travel: a sickness reads "unavailable" and absence notes stay home.
 */

const Person = Type.Object(
  { id: Uuid, name: Type.String() },
  { description: 'A practitioner, by id and name' },
);
const person = { id: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45', name: 'Alex Morgan' };

const EventShift = Type.Object({
  id: Uuid,
  placementId: Uuid,
  caseReference: Type.String(),
  start: Instant,
  end: Instant,
  status: Type.String({ description: 'covered, unfilled or uncovered' }),
  assignments: Type.Array(
    Type.Object({ practitionerId: Uuid, name: Type.String(), start: Instant, end: Instant }),
  ),
});
const shift = {
  id: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
  placementId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  caseReference: 'CR-2026-0412',
  start: '2026-11-30T20:00:00.000Z',
  end: '2026-12-01T08:00:00.000Z',
  status: 'covered',
  assignments: [
    {
      practitionerId: person.id,
      name: person.name,
      start: '2026-11-30T20:00:00.000Z',
      end: '2026-12-01T08:00:00.000Z',
    },
  ],
};

const EventAbsence = Type.Object({
  id: Uuid,
  practitionerId: Uuid,
  kind: Type.Union([Type.Literal('annual_leave'), Type.Literal('training'), Type.Literal('unavailable')], {
    description: 'A sickness reads "unavailable": health details are not sent to other systems',
  }),
  start: Instant,
  end: Type.Union([Instant, Type.Null()], { description: 'Exclusive; null while open-ended' }),
});
const absence = {
  id: '9d2e7c4a-1b3f-4a5e-8c6d-2f0a1b9e8d77',
  practitionerId: person.id,
  kind: 'unavailable' as const,
  start: '2026-11-23T07:00:00.000Z',
  end: null,
};

const EventPlacement = Type.Object({
  id: Uuid,
  caseReference: Type.String(),
  region: Code,
  startDate: LocalDate,
  endDate: LocalDate,
});
const placement = {
  id: shift.placementId,
  caseReference: shift.caseReference,
  region: 'north-west',
  startDate: '2026-11-30',
  endDate: '2027-01-10',
};

const EventPractitioner = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String({ description: 'parenting or zero_nineteen' }),
  hub: Type.Union([Code, Type.Null()]),
  archived: Type.Boolean({ description: 'True once they left the panel' }),
});

const EventBooking = Type.Object({
  id: Uuid,
  hub: Code,
  week: IsoWeek,
  caseReference: Type.String(),
  kind: Type.String({ description: 'joint_visit, virtual_visit or consultation' }),
  socialWorker: Type.String(),
  scheduledAt: Type.Union([Instant, Type.Null()]),
  visitEndsAt: Type.Union([Instant, Type.Null()]),
  status: Type.String({ description: 'active or cancelled' }),
});
const booking = {
  id: '2b7e4c1a-9f3d-4e8b-a6c5-1d2e3f4a5b6c',
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  kind: 'joint_visit',
  socialWorker: 'Duty SW Team 2 - R. Patel',
  scheduledAt: '2026-11-24T10:00:00.000Z',
  visitEndsAt: '2026-11-24T11:30:00.000Z',
  status: 'active',
};

const EventIntervention = Type.Object({
  id: Uuid,
  bookingId: Uuid,
  hub: Code,
  week: IsoWeek,
  caseReference: Type.String(),
  sessions: Type.Integer(),
  totalSessions: Type.Integer(),
  startedOn: LocalDate,
  reassignmentReason: Type.Union([Type.String(), Type.Null()]),
  extensionReason: Type.Union([Type.String(), Type.Null()]),
  status: Type.Optional(Type.String({ enum: ['open', 'closed'] })),
  closedOn: Type.Optional(Type.Union([LocalDate, Type.Null()])),
  outcome: Type.Optional(
    Type.Union([
      Type.String({ description: 'completed, stepped_down, transferred_to_statutory, disengaged or other' }),
      Type.Null(),
    ]),
  ),
  sessionsDelivered: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
const intervention = {
  id: '7c2d9e4f-1a3b-4c5d-8e6f-9a0b1c2d3e4f',
  bookingId: booking.id,
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  sessions: 6,
  totalSessions: 6,
  startedOn: '2026-11-26',
  reassignmentReason: null,
  extensionReason: null,
};
const InterventionPayload = Type.Object({ intervention: EventIntervention, practitioner: Person });

const LeadChange = Type.Object({
  hub: Code,
  week: IsoWeek,
  practitioner: Type.Union([Person, Type.Null()], { description: 'null: nobody leads the week' }),
  grade: Type.Union([Type.String(), Type.Null()]),
  source: Type.String({ description: 'generated or override' }),
  reason: Type.Union([Type.String(), Type.Null()]),
});

/** Payloads that more than one event carries: the thing that changed and the person it concerns. */
const ShiftAndPerson = Type.Object({ shift: EventShift, practitioner: Person });
const AbsenceAndPerson = Type.Object({ absence: EventAbsence, practitioner: Person });
const BookingAndPerson = Type.Object({ booking: EventBooking, practitioner: Person });

interface Entry<S extends TSchema> {
  summary: string;
  payload: S;
  example: Static<S>;
}
const entry = <S extends TSchema>(summary: string, payload: S, example: Static<S>): Entry<S> => ({
  summary,
  payload,
  example,
});

export const EVENT_CATALOGUE = {
  'shift.assigned': entry('A practitioner was put on a shift by hand', ShiftAndPerson, {
    shift,
    practitioner: person,
  }),
  'shift.unassigned': entry('A practitioner was taken off a shift by hand', ShiftAndPerson, {
    shift: { ...shift, status: 'unfilled', assignments: [] },
    practitioner: person,
  }),
  'shift.uncovered': entry(
    'A change of facts (an absence, an exclusion, a leaver, ...) took someone off a shift, which is now short',
    Type.Object({
      shift: EventShift,
      takenOff: Type.Array(
        Type.Object({
          practitionerId: Uuid,
          name: Type.String(),
          rule: Type.String(),
          reason: Type.String({ description: 'Why, in words' }),
          from: Instant,
        }),
      ),
    }),
    {
      shift: { ...shift, status: 'uncovered', assignments: [] },
      takenOff: [
        {
          practitionerId: person.id,
          name: person.name,
          rule: 'absence',
          reason: 'Alex Morgan is unavailable from 30 Nov 20:00',
          from: '2026-11-30T20:00:00.000Z',
        },
      ],
    },
  ),
  'rota.published': entry(
    "A rota run's proposal was written to the shifts",
    Type.Object({ runId: Uuid, from: LocalDate, to: LocalDate, changedShifts: Type.Integer() }),
    {
      runId: '0b8e2f7a-4c1d-4e5f-9a6b-7c8d9e0f1a2b',
      from: '2026-11-30',
      to: '2026-12-13',
      changedShifts: 56,
    },
  ),
  'absence.recorded': entry(
    'An absence was recorded (the shifts it took them off follow as shift.uncovered)',
    AbsenceAndPerson,
    { absence, practitioner: person },
  ),
  'absence.ended': entry('An absence was given an end (a return to work)', AbsenceAndPerson, {
    absence: { ...absence, end: '2026-11-27T07:00:00.000Z' },
    practitioner: person,
  }),
  'cover-plan.accepted': entry(
    'A cover plan was accepted: the people it put on shifts',
    Type.Object({
      coverPlanId: Uuid,
      absenceId: Type.Union([Uuid, Type.Null()]),
      assignments: Type.Array(Type.Object({ shift: EventShift, practitioner: Person })),
    }),
    {
      coverPlanId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      absenceId: absence.id,
      assignments: [{ shift, practitioner: person }],
    },
  ),
  'placement.created': entry('A 24/7 placement was created', Type.Object({ placement: EventPlacement }), {
    placement,
  }),
  'placement.changed': entry(
    'A placement changed (its dates, phases or requirements, or after a review)',
    Type.Object({
      placement: EventPlacement,
      review: Type.Optional(Type.Object({ heldOn: LocalDate, decision: Type.String() })),
    }),
    { placement, review: { heldOn: '2026-12-21', decision: 'extend' } },
  ),
  'practitioner.changed': entry(
    'A practitioner joined, changed, left the panel, or changed their preferences',
    Type.Object({
      practitioner: EventPractitioner,
      change: Type.Union([
        Type.Literal('created'),
        Type.Literal('updated'),
        Type.Literal('archived'),
        Type.Literal('preferences'),
      ]),
    }),
    {
      practitioner: { ...person, kind: 'parenting', hub: null, archived: false },
      change: 'updated',
    },
  ),
  'osr.lead-responder.changed': entry(
    "A week's lead responder changed (a rota was generated, or a hub manager overrode the week)",
    LeadChange,
    {
      hub: 'east-hub',
      week: '2026-W48',
      practitioner: person,
      grade: 'H',
      source: 'override',
      reason: 'Annual leave',
    },
  ),
  'osr.booking.created': entry(
    'A duty social worker booked a visit or consultation with the lead responder',
    BookingAndPerson,
    { booking, practitioner: person },
  ),
  'osr.booking.cancelled': entry('A booking was cancelled (its slot is free again)', BookingAndPerson, {
    booking: { ...booking, status: 'cancelled' },
    practitioner: person,
  }),
  'osr.rota.issued': entry(
    'The OSR rota was issued to social workers for some weeks',
    Type.Object({
      fromWeek: IsoWeek,
      toWeek: IsoWeek,
      hub: Type.Union([Code, Type.Null()], { description: 'null: every hub' }),
      issued: Type.Integer({ description: 'Weeks newly issued' }),
      assignments: Type.Array(
        Type.Object({ hub: Code, week: IsoWeek, practitioner: Person, grade: Type.String() }),
      ),
    }),
    {
      fromWeek: '2026-W48',
      toWeek: '2026-W51',
      hub: 'east-hub',
      issued: 4,
      assignments: [{ hub: 'east-hub', week: '2026-W48', practitioner: person, grade: 'H' }],
    },
  ),
  'intervention.started': entry('An intervention started after a visit', InterventionPayload, {
    intervention,
    practitioner: person,
  }),
  'intervention.extended': entry('An intervention was extended, with a reason', InterventionPayload, {
    intervention: { ...intervention, totalSessions: 10, extensionReason: 'Parent has a learning difficulty' },
    practitioner: person,
  }),
  'intervention.reassigned': entry(
    'An intervention was given to another practitioner of the hub',
    InterventionPayload,
    { intervention: { ...intervention, reassignmentReason: 'specialism' }, practitioner: person },
  ),
  'intervention.closed': entry('An intervention was closed with its outcome', InterventionPayload, {
    intervention: {
      ...intervention,
      status: 'closed',
      closedOn: '2027-01-20',
      outcome: 'stepped_down',
      sessionsDelivered: 6,
    },
    practitioner: person,
  }),
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
export type EventPayload<T extends EventType> = Static<(typeof EVENT_CATALOGUE)[T]['payload']>;

/** One event as the code writes it: its type, what it is about, and its payload, all typed together. */
export type DomainEvent = {
  [T in EventType]: { type: T; subjectId: string; payload: EventPayload<T> };
}[EventType];

export const EventTypeSchema = Type.Union(
  EVENT_TYPES.map((t) => Type.Literal(t)),
  { description: 'An event type from the catalogue (see the webhooks section)' },
);
