import { Type } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import type { InterventionOutcome, ReassignmentReason as ReassignmentReasonName } from '../db/schema.js';

/** Interventions after a visit: their schemas and examples (the rows become DTOs in the repository). */
export const MAX_SESSIONS = 6;
/** However many extensions, an intervention stays within this many sessions (protocol 4.4). */
export const MAX_TOTAL_SESSIONS = 12;
/** The feedback comment is short: a sentence about the help, never personal details. */
export const MAX_COMMENT_LENGTH = 500;

export const OUTCOMES: readonly InterventionOutcome[] = [
  'completed',
  'stepped_down',
  'transferred_to_statutory',
  'disengaged',
  'other',
];

export const ReassignmentReason = Type.Union(
  [
    Type.Literal('gender'),
    Type.Literal('specialism'),
    Type.Literal('workload'),
    Type.Literal('annual_leave'),
  ],
  { description: 'Why another practitioner is better suited (protocol 4.4)' },
);

export const Outcome = Type.Union(
  [
    Type.Literal('completed'),
    Type.Literal('stepped_down'),
    Type.Literal('transferred_to_statutory'),
    Type.Literal('disengaged'),
    Type.Literal('other'),
  ],
  {
    description:
      'completed: the planned work was done; stepped_down: to universal or lighter support; transferred_to_statutory: ' +
      'moved to statutory services; disengaged: the family stopped taking part; other',
  },
);

export const Feedback = Type.Object(
  {
    score: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: "The family's rating, 1 (poor) to 5 (very good)",
    }),
    comment: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: MAX_COMMENT_LENGTH,
        description: `At most ${MAX_COMMENT_LENGTH} characters about the help given. Not for personal details: no names, addresses, health or other details of the family.`,
      }),
    ),
  },
  { additionalProperties: false },
);

const Extension = Type.Object({
  sessions: Type.Integer(),
  reason: Type.String(),
  extendedAt: Instant,
});

export const interventionExample = {
  id: '7c2d9e4f-1a3b-4c5d-8e6f-9a0b1c2d3e4f',
  bookingId: '2b7e4c1a-9f3d-4e8b-a6c5-1d2e3f4a5b6c',
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  visitPractitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  practitionerName: 'Asha Patel',
  reassignmentReason: null,
  reassignmentNote: null,
  sessions: 6,
  extraSessions: 4,
  totalSessions: 10,
  extensionReason: 'Parent has a learning difficulty',
  extendedAt: '2026-12-10T10:00:00.000Z',
  extensions: [
    { sessions: 4, reason: 'Parent has a learning difficulty', extendedAt: '2026-12-10T10:00:00.000Z' },
  ],
  startedOn: '2026-11-26',
  status: 'closed',
  closedOn: '2027-01-28',
  outcome: 'completed',
  sessionsDelivered: 10,
  feedback: { score: 5, comment: 'The sessions helped with bedtime routines.' },
  closedAt: '2027-01-28T15:00:00.000Z',
  version: 3,
};

export const Intervention = Type.Object(
  {
    id: Uuid,
    bookingId: Uuid,
    hub: Code,
    week: IsoWeek,
    caseReference: Type.String(),
    visitPractitionerId: Uuid,
    practitionerId: Uuid,
    practitionerName: Type.String(),
    reassignmentReason: Type.Union([ReassignmentReason, Type.Null()]),
    reassignmentNote: Type.Union([Type.String(), Type.Null()]),
    sessions: Type.Integer(),
    extraSessions: Type.Integer({ description: 'The sessions of every extension together' }),
    totalSessions: Type.Integer({ maximum: MAX_TOTAL_SESSIONS }),
    extensionReason: Type.Union([Type.String(), Type.Null()], { description: 'The latest extension' }),
    extendedAt: Type.Union([Instant, Type.Null()], { description: 'The latest extension' }),
    extensions: Type.Array(Extension),
    startedOn: LocalDate,
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    closedOn: Type.Union([LocalDate, Type.Null()]),
    outcome: Type.Union([Outcome, Type.Null()]),
    sessionsDelivered: Type.Union([Type.Integer(), Type.Null()]),
    feedback: Type.Union([
      Type.Object({ score: Type.Integer(), comment: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ]),
    closedAt: Type.Union([Instant, Type.Null()]),
    version: Type.Integer(),
  },
  { examples: [interventionExample] },
);

export interface InterventionDto {
  id: string;
  bookingId: string;
  hub: string;
  week: string;
  caseReference: string;
  visitPractitionerId: string;
  practitionerId: string;
  practitionerName: string;
  reassignmentReason: ReassignmentReasonName | null;
  reassignmentNote: string | null;
  sessions: number;
  extraSessions: number;
  totalSessions: number;
  extensionReason: string | null;
  extendedAt: string | null;
  extensions: { sessions: number; reason: string; extendedAt: string }[];
  startedOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  outcome: InterventionOutcome | null;
  sessionsDelivered: number | null;
  feedback: { score: number; comment: string | null } | null;
  closedAt: string | null;
  version: number;
}
