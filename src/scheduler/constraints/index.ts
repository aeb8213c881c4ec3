import type { ConstraintName, Level } from '../model.js';
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

function resource(
  name: ConstraintName,
  label: string,
  level: Level,
  defaultWeight: number,
  evaluate: ResourceConstraint['evaluate'],
): ResourceConstraint {
  return { name, label, level, defaultWeight, scope: 'resource', evaluate };
}

function demand(
  name: ConstraintName,
  label: string,
  level: Level,
  defaultWeight: number,
  evaluate: DemandConstraint['evaluate'],
): DemandConstraint {
  return { name, label, level, defaultWeight, scope: 'demand', evaluate };
}

function location(
  name: ConstraintName,
  label: string,
  level: Level,
  defaultWeight: number,
  evaluate: LocationConstraint['evaluate'],
): LocationConstraint {
  return { name, label, level, defaultWeight, scope: 'location', evaluate };
}

/**
 * Every constraint, in the order of the score breakdown: name, label, level, default weight and the
 * function that grades it (in the file for its area). Weights index this list.
 */
export const CONSTRAINTS: readonly Constraint[] = [
  resource('overlap', 'No one works two shifts at once', 'hard', 1, overlap),
  resource('minimumRest', 'Minimum rest between shifts', 'hard', 1, minimumRest),
  resource('maxMinutesPer7Days', 'Maximum hours in any 7 days', 'hard', 1, maxMinutesPer7Days),
  resource('maxConsecutiveDays', 'Maximum consecutive working days', 'hard', 60, maxConsecutiveDays),
  resource('maxConsecutiveNights', 'Maximum consecutive nights', 'hard', 60, maxConsecutiveNights),
  resource('daysOff', 'Days off in every 7 (or 14) days', 'hard', 60, daysOff),
  resource('absence', 'Nobody works while absent or unavailable', 'hard', 1, absence),
  resource('region', 'Only in regions the person works in', 'hard', 600, region),
  resource('skill', 'Has every required specialism', 'hard', 600, skill),
  resource('gender', 'Gender requirement of the demand', 'hard', 600, gender),
  resource('exclusion', 'Excluded people are never sent', 'hard', 600, exclusion),
  resource('periodCap', 'Per-period limits', 'hard', 600, periodCap),
  resource('shiftTypeCap', 'At most so many shifts of each type', 'hard', 600, shiftTypeCap),
  resource('totalMinutes', 'Total minutes within the contract', 'hard', 1, totalMinutes),
  resource('minConsecutiveDays', 'Minimum consecutive working days', 'hard', 60, minConsecutiveDays),
  resource('minConsecutiveDaysOff', 'Minimum consecutive days off', 'hard', 60, minConsecutiveDaysOff),
  resource('maxWeekends', 'Maximum working weekends', 'hard', 60, maxWeekends),
  resource('succession', 'No forbidden shift the day after another', 'hard', 600, succession),
  demand('unfilled', 'Every demand filled', 'medium', 1, unfilled),
  demand('underCover', 'Cover (soft): people short', 'soft', 1, underCover),
  demand('overCover', 'Cover: people beyond the requirement', 'soft', 1, overCover),
  location('continuity', 'A small, stable team per location', 'soft', 40, continuity),
  resource('familiarity', "Prefer last period's team", 'soft', 20, familiarity),
  resource('fairMinutes', 'Fair hours against the contract', 'soft', 1, fairMinutes),
  resource('fairNights', 'Fair share of nights', 'soft', 3, fairNights),
  resource('fairWeekends', 'Fair share of weekend shifts', 'soft', 3, fairWeekends),
  resource('preferences', "People's wanted and unwanted times", 'soft', 20, preferences),
  resource('requests', 'Shift-on and shift-off requests', 'soft', 1, requests),
  resource('travel', 'Less travel outside the home region', 'soft', 30, travel),
  demand('changes', 'Few changes to the published rota', 'soft', 300, changes),
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
