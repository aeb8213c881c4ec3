import { Type } from 'typebox';
import { Code, LocalDate, Page, PageQuery, Uuid } from '../http/schemas.js';
import { Placement, placementExample } from './model.js';
import { Review, reviewExample } from './reviews.js';
import { Shift } from './shift-model.js';

export const PlacementParams = Type.Object({ id: Uuid });

export const PlacementQuery = Type.Object(
  {
    region: Type.Optional(Code),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    caseReference: Type.Optional(Type.String({ maxLength: 64 })),
    reviewDueFrom: Type.Optional(LocalDate),
    reviewDueTo: Type.Optional(LocalDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const PlacementPage = Page(Placement, placementExample);

const ShiftChanges = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  removed: Type.Integer(),
  keptLocked: Type.Integer({ description: 'Locked shifts the new plan no longer has, kept as they are' }),
});
const noShiftChanges = { created: 0, updated: 0, removed: 0, keptLocked: 0 };

export const PlacementWithShifts = Type.Intersect([Placement, Type.Object({ shiftChanges: ShiftChanges })], {
  examples: [{ ...placementExample, shiftChanges: { ...noShiftChanges, created: 63 } }],
});

const uncoveredShifts = (description: string) => Type.Array(Shift, { description });

export const ChangedPlacement = Type.Intersect(
  [
    Placement,
    Type.Object({
      shiftChanges: ShiftChanges,
      uncoveredShifts: uncoveredShifts(
        'Shifts this change took someone off because they now break a hard rule (an exclusion, a gender requirement, a specialism or region they lack)',
      ),
    }),
  ],
  { examples: [{ ...placementExample, shiftChanges: noShiftChanges, uncoveredShifts: [] }] },
);

export const ReviewApplied = Type.Object(
  {
    review: Review,
    placement: Placement,
    shiftChanges: ShiftChanges,
    uncoveredShifts: uncoveredShifts(
      'Shifts the new plan left short because someone on them now breaks a hard rule',
    ),
  },
  {
    examples: [
      {
        review: reviewExample,
        placement: placementExample,
        shiftChanges: noShiftChanges,
        uncoveredShifts: [],
      },
    ],
  },
);

export const Reviews = Type.Object({ items: Type.Array(Review) }, { examples: [{ items: [reviewExample] }] });
