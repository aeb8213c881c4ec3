import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/scheduler/index.js';
import {
  checkAssignment,
  explain,
  rankCandidates,
  scoreAssignments,
  solve,
} from '../../src/scheduler/index.js';
import { DAY, HOUR, T0, person, shift } from './helpers.js';

const leave = { start: T0, end: T0 + 7 * DAY, kind: 'annual_leave' as const };
const problem: Problem = {
  resources: [
    person('sam', { name: 'Sam Jones', skills: ['newborn-care'], unavailable: [leave] }),
    person('alex', { name: 'Alex Khan' }),
    person('jo', {
      name: 'Jo Patel',
      skills: ['newborn-care'],
      regions: ['north-west'],
      homeRegion: 'north-west',
    }),
    person('kim', { name: 'Kim Lee', skills: ['newborn-care'] }),
  ],
  demands: [
    shift('baby', 2, 'day', {
      label: 'day shift at placement 12',
      requiredSkills: ['newborn-care'],
      excluded: ['kim'],
    }),
    shift('other', 2, 'night'),
  ],
};

describe('explanations', () => {
  it('say in words why an unfillable demand has nobody', () => {
    const solution = solve(problem, { seed: 1, maxMoves: 2000 });
    expect(solution.unfilled).toEqual([{ demandId: 'baby', missing: 1 }]);
    const why = explain(problem, solution.assignments);
    const baby = why.unfilled.find((u) => u.demandId === 'baby')!;
    expect(baby.candidates.map((c) => c.resourceId).sort()).toEqual(['alex', 'jo', 'kim', 'sam']);
    const words = (id: string): string =>
      baby.candidates
        .find((c) => c.resourceId === id)!
        .hard.map((r) => r.message)
        .join(' | ');
    expect(words('sam')).toContain(
      'Sam Jones is on annual leave from Mon 2026-03-02 00:00 UTC to Mon 2026-03-09 00:00 UTC',
    );
    expect(words('jo')).toContain('Jo Patel does not work in north-east');
    expect(words('kim')).toContain('Kim Lee is excluded from home-1');
    expect(words('alex')).toContain('Alex Khan lacks the specialism newborn-care');
    expect(baby.candidates.every((c) => !c.allowed)).toBe(true);
  });

  it('break the score down by constraint with the matches', () => {
    const why = explain(problem, { baby: ['sam'] });
    const absence = why.constraints.find((c) => c.name === 'absence')!;
    expect(absence.level).toBe('hard');
    expect(absence.penalty).toBe(12 * HOUR);
    expect(absence.matches).toEqual([
      expect.objectContaining({ resourceId: 'sam', demandIds: ['baby'], penalty: 12 * HOUR }),
    ]);
    expect(why.score.hard).toBe(absence.score);
    const unfilled = why.constraints.find((c) => c.name === 'unfilled')!;
    expect(unfilled.matches[0]!.message).toContain('needs 1 more person');
  });

  it('use the caller formatter for local times', () => {
    const why = explain(problem, {}, { formatInstant: (t) => `t+${t - T0}` });
    const sam = why.unfilled[0]!.candidates.find((c) => c.resourceId === 'sam')!;
    expect(sam.hard[0]!.message).toContain('from t+0 to t+10080');
  });
});

describe('candidates for one demand', () => {
  const rest: Problem = {
    resources: [
      person('a', { name: 'Sam Jones' }),
      person('b', { name: 'Alex Khan' }),
      person('c', { name: 'Jo Patel', regions: ['north-east', 'yorkshire'], homeRegion: 'yorkshire' }),
    ],
    demands: [
      shift('late', 0),
      shift('early', 1, 'day', { start: T0 + DAY + 5 * HOUR, end: T0 + DAY + 17 * HOUR }),
    ],
  };

  it('rank allowed people first, and say why the others cannot', () => {
    const ranked = rankCandidates(rest, { late: ['a'] }, 'early');
    expect(ranked.map((c) => [c.resourceId, c.allowed])).toEqual([
      ['b', true],
      ['c', true],
      ['a', false],
    ]);
    expect(ranked[2]!.hard[0]!.message).toContain(
      'Sam Jones would have only 9 h rest after the shift ending Mon 2026-03-02 20:00 UTC',
    );
    expect(ranked[1]!.soft.map((r) => r.constraint)).toContain('travel');
  });

  it('can rank replacements for someone already on the demand', () => {
    const ranked = rankCandidates(rest, { late: ['a'], early: ['b'] }, 'early', { replacing: 'b' });
    expect(ranked.map((c) => [c.resourceId, c.allowed])).toEqual([
      ['c', true],
      ['a', false],
    ]);
  });
});

describe('checking one manual assignment', () => {
  const rest: Problem = {
    resources: [
      person('a', {
        name: 'Sam Jones',
        preferences: [{ start: T0 + DAY, end: T0 + 2 * DAY, kind: 'unwanted' }],
      }),
      person('b'),
    ],
    demands: [
      shift('late', 0),
      shift('early', 1, 'day', { start: T0 + DAY + 5 * HOUR, end: T0 + DAY + 17 * HOUR }),
      shift('next', 1),
    ],
  };

  it('refuses on a hard rule, in words', () => {
    const check = checkAssignment(rest, { late: ['a'] }, 'early', 'a');
    expect(check.allowed).toBe(false);
    expect(check.hard.map((r) => r.constraint)).toEqual(
      ['overlap', 'minimumRest'].filter((n) => check.hard.some((r) => r.constraint === n)),
    );
    expect(check.hard.some((r) => r.message.includes('would have only 9 h rest'))).toBe(true);
    expect(check.delta.hard).toBeGreaterThan(0);
  });

  it('allows with warnings on soft rules', () => {
    const check = checkAssignment(rest, {}, 'next', 'a');
    expect(check.allowed).toBe(true);
    expect(check.hard).toEqual([]);
    expect(
      check.warnings.some((r) => r.constraint === 'preferences' && r.message.includes('asked not to work')),
    ).toBe(true);
    expect(check.delta.medium).toBeLessThan(0);
  });
});

describe('days in words', () => {
  it('name a day by the date the caller gives, not by its index', () => {
    const week = [0, 1, 2, 3, 4, 5, 6].map((day) => shift(`d${day}`, day));
    const problem: Problem = { resources: [person('sam', { name: 'Sam Jones' })], demands: week };
    const all = Object.fromEntries(week.map((d) => [d.id, ['sam']]));
    const dates = ['Mon 2 Mar', 'Tue 3 Mar', 'Wed 4 Mar', 'Thu 5 Mar', 'Fri 6 Mar', 'Sat 7 Mar', 'Sun 8 Mar'];
    const messages = scoreAssignments(problem, all, { formatDay: (d) => dates[d] ?? `?${d}` })
      .constraints.find((c) => c.name === 'daysOff')!
      .matches.map((m) => m.message);
    expect(messages).toEqual(['Sam Jones would have 0 days off in the 7 days from Mon 2 Mar (needs 1)']);
  });
});
