import { Type } from 'typebox';
import { Code, IsoWeek, PageQuery, Uuid } from '../http/schemas.js';
import { Booking, bookingExample, Kind } from './booking-model.js';
import { CaseReference, Reason } from './schemas.js';

/** Request and response schemas of the booking routes, with the examples the OpenAPI document shows. */
export const CreatedBooking = Type.Object(
  {
    ...Booking.properties,
    newCase: Type.Boolean({ description: 'False when the case already held a slot this hub-week' }),
    casesBooked: Type.Integer(),
    weeklyCaseCap: Type.Integer(),
  },
  { examples: [{ ...bookingExample, newCase: true, casesBooked: 1, weeklyCaseCap: 3 }] },
);

const createExample = {
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  kind: 'joint_visit',
  scheduledAt: '2026-11-24T10:00:00+00:00',
  socialWorker: 'Duty SW Team 2 - R. Patel',
};

export const CreateBooking = Type.Object(
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
  { additionalProperties: false, examples: [createExample] },
);

export const BookingQuery = Type.Object(
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

export const IdParams = Type.Object({ id: Uuid });

export const CancelBooking = Type.Object(
  { reason: Type.Optional(Reason) },
  { additionalProperties: false, examples: [{ reason: 'Family moved out of the area' }] },
);
