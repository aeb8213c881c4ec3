import { compile } from './compile.js';
import type { Assignments, Instant, Problem } from './model.js';
import { useFormats } from './candidates.js';
import { recount } from './recount.js';
import type { Recount } from './recount.js';

/** Scores given assignments from scratch (no search), with the breakdown by constraint and its matches. */
export function scoreAssignments(
  problem: Problem,
  assignments: Assignments,
  options: { formatInstant?: (t: Instant) => string; formatDay?: (day: number) => string } = {},
): Recount {
  const c = compile({ ...problem, assignments });
  useFormats(c, options);
  return recount(c, c.initial, true);
}
