import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/scheduler/index.js';
import { DAY, HOUR, T0, breakdown, penalty, person, shift, working } from './helpers.js';

const week = (extra: Partial<Problem> = {}, contract = {}): Problem => ({
  resources: [person('a', { contract: { daysOff: 'none', maxConsecutiveDays: 14, ...contract } })],
  demands: Array.from({ length: 14 }, (_, d) =>
    shift(`s${d}`, d, 'day', { shiftType: d % 2 ? 'late' : 'early' }),
  ),
  horizonDays: 14,
  ...extra,
});

describe('shiftTypeCap', () => {
  it('penalises each shift of a type beyond the cap', () => {
    const problem = week({}, { maxShiftsByType: { early: 1 } });
    expect(penalty(problem, working({ a: ['s0', 's2', 's4', 's1'] }), 'shiftTypeCap')).toBe(2);
    expect(penalty(problem, working({ a: ['s0', 's1', 's3'] }), 'shiftTypeCap')).toBe(0);
  });
});

describe('totalMinutes', () => {
  it('penalises minutes short of the minimum and over the maximum', () => {
    const low = week({}, { minTotalMinutes: 30 * HOUR });
    expect(penalty(low, working({ a: ['s0', 's2'] }), 'totalMinutes')).toBe(6 * HOUR);
    const high = week({}, { maxTotalMinutes: 30 * HOUR });
    expect(penalty(high, working({ a: ['s0', 's2', 's4'] }), 'totalMinutes')).toBe(6 * HOUR);
    expect(penalty(high, working({ a: ['s0', 's2'] }), 'totalMinutes')).toBe(0);
  });
});

describe('minConsecutiveDays', () => {
  it('penalises days short in inner runs only', () => {
    const problem = week({}, { minConsecutiveDays: 3 });
    // Day 0 touches the horizon's start (exempt); days 4-5 are 1 short; day 9 is 2 short; 13 is the end.
    expect(penalty(problem, working({ a: ['s0', 's4', 's5', 's9', 's13'] }), 'minConsecutiveDays')).toBe(3);
    expect(penalty(problem, working({ a: ['s3', 's4', 's5'] }), 'minConsecutiveDays')).toBe(0);
  });
});

describe('minConsecutiveDaysOff', () => {
  it('penalises days short in each run of days off between two working days', () => {
    const problem = week({}, { minConsecutiveDaysOff: 2 });
    // Off on day 1 alone (1 short), days 3-4 together (fine), days 6-12 not bounded by work at the end.
    const { penalty: p, messages } = breakdown(
      problem,
      working({ a: ['s0', 's2', 's5'] }),
      'minConsecutiveDaysOff',
    );
    expect(p).toBe(1);
    expect(messages[0]).toMatch(/1 day off from day 1/);
  });

  it('counts a lone day off at the start after work the day before, not days off wholly before it', () => {
    const worked = (day: number) => ({
      start: T0 + day * DAY + 8 * HOUR,
      end: T0 + day * DAY + 20 * HOUR,
      day,
    });
    const withPrior = (...days: number[]): Problem => ({
      ...week({}, { minConsecutiveDaysOff: 2 }),
      resources: [
        person('a', {
          contract: { daysOff: 'none', maxConsecutiveDays: 14, minConsecutiveDaysOff: 2 },
          history: { priorWork: days.map(worked) },
        }),
      ],
    });
    // Worked the day before the horizon, off on day 0, back on day 1: publishing would refuse it.
    expect(penalty(withPrior(-1), working({ a: ['s1', 's2'] }), 'minConsecutiveDaysOff')).toBe(1);
    // Off on day -2 alone, back on day -1 and day 0: all of it before the horizon, not this rota's doing.
    const before = withPrior(-3, -1);
    expect(penalty(before, working({ a: ['s0', 's1'] }), 'minConsecutiveDaysOff')).toBe(0);
  });
});

describe('maxWeekends', () => {
  it('penalises the weekend days to clear in the lightest weekends beyond the maximum', () => {
    const problem = week({}, { maxWeekends: 1 });
    expect(penalty(problem, working({ a: ['s5', 's6', 's12'] }), 'maxWeekends')).toBe(1);
    expect(penalty(problem, working({ a: ['s5', 's6', 's12', 's13'] }), 'maxWeekends')).toBe(2);
    expect(penalty(problem, working({ a: ['s5', 's6'] }), 'maxWeekends')).toBe(0);
  });

  describe('in any 4 weeks running', () => {
    const weeks = (n: number, history = {}): Problem => ({
      resources: [
        person('a', {
          contract: { daysOff: 'none', maxConsecutiveDays: 60, maxWeekends: 2, weekendWindowWeeks: 4 },
          history,
        }),
      ],
      demands: Array.from({ length: 7 * n }, (_, d) => shift(`s${d}`, d, 'day')),
      horizonDays: 7 * n,
    });
    const saturdays = (...w: number[]) => working({ a: w.map((k) => `s${7 * k + 5}`) });

    it('allows two weekends in every 4 weeks, however many weeks the plan has', () => {
      // Weekends 1, 2, 5 and 6 of six: four in six weeks, never three in four.
      expect(penalty(weeks(6), saturdays(0, 1, 4, 5), 'maxWeekends')).toBe(0);
    });

    it('charges each window of 4 weeks with a weekend too many, where a cap over the plan did not', () => {
      // Three weekends running in six weeks: under the old pro-rata cap of 3, broken in two windows.
      const { penalty: p, messages } = breakdown(weeks(6), saturdays(0, 1, 2), 'maxWeekends');
      expect(p).toBe(2);
      expect(messages).toContain('a would work 3 weekends in the 4 weeks to day 20 (at most 2)');
      expect(messages).toContain('a would work 3 weekends in the 4 weeks from day 0 (at most 2)');
    });

    it('counts the weekends worked before the plan, but never charges the past alone', () => {
      expect(penalty(weeks(4, { weekendsBefore: [-2, -1] }), saturdays(0), 'maxWeekends')).toBe(2);
      expect(penalty(weeks(4, { weekendsBefore: [-2, -1] }), saturdays(2), 'maxWeekends')).toBe(0);
      expect(penalty(weeks(4, { weekendsBefore: [-3, -2, -1] }), saturdays(), 'maxWeekends')).toBe(0);
      expect(penalty(weeks(4, { weekendsBefore: [-3, -2, -1] }), saturdays(3), 'maxWeekends')).toBe(0);
    });

    it('counts a first week worked both before the horizon and in it once', () => {
      // A plan starting on a Sunday: its week 0 began with a Saturday worked before day 0.
      expect(penalty(weeks(4, { weekendsBefore: [-1, 0] }), saturdays(0), 'maxWeekends')).toBe(0);
      expect(penalty(weeks(4, { weekendsBefore: [-1, 0] }), saturdays(1), 'maxWeekends')).toBe(2);
    });
  });
});

describe('succession', () => {
  it('penalises a forbidden shift type on the next day, prior work included', () => {
    const problem = week({ forbiddenSuccessions: [{ first: 'late', next: 'early' }] });
    expect(penalty(problem, working({ a: ['s1', 's2', 's3', 's4'] }), 'succession')).toBe(2);
    expect(penalty(problem, working({ a: ['s0', 's1'] }), 'succession')).toBe(0);
    const prior = {
      ...problem,
      resources: [
        person('a', {
          contract: { daysOff: 'none' as const },
          history: { priorWork: [{ start: -2000, end: -1500, day: -1, shiftType: 'late' }] },
        }),
      ],
    };
    expect(penalty(prior, working({ a: ['s0'] }), 'succession')).toBe(1);
  });
});

describe('requests', () => {
  it('penalises shift-on requests not met and shift-off requests met, by weight', () => {
    const problem = week();
    problem.resources = [
      person('a', {
        requests: [
          { day: 0, shiftType: 'early', kind: 'on', weight: 3 },
          { day: 1, kind: 'off', weight: 2 },
          { day: 2, shiftType: 'late', kind: 'on' },
        ],
      }),
    ];
    // Day 0 early worked (met); day 1 worked (2); day 2 is an early, not the late asked for (1).
    expect(penalty(problem, working({ a: ['s0', 's1', 's2'] }), 'requests')).toBe(3);
    expect(penalty(problem, working({}), 'requests')).toBe(4);
  });
});

describe('underCover and overCover', () => {
  it('score cover softly with separate weights and leave unfilled alone', () => {
    const problem: Problem = {
      resources: ['a', 'b', 'c'].map((id) => person(id)),
      demands: [
        shift('s0', 0, 'day', { required: 2, optional: 1, underWeight: 100, overWeight: 7 }),
        shift('s1', 1, 'day', { required: 1 }),
      ],
    };
    expect(penalty(problem, working({ a: ['s0'] }), 'underCover')).toBe(100);
    expect(penalty(problem, working({ a: ['s0'] }), 'unfilled')).toBe(12 * HOUR);
    expect(penalty(problem, working({ a: ['s0', 's1'], b: ['s0'], c: ['s0'] }), 'overCover')).toBe(7);
    expect(penalty(problem, working({ a: ['s0', 's1'], b: ['s0'], c: ['s0'] }), 'underCover')).toBe(0);
  });
});
