import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { errorResponses, LocalDate, Uuid } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { ruleBreaks, shiftsOverlapping } from './enforce.js';

const RuleBreaks = Type.Object(
  {
    breaks: Type.Array(
      Type.Object({
        shiftId: Uuid,
        practitionerId: Uuid,
        rule: Type.String({
          description:
            'The hard rule: absence, region, skill, gender, exclusion, panel (no longer on the 24/7 panel), overlap, minimumRest, maxMinutesPer7Days, maxConsecutiveDays, maxConsecutiveNights, daysOff',
        }),
        message: Type.String({
          description: 'In words: who, which family (case reference), when (local time)',
        }),
      }),
    ),
  },
  {
    examples: [
      { breaks: [] },
      {
        breaks: [
          {
            shiftId: '2b1e4c7a-3d5f-4e6a-8b9c-0d1e2f3a4b5c',
            practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
            rule: 'exclusion',
            message: 'Alex Morgan is excluded from CR-2026-0412 Mon 30 Nov 20:00-08:00',
          },
        ],
      },
    ],
  },
);

export async function ruleBreakRoutes(app: App, { database, config }: Deps): Promise<void> {
  app.get(
    '/rule-breaks',
    {
      schema: {
        tags: ['shifts'],
        summary:
          'Assignments that break a hard rule under the facts as they are now (local dates from..to, both included; at most 93 days); always empty on a healthy rota',
        querystring: Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false }),
        response: { 200: RuleBreaks, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const period = localPeriod(from, to, config.timezone, MAX_SPAN_DAYS.shifts);
      const breaks = await ruleBreaks(
        database.db,
        { period: { from: period.start, to: period.end } },
        { now: new Date(), timezone: config.timezone },
      );
      const keep = await shiftsOverlapping(
        database.db,
        breaks.map((b) => b.shiftId),
        period,
      );
      return {
        breaks: breaks
          .filter((b) => keep.has(b.shiftId))
          .map((b) => ({
            shiftId: b.shiftId,
            practitionerId: b.practitionerId,
            rule: b.rule,
            message: b.message,
          })),
      };
    },
  );
}
