import type { ConstraintName } from '../model.js';
import type { Constraint, DemandConstraint, LocationConstraint, ResourceConstraint } from './types.js';
import { maxMinutesPer7Days, minimumRest, overlap } from './time.js';
import { daysOff, maxConsecutiveDays, maxConsecutiveNights } from './sequence.js';
import { absence, exclusion, gender, region, skill } from './eligibility.js';
import { periodCap } from './caps.js';
import { fairMinutes, fairNights, fairWeekends } from './fairness.js';
import { familiarity, preferences, travel } from './wellbeing.js';
import { changes, continuity, overCover, underCover, unfilled } from './coverage.js';
import {
  maxWeekends,
  minConsecutiveDays,
  minConsecutiveDaysOff,
  requests,
  shiftTypeCap,
  succession,
  totalMinutes,
} from './contract.js';

/** Every constraint, in the order of the score breakdown. Weights index this list. */
export const CONSTRAINTS: readonly Constraint[] = [
  overlap,
  minimumRest,
  maxMinutesPer7Days,
  maxConsecutiveDays,
  maxConsecutiveNights,
  daysOff,
  absence,
  region,
  skill,
  gender,
  exclusion,
  periodCap,
  shiftTypeCap,
  totalMinutes,
  minConsecutiveDays,
  minConsecutiveDaysOff,
  maxWeekends,
  succession,
  unfilled,
  underCover,
  overCover,
  continuity,
  familiarity,
  fairMinutes,
  fairNights,
  fairWeekends,
  preferences,
  requests,
  travel,
  changes,
];

export const LEVEL_INDEX = { hard: 0, medium: 1, soft: 2 } as const;

export function constraintIndex(name: ConstraintName): number {
  return CONSTRAINTS.findIndex((c) => c.name === name);
}

export interface Indexed<T> {
  rule: T;
  index: number;
  level: 0 | 1 | 2;
}

function of<T extends Constraint>(scope: T['scope']): Indexed<T>[] {
  const out: Indexed<T>[] = [];
  CONSTRAINTS.forEach((rule, index) => {
    if (rule.scope === scope) out.push({ rule: rule as T, index, level: LEVEL_INDEX[rule.level] });
  });
  return out;
}

export const RESOURCE_RULES = of<ResourceConstraint>('resource');
export const DEMAND_RULES = of<DemandConstraint>('demand');
export const LOCATION_RULES = of<LocationConstraint>('location');

export type {
  Constraint,
  DemandConstraint,
  Emit,
  LocationConstraint,
  Match,
  ResourceConstraint,
} from './types.js';
