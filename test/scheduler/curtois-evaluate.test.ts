import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../../src/scheduler/curtois/evaluate.js';
import type {
  CoverRequirement,
  CurtoisInstance,
  Roster,
  ShiftRequest,
  StaffMember,
} from '../../src/scheduler/curtois/types.js';

/** 'D..N' -> ['D', '', '', 'N']: one character per day, '.' for a day off. */
const row = (days: string): string[] => [...days].map((c) => (c === '.' ? '' : c));
const roster = (rows: Record<string, string>): Roster =>
  Object.fromEntries(Object.entries(rows).map(([id, days]) => [id, row(days)]));

/**
 * A tiny instance; every staff limit not given is relaxed so that one rule at a time can be tested.
 * Shifts: D (480 min) and N (600 min, no D the next day). Day 0 is a Monday.
 */
function tiny(
  horizonDays: number,
  staff: (Partial<StaffMember> & { id: string })[],
  extra: { on?: ShiftRequest[]; off?: ShiftRequest[]; cover?: CoverRequirement[] } = {},
): CurtoisInstance {
  return {
    horizonDays,
    shifts: [
      { id: 'D', lengthMinutes: 480, forbiddenNext: [] },
      { id: 'N', lengthMinutes: 600, forbiddenNext: ['D'] },
    ],
    staff: staff.map((s) => ({
      maxShifts: { D: horizonDays, N: horizonDays },
      maxTotalMinutes: 1_000_000,
      minTotalMinutes: 0,
      maxConsecutiveShifts: horizonDays,
      minConsecutiveShifts: 1,
      minConsecutiveDaysOff: 1,
      maxWeekends: horizonDays,
      daysOff: [],
      ...s,
    })),
    onRequests: extra.on ?? [],
    offRequests: extra.off ?? [],
    cover: extra.cover ?? [],
  };
}

const rules = (instance: CurtoisInstance, rows: Record<string, string>): string[] =>
  evaluateRoster(instance, roster(rows)).violations.map((v) => `${v.rule}:${v.employee}:${v.day ?? '-'}`);

describe('evaluateRoster: each hard rule alone', () => {
  it('roster-shape: rows of the wrong length, unknown shifts, missing and unknown employees', () => {
    const instance = tiny(7, [{ id: 'A' }, { id: 'B' }]);
    expect(rules(instance, { A: 'DDD', B: '.......' })).toEqual(['roster-shape:A:-']);
    expect(rules(instance, { A: 'X......', B: '.......' })).toEqual(['roster-shape:A:-']);
    expect(rules(instance, { A: '.......' })).toEqual(['roster-shape:B:-']);
    expect(rules(instance, { A: '.......', B: '.......', Z: '.......' })).toEqual(['roster-shape:Z:-']);
    expect(rules(instance, { A: '.......', B: '.......' })).toEqual([]);
  });

  it('days-off: working a fixed day off, once per day', () => {
    const instance = tiny(7, [{ id: 'A', daysOff: [2, 4] }]);
    expect(rules(instance, { A: 'DDDDD..' })).toEqual(['days-off:A:2', 'days-off:A:4']);
    expect(rules(instance, { A: 'DD.D.DD' })).toEqual([]);
  });

  it('shift-succession: only forbidden pairs, only inside the horizon', () => {
    const instance = tiny(7, [{ id: 'A' }]);
    expect(rules(instance, { A: '..ND...' })).toEqual(['shift-succession:A:2']);
    expect(rules(instance, { A: '..DN...' })).toEqual([]);
    expect(rules(instance, { A: 'NN.N.N.' })).toEqual([]);
    // N on the last day and D on day 0: nothing wraps around or crosses the horizon.
    expect(rules(instance, { A: 'D.....N' })).toEqual([]);
  });

  it('max-shifts: per shift type; a type with 0 may never be worked', () => {
    const instance = tiny(7, [{ id: 'A', maxShifts: { D: 2, N: 0 } }]);
    expect(rules(instance, { A: 'DD.....' })).toEqual([]);
    expect(rules(instance, { A: 'DDD....' })).toEqual(['max-shifts:A:-']);
    expect(rules(instance, { A: '......N' })).toEqual(['max-shifts:A:-']);
  });

  it('max-total-minutes and min-total-minutes, bounds inclusive', () => {
    const instance = tiny(7, [{ id: 'A', maxTotalMinutes: 1080, minTotalMinutes: 960 }]);
    expect(rules(instance, { A: 'D.D....' })).toEqual([]); // 960
    expect(rules(instance, { A: 'D.N....' })).toEqual([]); // 1080
    expect(rules(instance, { A: 'D.N.D..' })).toEqual(['max-total-minutes:A:-']); // 1560
    expect(rules(instance, { A: 'D......' })).toEqual(['min-total-minutes:A:-']); // 480
    expect(evaluateRoster(instance, roster({ A: '.......' })).violations[0]?.detail).toContain('960 short');
  });

  it('max-consecutive-shifts: every run, including runs touching the horizon ends', () => {
    const instance = tiny(7, [{ id: 'A', maxConsecutiveShifts: 3 }]);
    expect(rules(instance, { A: 'DDD.DDD' })).toEqual([]);
    expect(rules(instance, { A: 'DDDD...' })).toEqual(['max-consecutive-shifts:A:0']);
    expect(rules(instance, { A: '.DDDDN.' })).toEqual(['max-consecutive-shifts:A:1']);
    expect(rules(instance, { A: '...DDDD' })).toEqual(['max-consecutive-shifts:A:3']);
  });

  it('min-consecutive-shifts: inner runs only; runs touching day 0 or H-1 are exempt', () => {
    const instance = tiny(7, [{ id: 'A', minConsecutiveShifts: 3 }]);
    expect(rules(instance, { A: '..DD...' })).toEqual(['min-consecutive-shifts:A:2']);
    expect(rules(instance, { A: '.D...D.' })).toEqual([
      'min-consecutive-shifts:A:1',
      'min-consecutive-shifts:A:5',
    ]);
    expect(rules(instance, { A: 'D.....D' })).toEqual([]);
    expect(rules(instance, { A: 'DD..DDD' })).toEqual([]);
    expect(rules(instance, { A: '.DDD...' })).toEqual([]);
  });

  it('min-consecutive-days-off: inner runs of days off only; runs touching either end are exempt', () => {
    const instance = tiny(7, [{ id: 'A', minConsecutiveDaysOff: 2 }]);
    expect(rules(instance, { A: 'DD.DDDD' })).toEqual(['min-consecutive-days-off:A:2']);
    expect(rules(instance, { A: '.DDDDD.' })).toEqual([]);
    expect(rules(instance, { A: 'DD..DDD' })).toEqual([]);
    expect(rules(instance, { A: '.......' })).toEqual([]);
  });

  it('max-weekends: Saturday 7k+5 and Sunday 7k+6 count once together', () => {
    const instance = tiny(14, [{ id: 'A', maxWeekends: 1 }]);
    expect(rules(instance, { A: '.....DN.......' })).toEqual([]); // one weekend, both days
    expect(rules(instance, { A: '....D........D' })).toEqual([]); // Friday is not a weekend day
    expect(rules(instance, { A: '.....D.......D' })).toEqual(['max-weekends:A:-']);
    expect(rules(instance, { A: '......D.....D.' })).toEqual(['max-weekends:A:-']);
    const none = tiny(14, [{ id: 'A', maxWeekends: 0 }]);
    expect(rules(none, { A: 'DDDDD..DDDDD..' })).toEqual([]);
    expect(rules(none, { A: '............D.' })).toEqual(['max-weekends:A:-']);
  });
});

describe('evaluateRoster: each cost term alone', () => {
  const cost = (instance: CurtoisInstance, rows: Record<string, string>) => {
    const result = evaluateRoster(instance, roster(rows));
    expect(result.feasible).toBe(true);
    return result.breakdown;
  };

  it('on-requests cost their weight unless that exact shift is worked', () => {
    const instance = tiny(3, [{ id: 'A' }], { on: [{ employee: 'A', day: 1, shift: 'D', weight: 2 }] });
    expect(cost(instance, { A: '.D.' })).toEqual({ on: 0, off: 0, under: 0, over: 0 });
    expect(cost(instance, { A: '...' })).toEqual({ on: 2, off: 0, under: 0, over: 0 });
    expect(cost(instance, { A: '.N.' })).toEqual({ on: 2, off: 0, under: 0, over: 0 });
  });

  it('off-requests cost their weight only when that exact shift is worked', () => {
    const instance = tiny(3, [{ id: 'A' }], { off: [{ employee: 'A', day: 1, shift: 'N', weight: 3 }] });
    expect(cost(instance, { A: '.N.' })).toEqual({ on: 0, off: 3, under: 0, over: 0 });
    expect(cost(instance, { A: '.D.' })).toEqual({ on: 0, off: 0, under: 0, over: 0 });
    expect(cost(instance, { A: '...' })).toEqual({ on: 0, off: 0, under: 0, over: 0 });
  });

  it('cover: shortfall x weightUnder, excess x weightOver, nothing without a cover line', () => {
    const instance = tiny(2, [{ id: 'A' }, { id: 'B' }, { id: 'C' }], {
      cover: [{ day: 0, shift: 'D', requirement: 2, weightUnder: 100, weightOver: 5 }],
    });
    expect(cost(instance, { A: '..', B: '..', C: '..' })).toEqual({ on: 0, off: 0, under: 200, over: 0 });
    expect(cost(instance, { A: 'D.', B: 'N.', C: '..' })).toEqual({ on: 0, off: 0, under: 100, over: 0 });
    expect(cost(instance, { A: 'D.', B: 'D.', C: '..' })).toEqual({ on: 0, off: 0, under: 0, over: 0 });
    expect(cost(instance, { A: 'D.', B: 'D.', C: 'D.' })).toEqual({ on: 0, off: 0, under: 0, over: 5 });
    expect(cost(instance, { A: '.D', B: '.N', C: '.D' })).toEqual({ on: 0, off: 0, under: 200, over: 0 });
  });
});

describe('evaluateRoster: hand-checked rosters', () => {
  // One week. A: D<=5, N<=2, 1440..2400 min, runs 2..4, days off in runs >= 2, one weekend, day 2 off.
  // B: no N, 960..3000 min, runs 1..5, one weekend. Cover: one D every day, one N on day 4.
  const week = tiny(
    7,
    [
      {
        id: 'A',
        maxShifts: { D: 5, N: 2 },
        maxTotalMinutes: 2400,
        minTotalMinutes: 1440,
        maxConsecutiveShifts: 4,
        minConsecutiveShifts: 2,
        minConsecutiveDaysOff: 2,
        maxWeekends: 1,
        daysOff: [2],
      },
      {
        id: 'B',
        maxShifts: { D: 7, N: 0 },
        maxTotalMinutes: 3000,
        minTotalMinutes: 960,
        maxConsecutiveShifts: 5,
        maxWeekends: 1,
      },
    ],
    {
      on: [
        { employee: 'A', day: 0, shift: 'D', weight: 2 },
        { employee: 'B', day: 5, shift: 'D', weight: 1 },
        { employee: 'A', day: 6, shift: 'N', weight: 3 },
      ],
      off: [
        { employee: 'B', day: 1, shift: 'D', weight: 2 },
        { employee: 'A', day: 4, shift: 'N', weight: 1 },
      ],
      cover: [
        ...[0, 1, 2, 3, 4, 5, 6].map((day) => ({
          day,
          shift: 'D',
          requirement: 1,
          weightUnder: 100,
          weightOver: 1,
        })),
        { day: 4, shift: 'N', requirement: 1, weightUnder: 100, weightOver: 1 },
      ],
    },
  );

  it('roster 1: feasible, total 105', () => {
    // on: B off on day 5 (1) + A off on day 6 (3); off: A works N on day 4 (1); under: no D on day 5.
    // N on day 5 has no cover line and costs nothing.
    const result = evaluateRoster(week, roster({ A: 'DD..NN.', B: '..DDD.D' }));
    expect(result.violations).toEqual([]);
    expect(result.breakdown).toEqual({ on: 4, off: 1, under: 100, over: 0 });
    expect(result.cost).toBe(105);
  });

  it('roster 2: feasible on every boundary (minutes, count, run to day 0 and H-1), total 206', () => {
    // A: exactly 2400 min and 5 D; a 1-day run on day 0 and a 4-day run to day 6 are allowed; the
    // weekend is worked on both days but counts once. on: B off day 5 (1) + A on D not N day 6 (3).
    // Cover D: 2 on days 0 and 4 (over 2), none on day 1 (100); no N on day 4 (100).
    const result = evaluateRoster(week, roster({ A: 'D..DDDD', B: 'D.D.D..' }));
    expect(result.violations).toEqual([]);
    expect(result.breakdown).toEqual({ on: 4, off: 0, under: 200, over: 2 });
    expect(result.cost).toBe(206);
  });

  it('roster 3: five violations, which are listed but not priced; total 110', () => {
    // A: N then D (days 3-4), a 1-day inner run on day 1 and a 1-day inner rest on day 2.
    // B: 7 shifts in a row (max 5) and 3360 min (max 3000).
    // on: A off day 0 (2) + A off day 6 (3); off: B works D on day 1 (2);
    // cover D: 2 on days 1, 4, 5 (over 3); no N on day 4 (100).
    const result = evaluateRoster(week, roster({ A: '.D.NDD.', B: 'DDDDDDD' }));
    expect(result.feasible).toBe(false);
    expect(result.violations.map((v) => `${v.rule}:${v.employee}:${v.day ?? '-'}`).sort()).toEqual([
      'max-consecutive-shifts:B:0',
      'max-total-minutes:B:-',
      'min-consecutive-days-off:A:2',
      'min-consecutive-shifts:A:1',
      'shift-succession:A:3',
    ]);
    expect(result.breakdown).toEqual({ on: 5, off: 2, under: 100, over: 3 });
    expect(result.cost).toBe(110);
  });
});
