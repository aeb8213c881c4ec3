import { Type, type Static } from 'typebox';
import { Instant, LocalDate, Uuid } from '../http/schemas.js';
import { UnfilledSummary } from './unfilled-summary.js';

const ScoreSchema = Type.Object(
  { hard: Type.Number(), medium: Type.Number(), soft: Type.Number() },
  { description: 'Penalties by level; hard 0 means no rule is broken, medium counts unfilled places' },
);

export const runExample = {
  id: 'a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  from: '2026-11-30',
  to: '2026-12-13',
  status: 'completed',
  timeLimitSeconds: 30,
  score: { hard: 0, medium: 0, soft: 1840 },
  unassigned: [],
  unfilledSummary: [],
  assignments: [
    {
      shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
      practitionerIds: ['5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45'],
    },
  ],
  breakdown: [
    {
      constraint: 'continuity',
      label: 'Few different people per family per week',
      level: 'soft',
      penalty: 1200,
      count: 14,
    },
  ],
  progress: [{ score: { hard: 0, medium: 2, soft: 2400 }, elapsedMs: 250 }],
  stats: { moves: 120000, stoppedBy: 'time' },
  summary: { shifts: 336, practitioners: 45 },
  error: null,
  createdAt: '2026-11-23T09:00:00.000Z',
  startedAt: '2026-11-23T09:00:00.400Z',
  finishedAt: '2026-11-23T09:00:30.500Z',
  publishedAt: null,
};

export const RotaRun = Type.Object(
  {
    id: Uuid,
    from: LocalDate,
    to: LocalDate,
    status: Type.String({ enum: ['queued', 'solving', 'completed', 'failed', 'cancelled', 'published'] }),
    timeLimitSeconds: Type.Integer(),
    score: Type.Union([ScoreSchema, Type.Null()]),
    unassigned: Type.Array(
      Type.Object({
        shiftId: Uuid,
        missing: Type.Integer(),
        reasons: Type.Array(Type.String(), {
          description: 'Who was considered and the rule each would break, in words',
        }),
      }),
    ),
    unfilledSummary: UnfilledSummary,
    assignments: Type.Array(Type.Object({ shiftId: Uuid, practitionerIds: Type.Array(Uuid) }), {
      description: 'The proposed rota (written to the shifts on publish)',
    }),
    breakdown: Type.Array(
      Type.Object({
        constraint: Type.String(),
        label: Type.String(),
        level: Type.String(),
        penalty: Type.Number(),
        count: Type.Integer(),
      }),
      { description: 'The score by rule' },
    ),
    progress: Type.Array(Type.Object({ score: ScoreSchema, elapsedMs: Type.Integer() })),
    stats: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    summary: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    startedAt: Type.Union([Instant, Type.Null()]),
    finishedAt: Type.Union([Instant, Type.Null()]),
    publishedAt: Type.Union([Instant, Type.Null()]),
  },
  { examples: [runExample] },
);
export type RotaRunDto = Static<typeof RotaRun>;

export const CreateRun = Type.Object(
  {
    from: LocalDate,
    to: Type.String({
      format: 'date',
      pattern: '^(19|20|21)\\d\\d-',
      description: 'Last day, included; at most 62 days from `from` (400 beyond)',
    }),
    timeLimitSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 30 })),
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, description: 'For a reproducible run' }),
    ),
  },
  { additionalProperties: false, examples: [{ from: '2026-11-30', to: '2026-12-13', timeLimitSeconds: 30 }] },
);
export type CreateRunBody = Static<typeof CreateRun>;
