import { compile } from './compile.js';
import type { Assignments, Problem } from './model.js';
import { recount } from './recount.js';
import type { Recount } from './recount.js';

/** Scores given assignments from scratch (no search), with the breakdown by constraint and its matches. */
export function scoreAssignments(problem: Problem, assignments: Assignments): Recount {
  const c = compile({ ...problem, assignments });
  return recount(c, c.initial, true);
}
