import { solve } from '../solve.js';
import type { SolveOptions } from '../model.js';
import { evaluateRoster } from './evaluate.js';
import { assignmentsToRoster, curtoisToProblem, type ToProblemOptions } from './to-problem.js';
import type { CurtoisInstance, Evaluation, Roster } from './types.js';

export interface CoreSolveResult {
  readonly roster: Roster;
  readonly evaluation: Evaluation;
  /** Null when no clock was given or no feasible roster was found. */
  readonly secondsToFirstFeasible: number | null;
  readonly moves: number;
  readonly elapsedMs: number;
}

/** Solves a benchmark instance with the core's `solve` (the product's engine) and judges the roster. */
export function solveCurtoisWithCore(
  instance: CurtoisInstance,
  options: SolveOptions & ToProblemOptions = {},
): CoreSolveResult {
  const problem = curtoisToProblem(instance, options);
  const now = options.now;
  const t0 = now ? now() : 0;
  let firstFeasible: number | null = null;
  const solution = solve(problem, {
    ...options,
    progressEveryMs: options.progressEveryMs ?? 50,
    onProgress: (p) => {
      if (p.best.hard === 0 && firstFeasible === null && now) firstFeasible = now() - t0;
      options.onProgress?.(p);
    },
  });
  const roster = assignmentsToRoster(instance, solution.assignments);
  if (solution.score.hard === 0 && firstFeasible === null && now) firstFeasible = solution.stats.elapsedMs;
  return {
    roster,
    evaluation: evaluateRoster(instance, roster),
    secondsToFirstFeasible: firstFeasible === null ? null : firstFeasible / 1000,
    moves: solution.stats.moves,
    elapsedMs: solution.stats.elapsedMs,
  };
}
