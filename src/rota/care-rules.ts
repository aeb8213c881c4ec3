import type { Succession } from '../scheduler/index.js';

/**
 * Care-rota rules the core states in its own terms: which shift kinds may not follow each other, and
 * how a contract's "at most N weekends in 4 weeks" becomes the core's cap on weekends over a horizon.
 * Days off together need no translation (`contract.minConsecutiveDaysOff`), but the core does not count
 * a run of days off that starts with work before the horizon, and the re-check of published work does:
 * until the core counts it, a run may leave a lone day off just after its start that publishing refuses.
 */

/** No early shift the day after a late or a night shift (shift kinds: `placements/shift-types.ts`). */
export const NO_EARLY_AFTER_LATE_OR_NIGHT: readonly Succession[] = [
  { first: 'late', next: 'early' },
  { first: 'night', next: 'early' },
];

const FOUR_WEEKS = 28;

/**
 * The weekends a plan of `horizonDays` may give someone whose contract allows `perFourWeeks` in 4 weeks.
 * The core caps weekends over the whole horizon (and does not count work before it), so: a horizon of 4
 * weeks or more gets the allowance pro rata, rounded down (never more than the contract's rate over the
 * plan); a shorter one is read as the last part of the 4 weeks that end with it, and gets what the
 * weekends already worked in the rest of those 4 weeks (`weekendsBefore`) leave, so weekly runs one
 * after another keep "N in any 4 weeks".
 */
export function weekendsForPlan(perFourWeeks: number, horizonDays: number, weekendsBefore: number): number {
  if (horizonDays >= FOUR_WEEKS) return Math.floor((perFourWeeks * horizonDays) / FOUR_WEEKS);
  return Math.max(0, perFourWeeks - weekendsBefore);
}

/** The days before a plan whose weekends count against it (the rest of the 4 weeks that end with it). */
export const daysBeforePlan = (horizonDays: number): number => Math.max(0, FOUR_WEEKS - horizonDays);

/**
 * The most weekends `weeks` consecutive weeks can hold while every 4 of them hold at most `perFourWeeks`.
 * The re-check of published work caps weekends with it: more than that breaks the rule somewhere for
 * certain, while a tighter cap could flag work a run rightly gave (the core has no rolling window).
 */
export function weekendsKeepingRule(perFourWeeks: number, weeks: number): number {
  return perFourWeeks * Math.floor(weeks / 4) + Math.min(perFourWeeks, weeks % 4);
}
