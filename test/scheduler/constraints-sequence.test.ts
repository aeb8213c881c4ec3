import { describe, expect, it } from 'vitest';
import { penalty, person, shift, working } from './helpers.js';

const long = { maxMinutesPer7Days: 200 * 60, maxConsecutiveDays: 20 };

describe('maxConsecutiveDays', () => {
  it('penalises each day beyond six in a row', () => {
    const demands = [0, 1, 2, 3, 4, 5, 6, 7].map((d) => shift(`s${d}`, d));
    const problem = { resources: [person('a', { contract: { maxMinutesPer7Days: 200 * 60 } })], demands };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'maxConsecutiveDays')).toBe(2);
  });
  it('counts a broken run separately', () => {
    const demands = [0, 1, 2, 4, 5, 6].map((d) => shift(`s${d}`, d));
    const problem = {
      resources: [person('a', { contract: { maxMinutesPer7Days: 200 * 60, maxConsecutiveDays: 2 } })],
      demands,
    };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'maxConsecutiveDays')).toBe(2);
  });
});

describe('maxConsecutiveNights', () => {
  it('penalises the fifth and sixth night in a row', () => {
    const demands = [0, 1, 2, 3, 4, 5].map((d) => shift(`n${d}`, d, 'night'));
    const problem = { resources: [person('a', { contract: long })], demands };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'maxConsecutiveNights')).toBe(2);
  });
});

describe('daysOff', () => {
  it('needs a full day off in 7: seven day shifts leave none', () => {
    const demands = [0, 1, 2, 3, 4, 5, 6].map((d) => shift(`s${d}`, d));
    const problem = { resources: [person('a', { contract: long })], demands, horizonDays: 7 };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'daysOff')).toBe(1);
  });
  it('counts the morning after a night as worked', () => {
    const demands = [0, 1, 2, 3, 4, 5].map((d) => shift(`n${d}`, d, 'night'));
    const problem = {
      resources: [person('a', { contract: { ...long, maxConsecutiveNights: 10 } })],
      demands,
      horizonDays: 7,
    };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'daysOff')).toBe(1);
    expect(penalty(problem, working({ a: demands.slice(0, 5).map((d) => d.id) }), 'daysOff')).toBe(0);
  });
  it('two in 14: one day off in a fortnight is one short', () => {
    const days = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13];
    const demands = days.map((d) => shift(`s${d}`, d));
    const problem = {
      resources: [person('a', { contract: { ...long, daysOff: 'two-in-14' as const } })],
      demands,
      horizonDays: 14,
    };
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'daysOff')).toBe(1);
  });
});
