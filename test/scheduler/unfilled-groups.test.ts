import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/scheduler/index.js';
import fc from 'fast-check';
import {
  compile,
  groupUnfilled,
  rankCandidatesOn,
  relaxOne,
  searchCompiled,
  solve,
} from '../../src/scheduler/index.js';
import { problemArb } from './arbitrary.js';
import { person, shift } from './helpers.js';

const week = (location: string, extra = {}) =>
  [0, 1, 2, 3, 4, 5, 6].map((day) => shift(`${location}-${day}`, day, 'day', { location, ...extra }));

const unfilledAt = (problem: Problem, ids: string[], seed = 3) => {
  const solution = solve(problem, { seed, maxMoves: 20_000 });
  return solution.unfilled.filter((u) => ids.includes(u.demandId)).length;
};

describe('unfilled demands grouped by cause, with the smallest fixes', () => {
  it('names the one holder of a scarce specialism, and relaxing her region fills what the fix promised', () => {
    const problem: Problem = {
      resources: [
        person('a', { name: 'Ann Able', regions: ['south-east'] }),
        person('b', { name: 'Bob Bell', regions: ['south-east'] }),
        person('w', { name: 'Wendy Hughes', regions: ['north-west'], skills: ['newborn-care'] }),
      ],
      demands: week('DEMO-0101', { region: 'south-east', requiredSkills: ['newborn-care'] }),
      names: { regions: { 'south-east': 'South East' }, skills: { 'newborn-care': 'Newborn care' } },
    };
    const solution = solve(problem, { seed: 1, maxMoves: 5000 });
    const groups = groupUnfilled(problem, solution.assignments);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.location).toBe('DEMO-0101');
    expect(group!.demandIds).toHaveLength(7);
    expect(group!.cause).toEqual({ kind: 'static', blockedAt: 'skill' });
    // Ann and Bob would need the specialism: a permission comes before a qualification.
    expect(group!.fixes.map((f) => [f.name, f.relax])).toEqual([
      ['Wendy Hughes', 'region'],
      ['Ann Able', 'skill'],
      ['Bob Bell', 'skill'],
    ]);
    const fix = group!.fixes[0]!;
    expect(fix).toMatchObject({ resourceId: 'w', name: 'Wendy Hughes', relax: 'region' });
    // 48 hours in any 7 days: four 12-hour shifts.
    expect(fix.demandIds).toHaveLength(4);
    const relaxed = relaxOne(problem, 'w', 'region', group!.demandIds);
    expect(unfilledAt(relaxed, group!.demandIds)).toBe(7 - fix.demandIds.length);
  });

  it('groups a gender requirement nobody in the region meets, with people one rule away', () => {
    const problem: Problem = {
      resources: [
        person('m1', { name: 'Mo Khan', gender: 'male' }),
        person('m2', { name: 'Ray Dunn', gender: 'male' }),
      ],
      demands: week('DEMO-0102', { gender: 'female' }).slice(0, 3),
    };
    const groups = groupUnfilled(problem, solve(problem, { seed: 1, maxMoves: 2000 }).assignments);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.cause).toEqual({ kind: 'static', blockedAt: 'gender' });
    expect(groups[0]!.fixes.map((f) => [f.name, f.relax, f.demandIds.length])).toEqual([
      ['Mo Khan', 'gender', 3],
      ['Ray Dunn', 'gender', 3],
    ]);
  });

  it('says when the people who could work are at their hours, and relaxing the limit fills the shift', () => {
    const busyWeek = [0, 1, 2, 3].map((day) =>
      shift(`other-${day}`, day, 'day', { location: 'DEMO-0200', pinned: ['k'] }),
    );
    const problem: Problem = {
      resources: [person('k', { name: 'Kim Lee' })],
      demands: [...busyWeek, shift('DEMO-0103-4', 4, 'day', { location: 'DEMO-0103' })],
    };
    const groups = groupUnfilled(problem, solve(problem, { seed: 1, maxMoves: 2000 }).assignments);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.cause).toEqual({
      kind: 'busy',
      people: ['Kim Lee'],
      peopleIds: ['k'],
      rules: ['maxMinutesPer7Days'],
    });
    expect(groups[0]!.fixes).toEqual([
      { resourceId: 'k', name: 'Kim Lee', relax: 'maxMinutesPer7Days', demandIds: ['DEMO-0103-4'] },
    ]);
  });

  it('says when rest between shifts is what stands in the way', () => {
    const problem: Problem = {
      resources: [person('k', { name: 'Kim Lee' })],
      demands: [
        shift('night', 3, 'night', { location: 'DEMO-0200', pinned: ['k'] }),
        shift('DEMO-0104-4', 4, 'day', { location: 'DEMO-0104' }),
      ],
    };
    const groups = groupUnfilled(problem, solve(problem, { seed: 1, maxMoves: 2000 }).assignments);
    expect(groups[0]!.cause).toMatchObject({ kind: 'busy', rules: ['minimumRest'] });
    expect(groups[0]!.fixes.map((f) => f.relax)).toEqual(['minimumRest']);
  });

  it('keeps apart the causes of one family, and leaves out demands that are filled', () => {
    const problem: Problem = {
      resources: [
        person('a', { name: 'Ann Able' }),
        person('w', { name: 'Wendy Hughes', skills: ['newborn-care'] }),
      ],
      demands: [
        ...week('DEMO-0105', { requiredSkills: ['newborn-care'] }).slice(0, 2),
        shift('DEMO-0105-x', 1, 'day', { location: 'DEMO-0105', region: 'far-away' }),
      ],
    };
    const solution = solve(problem, { seed: 1, maxMoves: 2000 });
    const groups = groupUnfilled(problem, solution.assignments);
    expect(
      groups.map((g) => [g.cause.kind === 'static' ? g.cause.blockedAt : g.cause.kind, g.demandIds]),
    ).toEqual([['region', ['DEMO-0105-x']]]);
  });

  it("grouped on a solve's state with its candidates already tried, gives what grouping from scratch gives", () => {
    let grouped = 0;
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const { solution, state } = searchCompiled(compile(problem, { forSearch: true }), {
          seed,
          maxMoves: 300,
        });
        const short = solution.unfilled.map((u) => u.demandId);
        const tried = rankCandidatesOn(
          state,
          short.map((demandId) => ({ demandId })),
        );
        const fresh = groupUnfilled(problem, solution.assignments);
        grouped += fresh.length;
        // Messages may list a team in another order (who was tried before changes a map's order).
        expect(groupUnfilled(problem, solution.assignments, { state, tried })).toEqual(fresh);
      }),
      { numRuns: 60, seed: 17 },
    );
    expect(grouped).toBeGreaterThan(0);
  });
});
