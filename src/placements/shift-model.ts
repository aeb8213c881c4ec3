import { Type, type Static } from 'typebox';
import { Code, Instant, LocalDate, Uuid } from '../http/schemas.js';
import { SHIFT_TYPE_BY_START } from './shift-types.js';

export const ShiftType = Type.Union(
  [Type.Literal('early'), Type.Literal('day'), Type.Literal('late'), Type.Literal('night')],
  {
    description: `The kind of shift, which rules name (no early shift the day after a late or a night); ${SHIFT_TYPE_BY_START}`,
  },
);

export const ShiftStatus = Type.Union(
  [Type.Literal('covered'), Type.Literal('unfilled'), Type.Literal('uncovered')],
  {
    description:
      'covered: enough people; unfilled: short and nobody was taken off it; uncovered: short because an absence took someone off it',
  },
);
export type ShiftStatusName = Static<typeof ShiftStatus>;

export const shiftExample = {
  id: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
  placementId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  caseReference: 'CR-2026-0412',
  region: 'north-west',
  localDate: '2026-11-30',
  start: '2026-11-30T20:00:00.000Z',
  end: '2026-12-01T08:00:00.000Z',
  durationMinutes: 720,
  night: true,
  type: 'night',
  required: 1,
  locked: false,
  assignments: [
    {
      practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
      name: 'Alex Morgan',
      source: 'run',
      pinned: false,
      start: '2026-11-30T20:00:00.000Z',
      end: '2026-12-01T08:00:00.000Z',
    },
  ],
  uncoveredBy: [],
  status: 'covered',
  revision: 1042,
  version: 3,
};

export const Shift = Type.Object(
  {
    id: Uuid,
    placementId: Uuid,
    caseReference: Type.String(),
    region: Code,
    localDate: LocalDate,
    start: Instant,
    end: Instant,
    durationMinutes: Type.Integer({
      description: 'Real elapsed minutes (11 or 13 hours across a clock change)',
    }),
    night: Type.Boolean(),
    type: ShiftType,
    required: Type.Integer({ description: 'Practitioners needed' }),
    locked: Type.Boolean({
      description: 'Locked by a coordinator: rota runs and plan changes leave it as it is',
    }),
    assignments: Type.Array(
      Type.Object({
        practitionerId: Uuid,
        name: Type.String(),
        source: Type.Union([Type.Literal('run'), Type.Literal('manual'), Type.Literal('cover')]),
        pinned: Type.Boolean(),
        start: Type.String({
          format: 'date-time',
          description: 'When this person starts on the shift: its start, or later when they joined to cover',
        }),
        end: Type.String({
          format: 'date-time',
          description: 'When this person stops: its end, or earlier when they fell sick or were taken off',
        }),
      }),
      { description: 'Who works the shift, each for their part of it' },
    ),
    uncoveredBy: Type.Array(
      Type.Object({
        practitionerId: Uuid,
        name: Type.String(),
        absenceId: Type.Union([Uuid, Type.Null()]),
        at: Instant,
        rule: Type.String({
          description:
            'The hard rule that took them off: absence, exclusion, region, skill, gender, panel (left or moved), minimumRest, maxMinutesPer7Days, minConsecutiveDaysOff, maxWeekends, succession, ...',
        }),
        reason: Type.Union([Type.String(), Type.Null()], { description: 'Why, in words' }),
        from: Type.String({ format: 'date-time', description: 'From when the shift is short of them' }),
      }),
      {
        description:
          'Who was taken off this shift (by an absence or a change of facts that broke a hard rule), while it stays short',
      },
    ),
    status: ShiftStatus,
    revision: Type.Integer({ description: 'Changes whenever who works the shift changes' }),
    version: Type.Integer(),
  },
  { examples: [shiftExample] },
);
export type ShiftDto = Static<typeof Shift>;
