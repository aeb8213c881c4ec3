import { Type, type Static } from 'typebox';
import { createAndPatch } from '../http/body-schemas.js';
import { Code, ExternalRef, Instant, Name, Uuid } from '../http/schemas.js';

export const Kind = Type.Union([Type.Literal('parenting'), Type.Literal('zero_nineteen')]);
export const Gender = Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')]);

// No `default` keywords: the validator would fill them into a patch and reset what it leaves out. The
// defaults are in the descriptions; a new practitioner gets them (`practitioner-rules.ts`).
export const Contract = Type.Object(
  {
    maxHoursPer7Days: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 168, description: 'Most hours in any 7 days. Default 48' }),
    ),
    minRestHours: Type.Optional(
      Type.Number({ minimum: 0, maximum: 48, description: 'Least hours between two shifts. Default 11' }),
    ),
    maxConsecutiveNights: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 14, description: 'Most nights in a row. Default 4' }),
    ),
    maxConsecutiveDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 14, description: 'Most days in a row. Default 6' }),
    ),
    hoursPerWeek: Type.Optional(
      Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 168 }), Type.Null()], {
        description: 'Contracted hours, used to share work fairly; null for sessional staff',
      }),
    ),
    minConsecutiveDaysOff: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4,
        description:
          'Least days off in a row between two working days: 2 means days off come together. Default 1 (no rule)',
      }),
    ),
    maxWeekendsIn4Weeks: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 4 }), Type.Null()], {
        description:
          'Most weekends with work in any 4 weeks (work on a shift starting on a Saturday or Sunday, local time). Default null (no limit)',
      }),
    ),
  },
  { additionalProperties: false },
);

const practitionerFields = {
  name: Name,
  externalRef: Type.Optional(Type.Union([ExternalRef, Type.Null()])),
  kind: Kind,
  grade: Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()], {
      description: 'Such as G, H or I; required for zero_nineteen',
    }),
  ),
  homeRegion: Code,
  regions: Type.Optional(
    Type.Array(Code, { uniqueItems: true, maxItems: 50, description: 'Includes the home region' }),
  ),
  hub: Type.Optional(Type.Union([Code, Type.Null()], { description: 'zero_nineteen only' })),
  specialisms: Type.Optional(Type.Array(Code, { uniqueItems: true, maxItems: 50 })),
  gender: Type.Optional(Type.Union([Gender, Type.Null()])),
  contract: Type.Optional(Contract),
};

const createExample = {
  externalRef: 'HR-10442',
  name: 'Alex Morgan',
  kind: 'parenting',
  grade: null,
  homeRegion: 'north-west',
  regions: ['north-west', 'yorkshire'],
  hub: null,
  specialisms: ['newborn-care'],
  gender: 'female',
  contract: {
    maxHoursPer7Days: 48,
    minRestHours: 11,
    maxConsecutiveNights: 4,
    maxConsecutiveDays: 6,
    hoursPerWeek: 37.5,
    minConsecutiveDaysOff: 2,
    maxWeekendsIn4Weeks: 2,
  },
};

export const practitionerExample = {
  id: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  ...createExample,
  version: 1,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  archivedAt: null,
};

const bodies = createAndPatch(practitionerFields, createExample, {
  regions: ['north-west', 'yorkshire', 'north-east'],
  contract: { hoursPerWeek: 30 },
});
export const CreatePractitioner = bodies.create;
export type CreatePractitionerBody = Static<typeof CreatePractitioner>;

export const PatchPractitioner = bodies.patch;
export type PatchPractitionerBody = Static<typeof PatchPractitioner>;

export const Practitioner = Type.Object(
  {
    id: Uuid,
    externalRef: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    kind: Kind,
    grade: Type.Union([Type.String(), Type.Null()]),
    homeRegion: Code,
    regions: Type.Array(Code),
    hub: Type.Union([Code, Type.Null()]),
    specialisms: Type.Array(Code),
    gender: Type.Union([Gender, Type.Null()]),
    contract: Type.Object({
      maxHoursPer7Days: Type.Number(),
      minRestHours: Type.Number(),
      maxConsecutiveNights: Type.Integer(),
      maxConsecutiveDays: Type.Integer(),
      hoursPerWeek: Type.Union([Type.Number(), Type.Null()]),
      minConsecutiveDaysOff: Type.Integer(),
      maxWeekendsIn4Weeks: Type.Union([Type.Integer(), Type.Null()]),
    }),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
    archivedAt: Type.Union([Instant, Type.Null()]),
  },
  { examples: [practitionerExample] },
);
export type PractitionerDto = Static<typeof Practitioner>;
