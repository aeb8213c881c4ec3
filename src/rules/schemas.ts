import { Type } from 'typebox';
import { LocalDate, Uuid } from '../http/schemas.js';
import { shiftExample } from '../placements/shift-model.js';

const RULES =
  'The hard rule: absence, region, skill, gender, exclusion, panel (no longer on the 24/7 panel), overlap, minimumRest, maxMinutesPer7Days, maxConsecutiveDays, maxConsecutiveNights, daysOff, minConsecutiveDaysOff (days off not together), maxWeekends (more weekends than the contract allows in 4 weeks), succession (an early shift the day after a late or a night)';

const Rule = Type.String({ description: RULES });
const Message = Type.String({
  description: 'In words: who, which family (case reference), when (local time)',
});
const Break = Type.Object({ shiftId: Uuid, practitionerId: Uuid, rule: Rule, message: Message });

const breakExample = {
  shiftId: shiftExample.id,
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  rule: 'exclusion',
  message: 'Alex Morgan is excluded from CR-2026-0412 Mon 30 Nov 20:00-08:00',
};

export const RuleBreaks = Type.Object(
  { breaks: Type.Array(Break) },
  { examples: [{ breaks: [] }, { breaks: [breakExample] }] },
);

export const Period = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false });
