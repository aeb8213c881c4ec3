import { describe, expect, it } from 'vitest';
import type { Progress, Solution, SolveOptions } from '../../src/scheduler/index.js';
import { compareScores, solve } from '../../src/scheduler/index.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';

const problem = generateProblem({ seed: 5, people: 30, locations: 5, weeks: 1 });

/** A solve on a clock that ticks once per reading, with every progress report it made. */
function watched(options: SolveOptions): { solution: Solution; seen: Progress[] } {
  let t = 0;
  const seen: Progress[] = [];
  const solution = solve(problem, {
    ...options,
    now: () => (t += 1),
    progressEveryMs: 10,
    onProgress: (p) => seen.push(p),
  });
  return { solution, seen };
}

/** Best scores never worse, time and moves never back, and the last report is the result. */
function expectSteadyProgress(seen: readonly Progress[], solution: Solution): void {
  for (let i = 1; i < seen.length; i++) {
    expect(compareScores(seen[i]!.best, seen[i - 1]!.best)).toBeLessThanOrEqual(0);
    expect(seen[i]!.elapsedMs).toBeGreaterThanOrEqual(seen[i - 1]!.elapsedMs);
    expect(seen[i]!.moves).toBeGreaterThanOrEqual(seen[i - 1]!.moves);
  }
  expect(seen.at(-1)!.best).toEqual(solution.score);
}

describe('the search', () => {
  it.each(['late-acceptance', 'simulated-annealing'] as const)(
    'reaches a full, feasible roster with %s',
    (acceptance) => {
      const solution = solve(problem, { seed: 3, maxMoves: 20_000, acceptance });
      expect(solution.score.hard).toBe(0);
      expect(solution.unfilled).toEqual([]);
    },
  );

  it('stops on the time limit of the injected clock', () => {
    let t = 0;
    const solution = solve(problem, { seed: 1, now: () => (t += 1), timeLimitMs: 2000 });
    expect(solution.stats.stoppedBy).toBe('time');
    expect(solution.stats.elapsedMs).toBeGreaterThanOrEqual(2000);
  });

  it('stops when cancelled', () => {
    let calls = 0;
    const solution = solve(problem, { seed: 1, shouldStop: () => ++calls > 20 });
    expect(solution.stats.stoppedBy).toBe('cancelled');
    expect(solution.stats.moves).toBeLessThan(10_000);
  });

  it('stops after an unimproved limit', () => {
    const solution = solve(problem, { seed: 1, unimprovedLimit: 3000 });
    expect(solution.stats.stoppedBy).toBe('unimproved');
  });

  it('stops once feasible and filled when asked', () => {
    const solution = solve(problem, { seed: 1, maxMoves: 50_000, stopWhenFeasible: true });
    expect(solution.stats.stoppedBy).toBe('feasible');
    expect(solution.stats.moves).toBe(0);
  });

  it('reports progress: best scores never get worse, the last is the result', () => {
    const { solution, seen } = watched({ seed: 1, maxMoves: 20_000 });
    expect(seen.length).toBeGreaterThan(3);
    expectSteadyProgress(seen, solution);
  });

  it('with several runs, keeps the best of independent searches that share the move budget', () => {
    const seeds = [4, 4 + 7919, 4 + 2 * 7919];
    const alone = seeds.map((seed) =>
      solve(problem, { seed, maxMoves: 3000, acceptance: 'simulated-annealing' }),
    );
    // The runs must differ for "the best of them" to say anything.
    expect(new Set(alone.map((s) => s.score.soft)).size).toBeGreaterThan(1);
    const best = [...alone].sort((a, b) => compareScores(a.score, b.score))[0]!;
    const solution = solve(problem, { seed: 4, maxMoves: 9000, runs: 3, acceptance: 'simulated-annealing' });
    expect(solution.score).toEqual(best.score);
    expect(solution.assignments).toEqual(best.assignments);
    expect(solution.stats.moves).toBe(alone.reduce((n, s) => n + s.stats.moves, 0));
  });

  it('with several runs and only an unimproved limit, makes each run to that limit', () => {
    const one = solve(problem, { seed: 2, unimprovedLimit: 2000 });
    const three = solve(problem, { seed: 2, unimprovedLimit: 2000, runs: 3 });
    expect(three.stats.stoppedBy).toBe('unimproved');
    expect(three.stats.moves).toBeGreaterThan(2 * one.stats.moves);
    expect(compareScores(three.score, one.score)).toBeLessThanOrEqual(0);
  });

  it('with several runs, shares the time limit among them and reports a best that never worsens', () => {
    const { solution, seen } = watched({ seed: 1, runs: 3, timeLimitMs: 3000 });
    expect(solution.stats.elapsedMs).toBeGreaterThanOrEqual(3000);
    expect(solution.stats.elapsedMs).toBeLessThan(3600);
    // On the same clock one search alone is a different search: the runs were made.
    const alone = watched({ seed: 1, timeLimitMs: 3000 }).solution;
    expect(solution.stats.moves).not.toBe(alone.stats.moves);
    expectSteadyProgress(seen, solution);
  });

  it('does nothing when every slot is fixed', () => {
    const solution = solve({ ...problem, solveOnly: [] }, { seed: 1 });
    expect(solution.stats.stoppedBy).toBe('nothing-to-do');
    expect(Object.values(solution.assignments).every((a) => a.length === 0)).toBe(true);
  });

  it('keeps pinned people where they are', () => {
    const pinned = {
      ...problem,
      demands: problem.demands.map((d, i) => (i === 0 ? { ...d, pinned: ['p1'] } : d)),
    };
    const solution = solve(pinned, { seed: 1, maxMoves: 5000 });
    expect(solution.assignments[problem.demands[0]!.id]).toContain('p1');
  });

  it('shakes the best solution up when stuck for long', () => {
    const small = generateProblem({ seed: 2, people: 12, locations: 2, weeks: 1 });
    const solution = solve(small, { seed: 1, maxMoves: 120_000 });
    expect(solution.stats.restarts).toBeGreaterThan(0);
    expect(solution.score.hard).toBe(0);
  });

  it('leaves demands that have started as they are (fixedBefore)', () => {
    const first = solve(problem, { seed: 1, maxMoves: 2000 });
    const cut = problem.demands[0]!.start + 3 * 1440;
    const again = solve(
      { ...problem, assignments: first.assignments, fixedBefore: cut },
      { seed: 9, maxMoves: 5000 },
    );
    for (const d of problem.demands)
      if (d.start < cut) expect(again.assignments[d.id]).toEqual(first.assignments[d.id]);
  });
});

describe('input checks', () => {
  it('drop ids that are not resources (someone who left) instead of failing', () => {
    const stale = {
      ...problem,
      demands: problem.demands.map((d, i) =>
        i === 0 ? { ...d, pinned: ['nobody'], published: ['nobody'] } : d,
      ),
    };
    const solution = solve(stale, { seed: 1, maxMoves: 1000 });
    expect(solution.assignments[problem.demands[0]!.id]).not.toContain('nobody');
    expect(solution.score.hard).toBe(0);
  });

  it('refuse duplicate ids', () => {
    expect(() => solve({ ...problem, demands: [problem.demands[0]!, problem.demands[0]!] })).toThrow(
      'duplicate demand id',
    );
    expect(() => solve({ ...problem, resources: [problem.resources[0]!, problem.resources[0]!] })).toThrow(
      'duplicate resource id',
    );
  });
});
