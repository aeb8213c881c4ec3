import { describe, expect, it } from 'vitest';
import { HOUR, T0, breakdown, penalty, person, shift, working } from './helpers.js';

describe('unfilled', () => {
  it('penalises the minutes of each missing person', () => {
    const problem = { resources: [person('a')], demands: [shift('s1', 0, 'day', { required: 2 })] };
    expect(penalty(problem, working({ a: ['s1'] }), 'unfilled')).toBe(12 * HOUR);
    expect(penalty(problem, {}, 'unfilled')).toBe(24 * HOUR);
  });
});

describe('continuity', () => {
  it('penalises each distinct person beyond the first at a location in a week', () => {
    const demands = [0, 1, 2, 3].map((d) => shift(`s${d}`, d));
    const problem = { resources: [person('a'), person('b'), person('c')], demands };
    expect(penalty(problem, working({ a: ['s0', 's2'], b: ['s1'], c: ['s3'] }), 'continuity')).toBe(2);
    expect(penalty(problem, working({ a: ['s0', 's2'], b: ['s1', 's3'] }), 'continuity')).toBe(1);
  });
});

describe('familiarity', () => {
  it("penalises shifts by people outside last period's team", () => {
    const problem = {
      resources: [person('a', { history: { locations: ['home-1'] } }), person('b')],
      demands: [shift('s1', 0), shift('s2', 2)],
    };
    expect(penalty(problem, working({ a: ['s1'], b: ['s2'] }), 'familiarity')).toBe(1);
  });
});

describe('fairMinutes', () => {
  it('penalises hours over the target squared and, where contracts exceed the work, hours under it one by one', () => {
    const problem = (targetMinutes: number) => ({
      resources: [person('a', { contract: { targetMinutes } })],
      demands: [shift('s1', 0)],
    });
    expect(penalty(problem(24 * HOUR), working({ a: ['s1'] }), 'fairMinutes')).toBe(12);
    expect(penalty(problem(6 * HOUR), working({ a: ['s1'] }), 'fairMinutes')).toBe(36);
  });

  it('counts a shortfall squared when the targets share out the work (they add up to the demand)', () => {
    const resources = ['a', 'b'].map((id) => person(id, { contract: { targetMinutes: 12 * HOUR } }));
    const problem = { resources, demands: [shift('s1', 0), shift('s2', 2)] };
    expect(penalty(problem, working({ a: ['s1', 's2'] }), 'fairMinutes')).toBe(288);
    expect(penalty(problem, working({ a: ['s1'], b: ['s2'] }), 'fairMinutes')).toBe(0);
  });

  it('costs the same however work is shared while nobody is over target, so a team can be small', () => {
    const resources = ['a', 'b'].map((id) => person(id, { contract: { targetMinutes: 36 * HOUR } }));
    const problem = { resources, demands: [0, 2, 4].map((d) => shift(`s${d}`, d)) };
    const together = penalty(problem, working({ a: ['s0', 's2', 's4'] }), 'fairMinutes');
    const spread = penalty(problem, working({ a: ['s0', 's2'], b: ['s4'] }), 'fairMinutes');
    expect(together).toBe(spread);
  });
});

describe('fairMinutes with a weekly target', () => {
  it('scales the weekly target to the horizon', () => {
    const problem = {
      resources: [person('a', { contract: { targetMinutesPerWeek: 12 * HOUR } })],
      demands: [shift('s1', 0)],
      horizonDays: 14,
    };
    expect(penalty(problem, working({ a: ['s1'] }), 'fairMinutes')).toBe(12);
  });
});

describe('fairNights and fairWeekends', () => {
  it("penalise tenths of a shift squared away from the share of the person's own shifts", () => {
    const resources = [
      person('a', { contract: { targetMinutes: 600 } }),
      person('b', { contract: { targetMinutes: 600 } }),
    ];
    // Half the shifts demanded are nights: whoever works two shifts should work one night.
    const nights = {
      resources,
      demands: [shift('n1', 0, 'night'), shift('n2', 2, 'night'), shift('d1', 4), shift('d2', 6)],
    };
    expect(penalty(nights, working({ a: ['n1', 'n2'] }), 'fairNights')).toBe(10);
    expect(penalty(nights, working({ a: ['n1', 'd1'], b: ['n2', 'd2'] }), 'fairNights')).toBe(0);
    const weekends = { resources, demands: [shift('w1', 5), shift('w2', 6), shift('x1', 1), shift('x2', 2)] };
    expect(penalty(weekends, working({ b: ['w1', 'w2'] }), 'fairWeekends')).toBe(10);
    expect(penalty(weekends, working({ b: ['w1', 'x1', 'w2', 'x2'] }), 'fairWeekends')).toBe(0);
  });
});

describe('preferences', () => {
  it('penalises started hours in an unwanted time, times its weight, and a wanted time not worked', () => {
    const unwanted = { start: T0 + 18 * HOUR, end: T0 + 30 * HOUR, kind: 'unwanted' as const, weight: 2 };
    const wanted = { start: T0 + 3 * 1440, end: T0 + 4 * 1440, kind: 'wanted' as const, weight: 5 };
    const problem = {
      resources: [person('a', { preferences: [unwanted, wanted] })],
      demands: [shift('s1', 0), shift('s2', 3)],
    };
    expect(penalty(problem, working({ a: ['s1', 's2'] }), 'preferences')).toBe(4);
    expect(penalty(problem, working({ a: ['s1'] }), 'preferences')).toBe(9);
  });
});

describe('travel', () => {
  it('penalises shifts outside the home region', () => {
    const problem = {
      resources: [person('a', { regions: ['north-east', 'yorkshire'] })],
      demands: [shift('s1', 0, 'day', { region: 'yorkshire' }), shift('s2', 2)],
    };
    const b = breakdown(problem, working({ a: ['s1', 's2'] }), 'travel');
    expect(b.penalty).toBe(1);
    expect(b.messages[0]).toContain('would travel from north-east to yorkshire');
  });
});

describe('changes', () => {
  it('counts people taken off and put on against the published rota', () => {
    const problem = {
      resources: [person('a'), person('b')],
      demands: [shift('s1', 0, 'day', { published: ['a'] }), shift('s2', 2)],
    };
    expect(penalty(problem, working({ b: ['s1', 's2'] }), 'changes')).toBe(2);
    expect(penalty(problem, working({ a: ['s1'], b: ['s2'] }), 'changes')).toBe(0);
  });
});
