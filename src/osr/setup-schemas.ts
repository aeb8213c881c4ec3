import { Type } from 'typebox';
import { Code, IsoWeek, Name } from '../http/schemas.js';

/** Request and response schemas of the OSR set-up routes, with the examples the OpenAPI document shows. */
const teamExample = { code: 'dat-north', name: 'DAT North' };

export const DatTeam = Type.Object({ code: Code, name: Type.String() }, { examples: [teamExample] });
export const DatTeams = Type.Object({ items: Type.Array(DatTeam) }, { examples: [{ items: [teamExample] }] });
export const TeamParams = Type.Object({ code: Code });
export const TeamName = Type.Object(
  { name: Name },
  { additionalProperties: false, examples: [{ name: 'DAT North' }] },
);

const dutyExample = {
  dutyWeek: '2026-W47',
  datTeam: 'dat-north',
  datTeamName: 'DAT North',
  osrWeek: '2026-W48',
};

export const DutyWeek = Type.Object(
  { dutyWeek: IsoWeek, datTeam: Code, datTeamName: Type.String(), osrWeek: IsoWeek },
  {
    examples: [dutyExample],
    description: 'A DAT team on duty in dutyWeek works with the hubs in osrWeek, the week after',
  },
);
export const DutyWeeks = Type.Object(
  { items: Type.Array(DutyWeek) },
  { examples: [{ items: [dutyExample] }] },
);
export const WeekParams = Type.Object({ week: IsoWeek });
export const DutyTeam = Type.Object(
  { datTeam: Code },
  { additionalProperties: false, examples: [{ datTeam: 'dat-north' }] },
);
export const DutyQuery = Type.Object(
  { fromWeek: IsoWeek, toWeek: Type.Optional(IsoWeek) },
  { additionalProperties: false },
);

export const HubSettings = Type.Object(
  {
    hub: Code,
    gradeMix: Type.Union([Type.Literal('alternate'), Type.Literal('share')], {
      description: 'alternate: H and I week by week; share: aim for hShare of the weeks led by grade H',
    }),
    hShare: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { examples: [{ hub: 'east-hub', gradeMix: 'share', hShare: 0.5 }] },
);
export const HubParams = Type.Object({ hub: Code });
export const SetHubSettings = Type.Object(
  {
    gradeMix: Type.Union([Type.Literal('alternate'), Type.Literal('share')]),
    hShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'share only; default 0.5' })),
  },
  { additionalProperties: false, examples: [{ gradeMix: 'share', hShare: 0.6 }] },
);
