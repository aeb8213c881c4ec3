import { Type } from 'typebox';
import { LocalDate, PageQuery, Uuid } from '../http/schemas.js';
import { CursorPage, CursorParam } from '../http/cursor.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { Shift, shiftExample, ShiftStatus } from './shift-model.js';

export const ShiftParams = Type.Object({ id: Uuid });
export const AssignmentParams = Type.Object({ id: Uuid, practitionerId: Uuid });

export const ShiftQuery = Type.Object(
  {
    from: LocalDate,
    to: PeriodEnd(MAX_SPAN_DAYS.shifts),
    placement: Type.Optional(Uuid),
    practitioner: Type.Optional(Uuid),
    status: Type.Optional(ShiftStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
    offset: PageQuery.offset,
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export const ShiftPage = CursorPage(Shift, shiftExample);

export const Candidates = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        practitionerId: Uuid,
        name: Type.String(),
        allowed: Type.Boolean(),
        breaks: Type.Array(Type.String()),
        warnings: Type.Array(Type.String()),
        oneRuleAway: Type.Union([Type.String(), Type.Null()], {
          description:
            'The one hard rule between this person and the shift (region, skill, absence, minimumRest, ...), when only one is: they come right after those who may work it',
        }),
      }),
    ),
  },
  {
    examples: [
      {
        items: [
          {
            practitionerId: shiftExample.assignments[0]!.practitionerId,
            name: 'Alex Morgan',
            allowed: true,
            breaks: [],
            warnings: [],
            oneRuleAway: null,
          },
          {
            practitionerId: '6d7d2f53-fc2e-45b0-bdbd-bf91af7589ed',
            name: 'Ben Iqbal',
            allowed: false,
            breaks: ['Ben Iqbal does not work in North West'],
            warnings: [],
            oneRuleAway: 'region',
          },
        ],
      },
    ],
  },
);

export const Assign = Type.Object(
  { practitionerId: Uuid },
  {
    additionalProperties: false,
    examples: [{ practitionerId: shiftExample.assignments[0]!.practitionerId }],
  },
);

const Rule = Type.Object({ rule: Type.String(), message: Type.String() });
export const EditResult = Type.Object(
  {
    shift: Shift,
    warnings: Type.Array(Rule, { description: 'Soft goals the change strains: allowed, but worth knowing' }),
  },
  {
    examples: [
      {
        shift: shiftExample,
        warnings: [
          { rule: 'Continuity of care', message: 'Alex Morgan has not worked with this family before' },
        ],
      },
    ],
  },
);
