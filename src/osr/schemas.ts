import { OsrUnfilledGroup } from './unfilled-summary.js';
import { Type, type Static } from 'typebox';
import { Code, IsoWeek, Uuid } from '../http/schemas.js';
import { Alerts } from './alert-schemas.js';

/** Request and response schemas of the OSR routes, with the examples the OpenAPI document shows. */
export const practitionerId = '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45';

export const CaseReference = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$',
  description: "The family's case reference in the case system (never a child's name)",
  examples: ['LCS-204871'],
});
export const Reason = Type.String({ minLength: 1, maxLength: 2000 });

export const HubWeekParams = Type.Object({ hub: Code, week: IsoWeek });

const assignmentExample = {
  hub: 'east-hub',
  week: '2026-W48',
  practitionerId,
  name: 'Priya Shah',
  grade: 'H',
  source: 'generated',
  issued: false,
  reason: null,
  notes: [],
  alerts: [],
};
const unfilledExample = {
  hub: 'west-hub',
  week: '2026-W49',
  reasons: [
    'Considered 2 practitioner(s) of West 0-19 Hub; none can lead 2026-W49.',
    'Sam Lee is grade G; only grades H and I lead the OSR week',
    'Jo Khan (grade I) is on annual leave from Mon 30 Nov 2026 00:00 to Sat 5 Dec 2026 00:00, during ...',
  ],
};
export const rotaExample = {
  fromWeek: '2026-W48',
  toWeek: '2027-W07',
  assignments: [assignmentExample],
  unfilled: [unfilledExample],
};

export const RotaAssignment = Type.Object({
  hub: Code,
  week: IsoWeek,
  practitionerId: Uuid,
  name: Type.String(),
  grade: Type.String({ description: 'H or I' }),
  source: Type.Union([Type.Literal('generated'), Type.Literal('override')]),
  issued: Type.Boolean({ description: 'Issued to social workers; a new run keeps it' }),
  reason: Type.Union([Type.String(), Type.Null()], {
    description: "The hub manager's reason for an override",
  }),
  notes: Type.Array(Type.String(), { description: 'Preferences that had to give way in this week' }),
  alerts: Alerts,
});
export const RotaUnfilled = Type.Object({
  hub: Code,
  week: IsoWeek,
  reasons: Type.Array(Type.String(), { description: 'Who was considered, and why each could not lead' }),
});
export const Rota = Type.Object(
  {
    fromWeek: IsoWeek,
    toWeek: IsoWeek,
    assignments: Type.Array(RotaAssignment),
    unfilled: Type.Array(RotaUnfilled),
    unfilledSummary: Type.Optional(
      Type.Array(OsrUnfilledGroup, {
        description:
          'In the answer to generating: the unfilled weeks grouped by hub and cause, with the smallest fixes found',
      }),
    ),
  },
  { examples: [rotaExample] },
);

export const CreateRota = Type.Object(
  {
    fromWeek: IsoWeek,
    weeks: Type.Integer({ minimum: 1, maximum: 52, description: 'How many weeks from fromWeek' }),
    hub: Type.Optional(Code),
  },
  { additionalProperties: false, examples: [{ fromWeek: '2026-W48', weeks: 12 }] },
);

export const RotaQuery = Type.Object(
  { fromWeek: IsoWeek, toWeek: Type.Optional(IsoWeek), hub: Type.Optional(Code) },
  { additionalProperties: false },
);
/** Weeks from..to (both included; 12 when toWeek is left out), of one hub or every hub. */
export type RotaQuery = Static<typeof RotaQuery>;

export const ExportQuery = Type.Object(
  {
    fromWeek: Type.Optional(IsoWeek),
    toWeek: Type.Optional(IsoWeek),
    hub: Type.Optional(Code),
  },
  { additionalProperties: false, description: 'Default: 12 weeks from the current week, every hub' },
);

export const IssueRota = Type.Object(
  { fromWeek: IsoWeek, toWeek: IsoWeek, hub: Type.Optional(Code) },
  { additionalProperties: false, examples: [{ fromWeek: '2026-W48', toWeek: '2026-W51' }] },
);
export const Issued = Type.Object(
  { issued: Type.Integer({ description: 'Hub-weeks newly issued' }), rota: Rota },
  { examples: [{ issued: 4, rota: rotaExample }] },
);
