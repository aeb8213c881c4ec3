import type { CandidateReport, ExplainOptions } from './candidates.js';
import { candidatesFor, stateFor } from './candidates.js';
import type { Assignments, Problem, Score } from './model.js';
import type { ConstraintBreakdown } from './recount.js';
import { recount } from './recount.js';

export interface UnfilledExplanation {
  demandId: string;
  label: string;
  missing: number;
  /** Every resource considered, allowed first; for the others, the rules each would break. */
  candidates: CandidateReport[];
}

export interface Explanation {
  score: Score;
  /** One entry per constraint, in `CONSTRAINTS` order, with its matches in words. */
  constraints: ConstraintBreakdown[];
  unfilled: UnfilledExplanation[];
}

/**
 * Why a solution scores what it does: the score by constraint with every match, and for each demand
 * short of people, who was considered and what each would break.
 */
export function explain(
  problem: Problem,
  assignments: Assignments,
  options: ExplainOptions & {
    candidatesPerDemand?: number;
    /** Weigh candidates for at most this many short demands (the first by order); the rest get none. */
    unfilledWithCandidates?: number;
  } = {},
): Explanation {
  const state = stateFor(problem, assignments, options);
  const c = state.c;
  const { score, constraints } = recount(c, state.assign, true);
  const unfilled: UnfilledExplanation[] = [];
  for (let d = 0; d < c.D; d++) {
    const missing = c.required[d]! - state.headcount(d);
    if (missing <= 0) continue;
    const weighed = unfilled.length < (options.unfilledWithCandidates ?? Infinity);
    const candidates = weighed ? candidatesFor(state, d) : [];
    unfilled.push({
      demandId: c.demandIds[d]!,
      label: c.demandLabels[d]!,
      missing,
      candidates:
        options.candidatesPerDemand === undefined
          ? candidates
          : candidates.slice(0, options.candidatesPerDemand),
    });
  }
  return { score, constraints, unfilled };
}
