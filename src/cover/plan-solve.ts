import {
  compile,
  groupUnfilled,
  rankCandidatesOn,
  recompileSlots,
  searchCompiled,
  type Compiled,
  type Problem,
  type Solution,
  type State,
} from '../scheduler/index.js';
import { candidateView, reasonsInWords, type CandidateView } from '../rota/reasons.js';
import { summariseGroups, type UnfilledGroupDto } from '../rota/unfilled-summary.js';
import { wordsIn } from '../time/format.js';

/**
 * A cover plan made from its repair problem: the two-stage solve, what it changes and the words that
 * explain it. Pure (the clock is passed in), so it runs whole in the warm solver thread: the problem
 * crosses to the thread once, and the ranking of every practitioner for every target (hundreds of
 * milliseconds) never holds the HTTP event loop.
 */

export interface CoverPlanBody {
  assignments: { shiftId: string; practitionerId: string; name: string }[];
  alternatives: { shiftId: string; candidates: CandidateView[] }[];
  uncovered: { shiftId: string; reasons: string[] }[];
  uncoveredSummary: UnfilledGroupDto[];
  changes: { shiftId: string; removed: string[]; added: string[] }[];
  score: { hard: number; medium: number; soft: number };
  movedOthers: boolean;
  solveMs: number;
}

/** What the thread needs to put a plan in words: the zone, day 0's date, and each shift's placement. */
export interface CoverWords {
  timezone: string;
  firstDate: string;
  placementOf: Record<string, string>;
}

export interface SolvedCover {
  body: Omit<CoverPlanBody, 'solveMs'>;
  /** 2 when the targets alone left shifts short and others' shifts were allowed to move. */
  stages: 1 | 2;
  /** Compiling the problem and both stages' searches. */
  solveMs: number;
  /** Ranking every target's alternatives and putting the plan in words. */
  explainMs: number;
  /** Parts of `solveMs`: the one compile, and each stage's construction and search. */
  compileMs: number;
  stageMs: number[];
}

const ALTERNATIVES = 3;

/**
 * How long the solver may search for one plan, both stages together: a coordinator waits for it. A
 * repair is small, so construction and a short search settle it; a stage stops sooner once it stops
 * finding better. The first stage gets at most part of the budget, so a plan that needs the second
 * (others' shifts may move) still has time for it. Before the budget, that plan paid two full searches
 * (0.5 s and 0.8 s limits, 20,000 unimproved moves each) and two reads of the rota.
 */
const SOLVE_BUDGET_MS = 650;
const FIRST_STAGE_MS = 300;
/**
 * Below this, a second stage on a loaded machine would end before it could move anyone: on 11 national
 * problems that needed one (load 5-7), 100 ms left one target short that 200 ms covered, and every one
 * came out the same at 200 ms as at 650 ms.
 */
const SECOND_STAGE_MIN_MS = 200;
/**
 * Kept from the plan's deadline for ranking the alternatives and the words (10-60 ms for a plan that
 * covers everything on a quiet machine, 100 ms or more with a shift nobody can take or under load).
 */
const EXPLAIN_RESERVE_MS = 100;
/**
 * Moves without a better plan before a stage stops. On 130 plans of the national bench, the targets
 * alone came out the same after 2,000 as after 5,000 (20,000 found a slightly better trade of people
 * between targets in 3 of 20, 22-24 soft points, all covered either way); moving others came out the
 * same after 5,000 as after 20,000 in all 8 that needed it, while 2,000 left one short.
 */
const UNIMPROVED_MOVES = { targets: 2_000, others: 5_000 };

/**
 * A joint plan for all the shifts an absence uncovered: first with everything else fixed; only if that
 * leaves shifts short, again allowing other not-yet-started unlocked shifts to move, at a high price
 * per change so the published rota changes as little as it can.
 */
export function solveCoverPlan(
  narrow: Problem,
  words: CoverWords,
  clock: () => number,
  /** When, by `clock`, the coordinator should have the plan: a second stage gets only what is left. */
  answerBy = Infinity,
): SolvedCover {
  const started = clock();
  const { problem, solution, state, movedOthers, stages, compileMs, stageMs } = solveCover(
    narrow,
    clock,
    answerBy - EXPLAIN_RESERVE_MS,
  );
  const solved = clock();
  const targetIds = new Set(narrow.solveOnly ?? []);
  const body = {
    ...planChanges(problem, solution, targetIds),
    ...explainCover(state, problem, solution, targetIds, words),
    score: solution.score,
    movedOthers,
  };
  return {
    body,
    stages,
    solveMs: Math.round(solved - started),
    explainMs: Math.round(clock() - solved),
    compileMs,
    stageMs,
  };
}

/**
 * The repair: the targets alone first; others may move only when that leaves fewer people short. The
 * problem is compiled once: the second stage shares its facts and only frees others' slots
 * (`recompileSlots`), and the alternatives are ranked on the state the chosen stage ended in. Compiling
 * (eligibility of every practitioner for every shift above all) had been done three times a plan and
 * was two thirds of the thread's time on the national bench. Starting the second stage from the first
 * stage's plan was tried: no faster, a worse plan on 3 of 8 and a better one on 2.
 */
function solveCover(narrow: Problem, clock: () => number, searchBy: number) {
  const started = clock();
  const compiled = compile(narrow, { forSearch: true });
  const compileMs = Math.round(clock() - started);
  const stageMs: number[] = [];
  const repair = (c: Compiled, timeLimitMs: number, unimprovedLimit: number) => {
    const t = clock();
    const result = searchCompiled(c, { seed: 7, timeLimitMs, unimprovedLimit, now: clock });
    stageMs.push(Math.round(clock() - t));
    return result;
  };
  const first = repair(compiled, FIRST_STAGE_MS, UNIMPROVED_MOVES.targets);
  const targetIds = new Set(narrow.solveOnly ?? []);
  const short = (s: Solution) =>
    s.unfilled.filter((u) => targetIds.has(u.demandId)).reduce((n, u) => n + u.missing, 0);
  const narrowPlan = { problem: narrow, ...first, movedOthers: false, compileMs, stageMs };
  if (short(first.solution) === 0) return { ...narrowPlan, stages: 1 as const };
  const wide: Problem = { ...narrow, allowMovingOthers: true };
  // The budget, or less when reading the rota and handing it over took much of the plan's time.
  const left = Math.min(SOLVE_BUDGET_MS - (clock() - started), searchBy - clock());
  const wider = repair(
    recompileSlots(compiled, wide, { forSearch: true }),
    Math.max(left, SECOND_STAGE_MIN_MS),
    UNIMPROVED_MOVES.others,
  );
  return wider.solution.score.hard === 0 && short(wider.solution) < short(first.solution)
    ? { problem: wide, ...wider, movedOthers: true, compileMs, stageMs, stages: 2 as const }
    : { ...narrowPlan, stages: 2 as const };
}

/** Who the plan puts on each target, and what it changes elsewhere to make that possible. */
function planChanges(problem: Problem, solution: Solution, targetIds: Set<string>) {
  const names = new Map(problem.resources.map((r) => [r.id, r.name ?? r.id]));
  const assignments: CoverPlanBody['assignments'] = [];
  const changes: CoverPlanBody['changes'] = [];
  for (const d of problem.demands) {
    const was = new Set(d.published ?? []);
    const after = solution.assignments[d.id] ?? [];
    const added = after.filter((p) => !was.has(p));
    const removed = [...was].filter((p) => !after.includes(p));
    if (targetIds.has(d.id)) {
      for (const p of added) assignments.push({ shiftId: d.id, practitionerId: p, name: names.get(p) ?? p });
    } else if (added.length || removed.length) {
      changes.push({ shiftId: d.id, removed, added });
    }
  }
  return { assignments, changes };
}

/** The next best people for each target, and for those no one can take, who was considered and why not. */
function explainCover(
  state: State,
  problem: Problem,
  solution: Solution,
  targetIds: Set<string>,
  words: CoverWords,
) {
  // One compiled state for all targets: a covered shift needs only its next best (the allowed: only
  // people no standing rule rules out are tried); a shift no one can take needs everyone, and why not.
  const short = new Map(solution.unfilled.map((u) => [u.demandId, u.missing]));
  const inWords = wordsIn(words.timezone, words.firstDate);
  const ranked = rankCandidatesOn(
    state,
    [...targetIds].map((demandId) =>
      short.has(demandId) ? { demandId } : { demandId, allowedOnly: true, limit: ALTERNATIVES },
    ),
    inWords,
  );
  const labels = new Map(problem.demands.map((d) => [d.id, d.label ?? d.id]));
  const uncovered: CoverPlanBody['uncovered'] = [];
  const alternatives: CoverPlanBody['alternatives'] = [];
  for (const [shiftId, candidates] of ranked) {
    const missing = short.get(shiftId);
    if (missing)
      uncovered.push({
        shiftId,
        reasons: reasonsInWords({ demandId: shiftId, label: labels.get(shiftId)!, missing, candidates }),
      });
    alternatives.push({
      shiftId,
      candidates: candidates
        .filter((c) => c.allowed)
        .slice(0, ALTERNATIVES)
        .map(candidateView),
    });
  }
  // Grouped on the same state too: only the copies with one rule relaxed for one person are compiled.
  const uncoveredSummary =
    uncovered.length === 0
      ? []
      : summariseGroups(
          problem,
          groupUnfilled(problem, solution.assignments, {
            ...inWords,
            only: uncovered.map((u) => u.shiftId),
            state,
            tried: new Map(uncovered.map((u) => [u.shiftId, ranked.get(u.shiftId)!])),
          }),
          (id) => words.placementOf[id]!,
        );
  return { uncovered, alternatives, uncoveredSummary };
}
