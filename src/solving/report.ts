import { explain, type Problem, type Solution } from '../scheduler/index.js';
import { reasonsInWords } from '../rota/reasons.js';
import { wordsIn } from '../time/format.js';
import { unfilledSummary, type UnfilledGroupDto } from '../rota/unfilled-summary.js';

/** What a rota run says about its solution: shifts left short with the reasons in words, and the score by rule. */
/** What the thread needs to put a solution in words: the zone, day 0's date, and each shift's placement. */
export interface ReportContext {
  timezone: string;
  firstDate: string;
  placementOf: Record<string, string>;
}

export interface RunReport {
  unfilledSummary: UnfilledGroupDto[];
  unassigned: { shiftId: string; missing: number; reasons: string[] }[];
  breakdown: { constraint: string; label: string; level: string; penalty: number; count: number }[];
}

/**
 * Who could have worked it is weighed for this many short shifts at most: each weighs every
 * practitioner against every rule (a 1-second run of 9 national weeks leaves thousands short).
 */
const EXPLAINED_SHIFTS = 300;

/**
 * Explains a solution in words. A large run's explanation weighs every practitioner against every
 * short shift (a minute of work for a 9-week national run), so it runs in the solver thread, never on
 * the HTTP event loop, and only its words cross back.
 */
export function runReport(problem: Problem, solution: Solution, context: ReportContext): RunReport {
  const explanation = explain(problem, solution.assignments, {
    ...wordsIn(context.timezone, context.firstDate),
    unfilledWithCandidates: EXPLAINED_SHIFTS,
  });
  const short = explanation.unfilled.length;
  return {
    unfilledSummary:
      solution.unfilled.length === 0
        ? []
        : unfilledSummary(problem, solution.assignments, {
            ...context,
            placementOf: (id) => context.placementOf[id]!,
            only: explanation.unfilled.slice(0, EXPLAINED_SHIFTS).map((u) => u.demandId),
          }),
    unassigned: explanation.unfilled.map((u, i) => ({
      shiftId: u.demandId,
      missing: u.missing,
      reasons:
        i < EXPLAINED_SHIFTS
          ? reasonsInWords(u)
          : [
              `${short} shifts were left short; the first ${EXPLAINED_SHIFTS} are explained here. Ask for this shift's candidates, or a cover plan, to see who could work it.`,
            ],
    })),
    breakdown: explanation.constraints
      .filter((c) => c.penalty > 0)
      .map((c) => ({
        constraint: c.name,
        label: c.label,
        level: c.level,
        penalty: c.score,
        count: c.matches.length,
      })),
  };
}
