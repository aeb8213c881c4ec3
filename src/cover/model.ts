import { Type } from 'typebox';
import { Code, Instant, LocalDate, Uuid } from '../http/schemas.js';
import { UnfilledGroupSchema } from '../rota/unfilled-summary.js';
import { Horizon } from './horizon.js';
import { candidateSchema } from './candidate.js';

const Candidate = candidateSchema('The one hard rule between this person and the shift, when only one is');

export const coverPlanExample = {
  id: 'c0ffee00-1234-4abc-8def-0123456789ab',
  absenceId: '9d2e7c4a-1b3f-4a5e-8c6d-2f0a1b9e8d77',
  shiftIds: ['2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c'],
  status: 'proposed',
  assignments: [
    {
      shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
      practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
      name: 'Alex Morgan',
    },
  ],
  alternatives: [
    {
      shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
      candidates: [
        {
          practitionerId: '6d7d2f53-fc2e-45b0-bdbd-bf91af7589ed',
          name: 'Ben Iqbal',
          allowed: true,
          breaks: [],
          warnings: ['Ben Iqbal would travel from midlands to north-west'],
          oneRuleAway: null,
        },
      ],
    },
  ],
  uncovered: [],
  uncoveredSummary: [],
  changes: [],
  score: { hard: 0, medium: 0, soft: 120 },
  movedOthers: false,
  solveMs: 640,
  horizon: {
    from: '2026-11-30',
    to: '2026-12-27',
    days: 28,
    laterShifts: 0,
    laterUntil: null,
    note: 'This plan covers shifts from Mon 30 Nov 2026 to Sun 27 Dec 2026: every uncovered shift is in it.',
  },
  createdAt: '2026-11-23T07:01:00.000Z',
  acceptedAt: null,
};

export const CoverPlan = Type.Object(
  {
    id: Uuid,
    absenceId: Type.Union([Uuid, Type.Null()], {
      description: 'The absence whose shifts it covers; null for a plan asked for by shifts or by period',
    }),
    shiftIds: Type.Array(Uuid, { description: 'The shifts the plan set out to cover' }),
    status: Type.String({ enum: ['proposed', 'accepted', 'superseded'] }),
    assignments: Type.Array(Type.Object({ shiftId: Uuid, practitionerId: Uuid, name: Type.String() }), {
      description: 'Who the plan puts on each uncovered shift',
    }),
    alternatives: Type.Array(Type.Object({ shiftId: Uuid, candidates: Type.Array(Candidate) }), {
      description: 'The next best people for each shift, if the proposal does not suit',
    }),
    uncovered: Type.Array(Type.Object({ shiftId: Uuid, reasons: Type.Array(Type.String()) }), {
      description: 'Shifts no one can cover, with who was considered and which rule each would break',
    }),
    uncoveredSummary: Type.Array(UnfilledGroupSchema, {
      description: 'Uncovered shifts grouped by family and cause, each with the smallest fixes found',
    }),
    changes: Type.Array(Type.Object({ shiftId: Uuid, removed: Type.Array(Uuid), added: Type.Array(Uuid) }), {
      description: 'Other shifts the plan changes to make cover possible (only when nothing else works)',
    }),
    score: Type.Object({ hard: Type.Number(), medium: Type.Number(), soft: Type.Number() }),
    movedOthers: Type.Boolean(),
    solveMs: Type.Integer({ description: 'Time the plan took to make' }),
    horizon: Type.Union([Horizon, Type.Null()], {
      description: 'The local dates the plan covers; null on plans made before plans had a horizon',
    }),
    createdAt: Instant,
    acceptedAt: Type.Union([Instant, Type.Null()]),
  },
  { examples: [coverPlanExample] },
);

export const standbyExample = {
  region: 'north-west',
  date: '2026-11-24',
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  name: 'Alex Morgan',
};
export const StandbyEntry = Type.Object(
  { region: Code, date: LocalDate, practitionerId: Uuid, name: Type.String() },
  { examples: [standbyExample] },
);
