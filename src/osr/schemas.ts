import { OsrUnfilledGroup } from './unfilled-summary.js';
import { Type, type Static } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import { alertExample, Alerts, candidateFields } from './alert-schemas.js';

/** Request and response schemas of the OSR routes, with the examples the OpenAPI document shows. */
const practitionerId = '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45';

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

export const Override = Type.Object(
  { practitionerId: Uuid, reason: Reason },
  {
    additionalProperties: false,
    examples: [{ practitionerId, reason: 'Covering for annual leave agreed at the team meeting' }],
  },
);

export const LeadResponder = Type.Object({
  practitionerId: Uuid,
  name: Type.String(),
  grade: Type.String(),
  source: Type.Union([Type.Literal('generated'), Type.Literal('override')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  issued: Type.Boolean(),
});
const leadExample = {
  practitionerId,
  name: 'Priya Shah',
  grade: 'H',
  source: 'override',
  reason: 'Covering for annual leave',
  issued: true,
};
export const OverrideResult = Type.Object(
  {
    hub: Code,
    week: IsoWeek,
    leadResponder: LeadResponder,
    warnings: Type.Array(Type.String()),
    bookingsMoved: Type.Integer(),
  },
  {
    examples: [
      { hub: 'east-hub', week: '2026-W48', leadResponder: leadExample, warnings: [], bookingsMoved: 1 },
    ],
  },
);

export const ProposalRequest = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        pattern: '^(19|20|21)\\d\\d-',
        description: 'Cover from this instant (default: now, or the Monday)',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ from: '2026-11-25T09:00:00+00:00' }] },
);
export const Proposal = Type.Object(
  {
    hub: Code,
    week: IsoWeek,
    from: Instant,
    current: Type.Union([Type.Object({ practitionerId: Uuid, name: Type.String() }), Type.Null()]),
    candidates: Type.Array(
      Type.Object({
        ...candidateFields,
        notes: Type.Array(Type.String(), { description: 'Preferences the choice strains' }),
      }),
      { description: 'Allowed first, then by the least harm to the rota (ranked by the scheduler core)' },
    ),
  },
  {
    examples: [
      {
        hub: 'east-hub',
        week: '2026-W48',
        from: '2026-11-25T09:00:00.000+00:00',
        current: { practitionerId, name: 'Priya Shah' },
        candidates: [
          {
            practitionerId: '8d0f7a1b-2c3e-4f50-9a6b-7c8d9e0f1a2b',
            name: 'Jo Khan',
            grade: 'I',
            allowed: true,
            reasons: [],
            notes: [],
          },
        ],
      },
    ],
  },
);

export const HubWeek = Type.Object(
  {
    hub: Code,
    hubName: Type.String(),
    week: IsoWeek,
    monday: LocalDate,
    leadResponder: Type.Union([LeadResponder, Type.Null()]),
    unfilledReasons: Type.Array(Type.String()),
    weeklyCaseCap: Type.Integer({ description: 'The cap this week has (past weeks keep theirs)' }),
    casesBooked: Type.Integer({ description: 'Distinct cases holding a slot' }),
    casesRemaining: Type.Integer(),
    refusedRequests: Type.Integer(),
    interventionsStarted: Type.Integer(),
    datTeam: Type.Union([Type.Object({ code: Code, name: Type.String(), dutyWeek: IsoWeek }), Type.Null()], {
      description: 'The DAT team working with the hubs this week (on duty the week before)',
    }),
    alerts: Alerts,
  },
  {
    examples: [
      {
        hub: 'east-hub',
        hubName: 'East 0-19 Hub',
        week: '2026-W48',
        monday: '2026-11-23',
        leadResponder: leadExample,
        unfilledReasons: [],
        weeklyCaseCap: 3,
        casesBooked: 2,
        casesRemaining: 1,
        refusedRequests: 0,
        interventionsStarted: 1,
        datTeam: { code: 'dat-north', name: 'DAT North', dutyWeek: '2026-W47' },
        alerts: [alertExample],
      },
    ],
  },
);

/** For routes whose body is optional: a POST without a body is validated as `{}`. */
export { emptyBodyAsObject } from '../http/optional-body.js';
