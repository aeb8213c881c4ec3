import { Type, type Static } from 'typebox';
import { Instant, Uuid } from '../http/schemas.js';
import type { AbsenceRow } from '../db/schema.js';

export const AbsenceKind = Type.Union(
  [
    Type.Literal('sickness'),
    Type.Literal('annual_leave'),
    Type.Literal('training'),
    Type.Literal('unavailable'),
  ],
  { description: 'Only sickness may be open-ended' },
);

export const absenceExample = {
  id: '9d2e7c4a-1b3f-4a5e-8c6d-2f0a1b9e8d77',
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  kind: 'sickness',
  start: '2026-11-23T07:00:00.000Z',
  end: null,
  note: 'Phoned in at 06:40',
  version: 1,
  createdAt: '2026-11-23T06:45:00.000Z',
  updatedAt: '2026-11-23T06:45:00.000Z',
};

export const Absence = Type.Object(
  {
    id: Uuid,
    practitionerId: Uuid,
    kind: AbsenceKind,
    start: Instant,
    end: Type.Union([Instant, Type.Null()], { description: 'Exclusive; null while sickness is open-ended' }),
    note: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { examples: [absenceExample] },
);
export type AbsenceDto = Static<typeof Absence>;

export const CreateAbsence = Type.Object(
  {
    kind: AbsenceKind,
    start: Instant,
    end: Type.Optional(Type.Union([Instant, Type.Null()])),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  {
    additionalProperties: false,
    examples: [{ kind: 'sickness', start: '2026-11-23T07:00:00+00:00', note: 'Phoned in at 06:40' }],
  },
);
export type CreateAbsenceBody = Static<typeof CreateAbsence>;

export const PatchAbsence = Type.Object(
  {
    end: Type.Optional(
      Type.Union([Instant, Type.Null()], { description: 'Return to work: the absence ends here' }),
    ),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ end: '2026-11-26T08:00:00+00:00' }] },
);
export type PatchAbsenceBody = Static<typeof PatchAbsence>;

export const toAbsence = (row: AbsenceRow): AbsenceDto => ({
  id: row.id,
  practitionerId: row.practitioner_id,
  kind: row.kind,
  start: row.starts_at.toISOString(),
  end: row.ends_at ? row.ends_at.toISOString() : null,
  note: row.note,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
