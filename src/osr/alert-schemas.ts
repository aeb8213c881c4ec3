import { Type } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import { Booking, bookingExample } from './booking-model.js';
import { Intervention, interventionExample } from './intervention-model.js';

/** The schema of a hub-week's alert (see lead-alerts.ts), with the example the OpenAPI document shows. */
const asha = '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45';
const iris = '8d0f7a1b-2c3e-4f50-9a6b-7c8d9e0f1a2b';

export const alertExample = {
  kind: 'lead-responder-absent',
  cause: 'unavailable',
  hub: 'east-hub',
  week: '2026-W48',
  practitionerId: asha,
  name: 'Priya Shah',
  unavailableDays: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'],
  unavailable: [{ start: '2026-11-24T08:00:00.000Z', end: '2026-11-28T00:00:00.000Z' }],
  message:
    'Priya Shah, the lead responder of East 0-19 Hub in the OSR week 2026-W48 (Mon 23 Nov 2026 to Fri 27 Nov 2026), ' +
    'is unavailable from Tue 24 Nov 2026 08:00 to the end of Fri 27 Nov 2026; the week needs another lead responder, ' +
    'and no visit can be booked with Priya Shah while unavailable.',
  proposal: {
    from: '2026-11-23T00:00:00.000+00:00',
    proposed: { practitionerId: iris, name: 'Jo Khan', grade: 'I', notes: [] },
    candidates: [
      { practitionerId: iris, name: 'Jo Khan', grade: 'I', allowed: true, reasons: [] },
      {
        practitionerId: '3e9b2d7c-5f1a-4c8e-b0d2-6a7f8e9c0b1d',
        name: 'Sam Lee',
        grade: 'G',
        allowed: false,
        reasons: ['Grade G; only grades H and I lead the OSR week.'],
      },
    ],
    message:
      'Proposed: Jo Khan (grade I) can lead East 0-19 Hub for all of 2026-W48. ' +
      'The hub manager applies it by reassigning the week.',
  },
  affected: { bookings: [bookingExample], interventions: [interventionExample] },
};

/** A practitioner considered to lead a week instead: allowed or not, with the rules they would break. */
export const candidateFields = {
  practitionerId: Uuid,
  name: Type.String(),
  grade: Type.String(),
  allowed: Type.Boolean(),
  reasons: Type.Array(Type.String(), { description: 'Rules the person would break' }),
};

export const LeadAlert = Type.Object(
  {
    kind: Type.Literal('lead-responder-absent', {
      description: 'The lead responder cannot be there on some working day of the week',
    }),
    cause: Type.Union([Type.Literal('unavailable'), Type.Literal('left')], {
      description:
        'unavailable: an absence of any kind (the kind is not shown here); left: the practitioner was archived',
    }),
    hub: Code,
    week: IsoWeek,
    practitionerId: Uuid,
    name: Type.String({ description: 'The lead responder' }),
    unavailableDays: Type.Array(LocalDate, {
      description: 'The working days (Monday to Friday, local dates) they cannot be there, wholly or in part',
    }),
    unavailable: Type.Array(Type.Object({ start: Instant, end: Instant }), {
      description: 'When they cannot be there, within the working days; bookings at these times are refused',
    }),
    message: Type.String({ description: 'In words: names, the hub and local dates, no health information' }),
    proposal: Type.Union(
      [
        Type.Object({
          from: Instant,
          proposed: Type.Union(
            [
              Type.Object({
                practitionerId: Uuid,
                name: Type.String(),
                grade: Type.String(),
                notes: Type.Array(Type.String()),
              }),
              Type.Null(),
            ],
            {
              description: 'The best allowed replacement, ranked by the scheduler core; null when nobody can',
            },
          ),
          candidates: Type.Array(Type.Object(candidateFields)),
          message: Type.String(),
        }),
        Type.Null(),
      ],
      {
        description:
          'Who could lead the week instead (all its working days, as the override checks them), ranked by the scheduler core on every read from the current facts; null once the working days are over. Apply it with PUT /v1/osr/lead-responders/{hub}/{week}.',
      },
    ),
    affected: Type.Object(
      {
        bookings: Type.Array(Booking, {
          description: 'Active bookings with them at a time they cannot be there (or without a time)',
        }),
        interventions: Type.Array(Intervention, {
          description: 'Interventions of the hub they deliver, started in the 12 weeks up to this week',
        }),
      },
      { description: 'What the hub manager needs to move' },
    ),
  },
  { examples: [alertExample] },
);

export const Alerts = Type.Array(LeadAlert, {
  description:
    'Derived on every read from absences and leavers against the week: empty when the lead responder can be there all week',
});

export const AlertQuery = Type.Object(
  { fromWeek: Type.Optional(IsoWeek), toWeek: Type.Optional(IsoWeek), hub: Type.Optional(Code) },
  { additionalProperties: false },
);

export const AlertList = Type.Object(
  { fromWeek: IsoWeek, toWeek: IsoWeek, items: Type.Array(LeadAlert) },
  { examples: [{ fromWeek: '2026-W48', toWeek: '2027-W07', items: [alertExample] }] },
);
