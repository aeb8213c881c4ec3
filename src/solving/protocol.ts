import type { Problem, Progress, Solution, SolveOptions } from '../scheduler/index.js';
import type { ReportContext, RunReport } from './report.js';
import type { CoverWords, SolvedCover } from '../cover/plan-solve.js';
import type { HubRota } from '../osr/rota-generate.js';
import type { HubFacts, PlanWeek } from '../osr/rota-problem.js';

/** Solve options that can cross a thread boundary (no functions: the worker brings its own clock). */
export type WorkerSolveOptions = Omit<SolveOptions, 'now' | 'shouldStop' | 'onProgress'>;

export interface WorkerInput {
  problem: Problem;
  options: WorkerSolveOptions;
  /** Int32 flag set to 1 by the parent to cancel; read without the event loop, as the solve is synchronous. */
  cancel: SharedArrayBuffer;
  /** Explain the solution in words in the thread too, for people in this time zone (rota runs). */
  reportIn?: ReportContext;
}

/**
 * A job for the warm thread: a cover plan made whole (its two-stage solve and its words; `answerBy`,
 * when (epoch milliseconds) it should be back, see `solveCoverPlan`), a hub's OSR weeks, or a few plans
 * on a small generated rota so that the first real one runs warm code.
 */
export type ThreadInput =
  | { cover: { problem: Problem; words: CoverWords; answerBy?: number } }
  | { hubRota: { facts: HubFacts; weeks: PlanWeek[] } }
  | { warmUp: true };

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; solution: Solution; report?: RunReport }
  | { type: 'error'; message: string; stack?: string };

/** What the warm thread answers: a whole cover plan, a hub's OSR weeks, or why it could not. */
export type ThreadMessage =
  | { type: 'cover'; plan: SolvedCover }
  | { type: 'hub-rota'; rota: HubRota }
  | { type: 'error'; message: string; stack?: string };
