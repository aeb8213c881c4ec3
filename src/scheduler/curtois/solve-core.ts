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
  const size = instance.staff.length * instance.horizonDays;
  const solution = solve(problem, {
    // From the separate engine: annealing with a start temperature scaled to the instance (big ones get
    // fewer moves per cell and start colder), and block swaps (Instances 5, 8, 11 at 600k moves:
    // 2076 / 4276 (14 hard) / 5783 (feasible) with 15% block swaps, 2705 / 4362 (10) / 6150 (5) without).
    acceptance: 'simulated-annealing',
    annealing: { startTemperature: Math.min(30, Math.max(1, 60_000 / size)), endTemperature: 0.3 },
    blockMoves: 0.15,
    // Trying every employee for every slot does not finish on the big instances (Instance20 at 20 s:
    // 12 candidates per slot 28,042 against 34,541 trying all, both still infeasible).
    constructionCandidates: 12,
    rows: { construct: true, repairMoves: 20_000, moves: 0.3 },
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
