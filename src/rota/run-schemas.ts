import { Type } from 'typebox';
import { PageQuery, Page, Uuid } from '../http/schemas.js';
import { Shift } from '../placements/shift-model.js';
import { StandbyEntry } from '../cover/model.js';
import { runExample } from './run-model.js';
import { RotaRunSummary, summaryOf } from './run-summary.js';

export const RunParams = Type.Object({ id: Uuid });

export const RunStarted = Type.Object(
  { id: Uuid, status: Type.String() },
  { examples: [{ id: runExample.id, status: 'queued' }] },
);

export const RunsQuery = Type.Object(PageQuery, { additionalProperties: false });
export const RunPage = Page(RotaRunSummary, summaryOf(runExample));

export const RunEvents = Type.String({
  description: 'text/event-stream',
  examples: [
    'event: progress\ndata: {"status":"solving","score":{"hard":0,"medium":3,"soft":2100},"elapsedMs":1500}\n\n',
  ],
});

export const PublishOptions = Type.Object(
  {
    designateStandby: Type.Optional(
      Type.Boolean({
        description: 'Also name an on-call practitioner per region and day, where none is named',
      }),
    ),
    leaveBrokenUncovered: Type.Optional(
      Type.Boolean({
        description:
          'Facts may have changed since the run (someone fell sick or left): by default any assignment that now breaks a hard rule refuses the publish (409, listing them); with true the rest is published and those shifts are left uncovered, ready for a cover plan',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ designateStandby: true }, { leaveBrokenUncovered: true }],
  },
);

export const Published = Type.Object(
  {
    id: Uuid,
    status: Type.String(),
    changedShifts: Type.Integer(),
    keptLocked: Type.Integer(),
    keptStarted: Type.Integer(),
    standby: Type.Array(StandbyEntry, {
      description: 'Standby practitioners designated with this publish',
    }),
    uncoveredShifts: Type.Array(Shift, {
      description: 'With leaveBrokenUncovered: shifts left uncovered because their assignment broke a rule',
    }),
  },
  {
    examples: [
      {
        id: runExample.id,
        status: 'published',
        changedShifts: 320,
        keptLocked: 2,
        keptStarted: 0,
        standby: [],
        uncoveredShifts: [],
      },
    ],
  },
);
