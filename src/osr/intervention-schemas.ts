import { Type } from 'typebox';
import { Code, IsoWeek, LocalDate, PageQuery, Uuid } from '../http/schemas.js';
import {
  Feedback,
  interventionExample,
  MAX_SESSIONS,
  MAX_TOTAL_SESSIONS,
  Outcome,
  ReassignmentReason,
} from './intervention-model.js';
import { CaseReference, Reason } from './schemas.js';

/** Request schemas of the intervention routes, with the examples the OpenAPI document shows. */
export const StartIntervention = Type.Object(
  {
    bookingId: Uuid,
    sessions: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_SESSIONS, description: 'Up to 6; default 6' }),
    ),
    startedOn: Type.Optional({
      ...LocalDate,
      description:
        "On or after the visit's date (a booking without a time: its week's Monday); default: the visit's date, or today when that is later",
    }),
  },
  {
    additionalProperties: false,
    examples: [{ bookingId: interventionExample.bookingId, sessions: 6, startedOn: '2026-11-26' }],
  },
);

export const InterventionQuery = Type.Object(
  {
    hub: Type.Optional(Code),
    fromWeek: Type.Optional(IsoWeek),
    toWeek: Type.Optional(IsoWeek),
    practitionerId: Type.Optional(Uuid),
    caseReference: Type.Optional(CaseReference),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const reassignExample = {
  practitionerId: '8d0f7a1b-2c3e-4f50-9a6b-7c8d9e0f1a2b',
  reason: 'specialism',
  note: 'Youth work experience',
};

export const Reassign = Type.Object(
  { practitionerId: Uuid, reason: ReassignmentReason, note: Type.Optional(Reason) },
  { additionalProperties: false, examples: [reassignExample] },
);

export const Extend = Type.Object(
  { sessions: Type.Integer({ minimum: 1, maximum: MAX_SESSIONS }), reason: Reason },
  { additionalProperties: false, examples: [{ sessions: 4, reason: 'Parent has a learning difficulty' }] },
);

const closeExample = {
  closedOn: '2027-01-28',
  outcome: 'completed',
  sessionsDelivered: 10,
  feedback: { score: 5, comment: 'The sessions helped with bedtime routines.' },
};

export const Close = Type.Object(
  {
    closedOn: { ...LocalDate, description: 'On or after startedOn, not after today' },
    outcome: Outcome,
    sessionsDelivered: Type.Integer({ minimum: 0, maximum: MAX_TOTAL_SESSIONS }),
    feedback: Type.Optional(Feedback),
  },
  { additionalProperties: false, examples: [closeExample] },
);
