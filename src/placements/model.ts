import { Type, type Static } from 'typebox';
import { Code, ExternalRef, Instant, LocalDate, Uuid } from '../http/schemas.js';
import { Gender } from '../panel/practitioner-model.js';
import { ShiftType } from './shift-model.js';

const Time = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Local time HH:MM',
  examples: ['08:00'],
});

export const ShiftPatternSchema = Type.Object(
  {
    start: Time,
    end: Type.String({
      pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
      description: 'Local time; at or before start means the next day',
    }),
    practitioners: Type.Integer({ minimum: 1, maximum: 4 }),
    type: Type.Optional(ShiftType),
  },
  { additionalProperties: false },
);

export const PhaseSchema = Type.Object(
  {
    fromDate: LocalDate,
    toDate: LocalDate,
    shifts: Type.Array(ShiftPatternSchema, { minItems: 1, maxItems: 6 }),
  },
  { additionalProperties: false },
);

export const CaseReference = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$',
  description: "The case reference: never a child's name",
  examples: ['CR-2026-0412'],
});

const placementFields = {
  caseReference: CaseReference,
  externalRef: Type.Optional(Type.Union([ExternalRef, Type.Null()])),
  region: Code,
  startDate: LocalDate,
  endDate: Type.String({ format: 'date', pattern: '^(19|20|21)\\d\\d-', description: 'Last day, included' }),
  reviewDate: Type.Optional(
    Type.String({
      format: 'date',
      pattern: '^(19|20|21)\\d\\d-',
      description: 'Default: 3 weeks after the start',
    }),
  ),
  requiredSpecialisms: Type.Optional(Type.Array(Code, { uniqueItems: true, maxItems: 20 })),
  genderRequirement: Type.Optional(Type.Union([Gender, Type.Null()])),
  excludedPractitioners: Type.Optional(Type.Array(Uuid, { uniqueItems: true, maxItems: 100 })),
  practitionersPerShift: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 4, description: 'For the default 24/7 pattern' }),
  ),
  phases: Type.Optional(
    Type.Array(PhaseSchema, { maxItems: 20, description: 'Default: 24/7 in 08:00-20:00 and 20:00-08:00' }),
  ),
};

export const placementExample = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  caseReference: 'CR-2026-0412',
  externalRef: null,
  region: 'north-west',
  startDate: '2026-11-30',
  endDate: '2027-01-10',
  reviewDate: '2026-12-21',
  requiredSpecialisms: ['newborn-care'],
  genderRequirement: 'female',
  excludedPractitioners: [],
  practitionersPerShift: 1,
  phases: [
    {
      fromDate: '2026-11-30',
      toDate: '2026-12-20',
      shifts: [
        { start: '08:00', end: '20:00', practitioners: 1 },
        { start: '20:00', end: '08:00', practitioners: 1 },
      ],
    },
    {
      fromDate: '2026-12-21',
      toDate: '2027-01-10',
      shifts: [
        { start: '07:30', end: '15:00', practitioners: 1, type: 'early' },
        { start: '14:30', end: '22:00', practitioners: 1, type: 'late' },
      ],
    },
  ],
  version: 1,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
};

const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...createExample } = placementExample;

export const CreatePlacement = Type.Object(placementFields, {
  additionalProperties: false,
  examples: [createExample],
});
export type CreatePlacementBody = Static<typeof CreatePlacement>;

export const PatchPlacement = Type.Partial(Type.Object(placementFields), {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ endDate: '2027-01-24', phases: createExample.phases }],
});
export type PatchPlacementBody = Static<typeof PatchPlacement>;

export const Placement = Type.Object(
  {
    id: Uuid,
    caseReference: Type.String(),
    externalRef: Type.Union([Type.String(), Type.Null()]),
    region: Code,
    startDate: LocalDate,
    endDate: LocalDate,
    reviewDate: LocalDate,
    requiredSpecialisms: Type.Array(Code),
    genderRequirement: Type.Union([Gender, Type.Null()]),
    excludedPractitioners: Type.Array(Uuid),
    practitionersPerShift: Type.Integer(),
    phases: Type.Array(PhaseSchema),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { examples: [placementExample] },
);
export type PlacementDto = Static<typeof Placement>;
