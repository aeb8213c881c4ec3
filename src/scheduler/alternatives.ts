import {
  stateFor,
  tryAssignment,
  useFormats,
  type CandidateReport,
  type ExplainOptions,
} from './candidates.js';
import type { Assignments, Problem } from './model.js';
import { compareScores } from './score.js';
import type { State } from './state.js';
import type { Compiled } from './compile.js';
import { constraintIndex } from './constraints/index.js';

/** The rules behind `Compiled.eligible`: while all of them bite, nobody outside the list is allowed. */
const STANDING = (['absence', 'region', 'skill', 'gender', 'exclusion'] as const).map(constraintIndex);
const standingRulesOn = (c: Compiled): boolean => STANDING.every((i) => c.weights[i]! > 0);

type Request = { demandId: string; replacing?: string; allowedOnly?: boolean; limit?: number };

type RankOptions = ExplainOptions & {
  limit?: number;
  allowedOnly?: boolean;
  /**
   * Answer "could anyone take it?" fast: try the resources no standing rule rules out first and, at
   * the first one allowed, report only them; every resource is ranked only when nobody is allowed.
   */
  stopAtAllowed?: boolean;
};

/**
 * `rankCandidates` for many demands at once, over one compiled state: who else could take each demand
 * (in place of its first person when it is full, in an empty slot otherwise), best first. Cover plans
 * and the resilience view ask this for many shifts; compiling once per shift would dominate their time.
 */
export function rankCandidatesMany(
  problem: Problem,
  assignments: Assignments,
  /** Per request, `allowedOnly` and `limit` may differ from the options' (one compiled state for all). */
  requests: readonly Request[],
  options: RankOptions = {},
): Map<string, CandidateReport[]> {
  return rankCandidatesOn(stateFor(problem, assignments, options), requests, options);
}

/**
 * `rankCandidatesMany` on a state the caller already has (the one a solve left on its solution): no
 * compile, no full scoring. The formatters of `options`, when given, are set on the state's problem.
 */
export function rankCandidatesOn(
  state: State,
  requests: readonly Request[],
  options: RankOptions = {},
): Map<string, CandidateReport[]> {
  useFormats(state.c, options);
  const c = state.c;
  const index = new Map(c.demandIds.map((id, i) => [id, i]));
  const out = new Map<string, CandidateReport[]>();
  for (const request of requests) {
    const { demandId, replacing } = request;
    const allowedOnly = request.allowedOnly ?? options.allowedOnly;
    const limit = request.limit ?? options.limit;
    const d = index.get(demandId);
    if (d === undefined) throw new Error(`unknown demand ${demandId}`);
    const on = state.peopleOf(d);
    const full = on.length >= c.slotStart[d + 1]! - c.slotStart[d]!;
    const victim = replacing !== undefined ? c.resourceIds.indexOf(replacing) : full ? (on[0] ?? -1) : -1;
    if (options.stopAtAllowed) {
      const first = firstAllowed(state, d, on, victim);
      if (first) {
        out.set(demandId, [first]);
        continue;
      }
    }
    const reports: CandidateReport[] = [];
    // Only the allowed wanted: those a standing rule rules out need not be tried (12-56 of 360 people
    // are eligible for a national shift; trying all 360 was most of a cover plan's explaining).
    const pool = allowedOnly && standingRulesOn(c) ? c.eligible[d]! : undefined;
    for (let k = 0; k < (pool ? pool.length : c.R); k++) {
      const r = pool ? pool[k]! : k;
      if (on.includes(r)) continue;
      const report = tryAssignment(state, d, r, victim);
      if (!allowedOnly || report.allowed) reports.push(report);
    }
    reports.sort(
      (a, b) =>
        Number(b.allowed) - Number(a.allowed) ||
        compareScores(a.delta, b.delta) ||
        a.resourceId.localeCompare(b.resourceId),
    );
    out.set(demandId, limit === undefined ? reports : reports.slice(0, limit));
  }
  return out;
}

function firstAllowed(state: State, d: number, on: number[], victim: number): CandidateReport | undefined {
  for (const r of state.c.eligible[d]!) {
    if (on.includes(r)) continue;
    const report = tryAssignment(state, d, r, victim);
    if (report.allowed) return report;
  }
  return undefined;
}
