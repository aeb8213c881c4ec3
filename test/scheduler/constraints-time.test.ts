import { describe, expect, it } from 'vitest';
import { DAY, HOUR, T0, breakdown, penalty, person, shift, working } from './helpers.js';

describe('overlap', () => {
  it('penalises the minutes worked in two places at once', () => {
    const problem = {
      resources: [person('a')],
      demands: [
        shift('s1', 0),
        shift('s2', 0, 'day', { start: T0 + 12 * HOUR, end: T0 + 24 * HOUR, location: 'home-2' }),
      ],
    };
    expect(penalty(problem, working({ a: ['s1', 's2'] }), 'overlap')).toBe(8 * HOUR);
  });
  it('does not penalise back-to-back shifts', () => {
    const problem = { resources: [person('a')], demands: [shift('s1', 0), shift('s2', 0, 'night')] };
    expect(penalty(problem, working({ a: ['s1', 's2'] }), 'overlap')).toBe(0);
  });
});

describe('minimumRest', () => {
  it('penalises the minutes short of 11 hours, in words', () => {
    const early = { start: T0 + DAY + 5 * HOUR, end: T0 + DAY + 17 * HOUR };
    const problem = {
      resources: [person('Sam Jones')],
      demands: [shift('s1', 0), shift('s2', 1, 'day', early)],
    };
    const b = breakdown(problem, working({ 'Sam Jones': ['s1', 's2'] }), 'minimumRest');
    expect(b.penalty).toBe(2 * HOUR);
    expect(b.messages[0]).toContain(
      'would have only 9 h rest after the shift ending Mon 2026-03-02 20:00 UTC',
    );
  });
  it('sees prior work before the horizon', () => {
    const prior = { start: T0 - 4 * HOUR, end: T0 + 8 * HOUR, day: -1, night: true };
    const problem = {
      resources: [person('a', { history: { priorWork: [prior] } })],
      demands: [shift('s1', 0)],
    };
    expect(penalty(problem, working({ a: ['s1'] }), 'minimumRest')).toBe(11 * HOUR);
  });
  it('honours a contract rest', () => {
    const problem = {
      resources: [person('a', { contract: { minRestMinutes: 12 * HOUR } })],
      demands: [shift('s1', 0), shift('s2', 1)],
    };
    expect(penalty(problem, working({ a: ['s1', 's2'] }), 'minimumRest')).toBe(0);
    const tight = {
      resources: [person('a', { contract: { minRestMinutes: 13 * HOUR } })],
      demands: [shift('s1', 0), shift('s2', 1)],
    };
    expect(penalty(tight, working({ a: ['s1', 's2'] }), 'minimumRest')).toBe(HOUR);
  });
});

describe('maxMinutesPer7Days', () => {
  it('penalises minutes over 48 h in the window starting at each shift', () => {
    const demands = [0, 1, 2, 3, 4].map((d) => shift(`s${d}`, d));
    const problem = { resources: [person('a')], demands };
    // From day 0: 60 h (12 h over); from day 1: 48 h.
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'maxMinutesPer7Days')).toBe(12 * HOUR);
  });
  it('uses real minutes for a 13-hour night across the clock change', () => {
    const demands = [0, 1, 2].map((d) => shift(`s${d}`, d * 2, 'night'));
    demands[2] = { ...demands[2]!, end: demands[2]!.end + HOUR };
    const problem = { resources: [person('a', { contract: { maxMinutesPer7Days: 36 * HOUR } })], demands };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'maxMinutesPer7Days')).toBe(HOUR);
  });
});
