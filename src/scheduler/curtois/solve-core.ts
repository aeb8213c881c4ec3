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
    // Trying every employee for every slot does not finish on the big instances (Instance20 at 20 s:
    // 12 candidates per slot 28,042 against 34,541 trying all, both still infeasible).
    constructionCandidates: 12,
    // Rows as the separate engine builds and repairs them, and row moves for most of the search
    // (Instances 1-12 at 10 s, shared machine: 6 of 12 infeasible, mean gap 105.5% without; all feasible
    // within 0.12 s, 84.9% with row construction, repair and 30% row moves; 50.1% with 60% row moves of
    // which 30% relocations and 20% block swaps, the relocations taking under-cover on Instance7 from
    // 2,000 to 1,300-1,400). A hard weight of 3 in the annealing instead of hard-first: 52.6%, not kept.
    rows: { construct: true, repairMoves: 20_000, moves: 0.6, relocate: 0.3 },
    blockMoves: 0.2,
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
