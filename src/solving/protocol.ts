import type { Problem, Progress, Solution, SolveOptions } from '../scheduler/index.js';
import type { ReportContext, RunReport } from './report.js';
import type { CoverWords, SolvedCover } from '../cover/plan-solve.js';

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

/** A cover plan made whole in the warm thread: its two-stage solve and its words. */
export interface CoverInput {
  cover: { problem: Problem; words: CoverWords };
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; solution: Solution; report?: RunReport }
  | { type: 'error'; message: string; stack?: string };

/** What the warm thread answers: a whole cover plan, or why it could not make one. */
export type ThreadMessage =
  { type: 'cover'; plan: SolvedCover } | { type: 'error'; message: string; stack?: string };
