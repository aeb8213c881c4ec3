import { Type } from 'typebox';
import { Code, LocalDate, Uuid } from '../http/schemas.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { StandbyEntry, standbyExample } from './model.js';

export const StandbyQuery = Type.Object(
  { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.shifts), region: Type.Optional(Code) },
  { additionalProperties: false },
);
export const StandbyDay = Type.Object({ region: Code, date: LocalDate });
export const NameStandby = Type.Object(
  { practitionerId: Uuid },
  { additionalProperties: false, examples: [{ practitionerId: standbyExample.practitionerId }] },
);
export const SuggestStandby = Type.Object(
  { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.cover) },
  { additionalProperties: false, examples: [{ from: '2026-11-30', to: '2026-12-06' }] },
);
export const StandbyList = Type.Object(
  { items: Type.Array(StandbyEntry) },
  { examples: [{ items: [standbyExample] }] },
);
