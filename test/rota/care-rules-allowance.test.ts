import { describe, expect, it } from 'vitest';
import { daysBeforePlan, weekendsForPlan, weekendsKeepingRule } from '../../src/rota/care-rules.js';

describe('weekends in 4 weeks, as a cap over a plan', () => {
  it('gives a plan of 4 weeks or more the allowance pro rata, rounded down', () => {
    expect(weekendsForPlan(2, 28, 0)).toBe(2);
    expect(weekendsForPlan(2, 35, 0)).toBe(2);
    expect(weekendsForPlan(2, 42, 0)).toBe(3);
    expect(weekendsForPlan(1, 56, 5)).toBe(2);
  });

  it('gives a shorter plan what the weekends worked in the rest of its 4 weeks leave', () => {
    expect(daysBeforePlan(7)).toBe(21);
    expect(daysBeforePlan(14)).toBe(14);
    expect(daysBeforePlan(28)).toBe(0);
    expect(weekendsForPlan(2, 7, 0)).toBe(2);
    expect(weekendsForPlan(2, 7, 1)).toBe(1);
    expect(weekendsForPlan(2, 14, 3)).toBe(0);
    expect(weekendsForPlan(0, 7, 0)).toBe(0);
  });

  it('lets a re-check flag only what breaks "N in any 4 weeks" for certain', () => {
    // Two in four over six weeks: weekends 1, 2, 5 and 6 keep every window of four.
    expect(weekendsKeepingRule(2, 6)).toBe(4);
    expect(weekendsKeepingRule(2, 4)).toBe(2);
    expect(weekendsKeepingRule(2, 2)).toBe(2);
    expect(weekendsKeepingRule(1, 2)).toBe(1);
    expect(weekendsKeepingRule(1, 5)).toBe(2);
    expect(weekendsKeepingRule(0, 9)).toBe(0);
  });
});
