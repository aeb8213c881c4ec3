import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/scheduler/index.js';
import { solve } from '../../src/scheduler/index.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';
import { hardViolations } from './checker.js';

describe('a realistic generated problem', () => {
  const problem = generateProblem({ seed: 7, people: 44, locations: 8, weeks: 2 });

  it('is the size asked for', () => {
    expect(problem.resources).toHaveLength(44);
    expect(problem.demands).toHaveLength(8 * 14 * 2);
  });

  it('reaches a full, feasible roster', () => {
    const solution = solve(problem, { seed: 1, maxMoves: 60_000 });
    expect(solution.score.hard).toBe(0);
    expect(solution.unfilled).toEqual([]);
    expect(solution.score.medium).toBe(0);
    expect(hardViolations(problem, solution.assignments)).toEqual([]);
    for (const d of problem.demands) expect(solution.assignments[d.id]).toHaveLength(1);
  });

  it('improves the soft score over the construction alone', () => {
    const built = solve(problem, { seed: 1, maxMoves: 0 });
    const searched = solve(problem, { seed: 1, maxMoves: 60_000 });
    expect(searched.score.soft).toBeLessThan(built.score.soft);
  });

  it('works on a solution with published shifts without changing them needlessly', () => {
    const first = solve(problem, { seed: 1, maxMoves: 20_000 });
    const published: Problem = {
      ...problem,
      demands: problem.demands.map((d) => ({ ...d, published: first.assignments[d.id] ?? [] })),
    };
    const again = solve(published, { seed: 2, maxMoves: 20_000 });
    const changed = problem.demands.filter(
      (d) => (again.assignments[d.id] ?? []).join() !== (first.assignments[d.id] ?? []).join(),
    );
    expect(again.score.hard).toBe(0);
    expect(changed.length).toBeLessThan(problem.demands.length * 0.05);
  });
});
