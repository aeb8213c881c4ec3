import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { warmUpCoverPlans } from '../../src/cover/warm-up.js';
import { SolverThread } from '../../src/solving/solver-thread.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';

describe('warming the cover plan thread', () => {
  it('runs both stages and the words for a shift nobody can take', () => {
    const plans = warmUpCoverPlans(() => performance.now());
    expect(plans.length).toBe(3);
    expect(plans.some((p) => p.stages === 2)).toBe(true);
    expect(plans.some((p) => p.body.uncovered.length > 0 && p.body.uncoveredSummary.length > 0)).toBe(true);
    expect(plans.every((p) => p.body.assignments.length > 0)).toBe(true);
  });

  it('leaves the thread making plans as before', async () => {
    const thread = new SolverThread();
    try {
      thread.warm();
      const problem = generateProblem({ seed: 2, people: 12, locations: 2, weeks: 1 });
      const target = problem.demands[0]!.id;
      const plan = await thread.coverPlan(
        { ...problem, solveOnly: [target] },
        { timezone: 'Europe/London', firstDate: '2026-03-02', placementOf: { [target]: 'placement-1' } },
      );
      expect(plan.body.assignments.map((a) => a.shiftId)).toEqual([target]);
    } finally {
      await thread.close();
    }
  });
});
