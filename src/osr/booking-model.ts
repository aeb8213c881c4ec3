import { Type } from 'typebox';
import { Code, Instant, IsoWeek, Uuid } from '../http/schemas.js';

/** The booking schema and its example, shared by the booking routes and the hub-week alerts. */
export const Kind = Type.Union(
  [Type.Literal('joint_visit'), Type.Literal('virtual_visit'), Type.Literal('consultation')],
  {
    description: 'A joint home visit (actual or virtual) or a consultation',
  },
);

export const bookingExample = {
  id: '2b7e4c1a-9f3d-4e8b-a6c5-1d2e3f4a5b6c',
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  kind: 'joint_visit',
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  leadResponderName: 'Priya Shah',
  socialWorker: 'Duty SW Team 2 - R. Patel',
  scheduledAt: '2026-11-24T10:00:00.000Z',
  visitEndsAt: '2026-11-24T11:30:00.000Z',
  status: 'active',
  cancelledAt: null,
  cancelReason: null,
  version: 1,
  createdAt: '2026-11-23T09:12:00.000Z',
};

export const Booking = Type.Object(
  {
    id: Uuid,
    hub: Code,
    week: IsoWeek,
    caseReference: Type.String(),
    kind: Kind,
    practitionerId: Uuid,
    leadResponderName: Type.String(),
    socialWorker: Type.String(),
    scheduledAt: Type.Union([Instant, Type.Null()]),
    visitEndsAt: Type.Union([Instant, Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
    cancelledAt: Type.Union([Instant, Type.Null()]),
    cancelReason: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    createdAt: Instant,
  },
  { examples: [bookingExample] },
);
