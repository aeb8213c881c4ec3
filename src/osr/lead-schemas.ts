import { Type } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import { alertExample, Alerts, candidateFields } from './alert-schemas.js';
import { practitionerId, Reason } from './schemas.js';

/** Schemas of a hub-week: its lead responder, the override, the replacement proposal, and the week's view. */
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
export const leadExample = {
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
