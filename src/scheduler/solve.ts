import { lateAcceptance, simulatedAnnealing } from './acceptance.js';
import type { Acceptor } from './acceptance.js';
import { columnGenerationStart, type ColumnGenerationStats } from './column-generation.js';
import { compile } from './compile.js';
import type { Compiled } from './compile.js';
import { construct } from './construct.js';
import type { Problem, Score, Solution, SolveOptions, SolveStats } from './model.js';
import { Moves } from './moves.js';
import { createRandom, type Random } from './random.js';
import { Deadline, LocalSearch, lexLess, noStats, restore, toScore } from './local-search.js';
import { RowMoves } from './row-moves.js';
import { compareScores } from './score.js';
import { State } from './state.js';

/** Each further run's seed is the first's plus this many times its number. */
const RUN_SEED_STEP = 7919;

/** Without any limit a solve would never end; this budget keeps a bare `solve(problem)` short. */
const DEFAULT_MAX_MOVES = 200_000;

/** The assignment of a state in the problem's ids, with the demands still short of people. */
export function toSolution(c: Compiled, assign: Int32Array, score: Score, stats: SolveStats): Solution {
  const assignments: Record<string, string[]> = {};
  const unfilled: { demandId: string; missing: number }[] = [];
  for (let d = 0; d < c.D; d++) {
    const ids: string[] = [];
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++)
      if (assign[s]! >= 0) ids.push(c.resourceIds[assign[s]!]!);
    assignments[c.demandIds[d]!] = ids;
    const missing = c.required[d]! - ids.length;
    if (missing > 0) unfilled.push({ demandId: c.demandIds[d]!, missing });
  }
  return { assignments, score, unfilled, stats };
}

/**
 * Late acceptance with a short history (20) is the default. Measured on the generated national
 * problem (360 people, 3,360 demands, seeds 1-3, search seed 1; every run hard 0, nothing unfilled),
 * soft score after the final moves (change, swap, chain, transfer):
 * - 400k moves: LAHC(20) 140,020 / 133,575 / 138,913 (mean 137,503); simulated annealing 140,902 /
 *   136,205 / 141,934 (mean 139,680): LAHC 1.6% lower.
 * - 20 s each (machine shared, so moves/s varied): LAHC 126,463 / 130,248 / 131,695 (mean 129,469),
 *   simulated annealing 132,235 / 126,047 / 133,735 (mean 130,672): LAHC 0.9% lower.
 * With the earlier move set the gap was 4.7% at 400k moves; LAHC with a history of 2,000 was 40% worse
 * than either. The margin is small, so the choice rests also on LAHC needing no temperature tuned to
 * the weights. Simulated annealing stays available as `acceptance: 'simulated-annealing'`.
 */
function acceptorFor(options: SolveOptions): Acceptor {
  return options.acceptance === 'simulated-annealing'
    ? simulatedAnnealing(options.annealing)
    : lateAcceptance(20);
}

export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  return solveCompiled(compile(problem, { forSearch: true }), options);
}

export function solveCompiled(c: Compiled, options: SolveOptions = {}): Solution {
  return searchCompiled(c, options).solution;
}

/**
 * `solveCompiled`, also handing back the state left on the solution, so a caller can try changes on it
 * (`rankCandidatesOn`) without compiling the problem and scoring the rota again.
 */
export function searchCompiled(
  c: Compiled,
  options: SolveOptions = {},
): { solution: Solution; state: State } {
  const now = options.now;
  const t0 = now ? now() : 0;
  const elapsed = (): number => (now ? now() - t0 : 0);
  const maxMoves =
    options.maxMoves ??
    (options.timeLimitMs === undefined && options.unimprovedLimit === undefined
      ? DEFAULT_MAX_MOVES
      : Infinity);
  const timeLimit = now && options.timeLimitMs !== undefined ? options.timeLimitMs : Infinity;
  const runs = Math.max(1, Math.floor(options.runs ?? 1));
  if (runs > 1) return bestOfRuns(c, options, runs, elapsed, timeLimit, maxMoves);
  const rnd = createRandom(options.seed ?? 1);
  const state = new State(c);
  const moves = new Moves(state, rnd);
  const deadline = new Deadline(options, elapsed, timeLimit);
  const rows = options.rows ? new RowMoves(moves, rnd) : undefined;
  constructRota(state, rows, rnd, options, deadline.timeUp);
  const started = rows ? startFromColumns(state, rows, options, deadline) : undefined;
  // From a dive that ended, annealing starts cooler (where asked), to improve on it rather than leave
  // it; from one cut short it has the whole way to go (Instance8 from a cut dive at 3: 19.5% above).
  const startTemperature = options.columnGeneration?.startTemperature;
  const cooler =
    started && !started.cut && startTemperature !== undefined
      ? { ...options, annealing: { ...options.annealing, startTemperature } }
      : options;
  const search = new LocalSearch(
    { c, state, moves, rows, rnd, acceptor: acceptorFor(cooler), deadline, maxMoves },
    options,
  );
  if (started) search.stats.columnGeneration = started;
  search.report(true);
  search.start();
  search.finish();
  return { solution: toSolution(c, state.assign, toScore(state.totals), search.stats), state };
}

/**
 * `runs` independent searches, each with its own seed and an equal share of the time (or moves) left,
 * and the best of them: where a search settles into one of a few basins, the best of several shorter
 * searches is more often in the good one than one long search is.
 */
function bestOfRuns(
  c: Compiled,
  options: SolveOptions,
  runs: number,
  elapsed: () => number,
  timeLimit: number,
  maxMoves: number,
): { solution: Solution; state: State } {
  let best: { solution: Solution; state: State } | undefined;
  const stats = noStats();
  for (let k = 0; k < runs; k++) {
    const start = elapsed();
    const bestSoFar = best?.solution.score;
    const run = searchCompiled(c, {
      ...options,
      runs: 1,
      seed: (options.seed ?? 1) + RUN_SEED_STEP * k,
      ...(Number.isFinite(timeLimit) ? { timeLimitMs: (timeLimit - start) / (runs - k) } : {}),
      ...(Number.isFinite(maxMoves) ? { maxMoves: Math.floor((maxMoves - stats.moves) / (runs - k)) } : {}),
      now: options.now && (() => elapsed() - start),
      onProgress:
        options.onProgress &&
        ((p) =>
          options.onProgress!({
            moves: stats.moves + p.moves,
            elapsedMs: start + p.elapsedMs,
            best: bestSoFar && compareScores(bestSoFar, p.best) < 0 ? bestSoFar : p.best,
          })),
    });
    const s = run.solution.stats;
    if (stats.movesToFeasible < 0 && s.movesToFeasible >= 0)
      stats.movesToFeasible = stats.moves + s.movesToFeasible;
    stats.moves += s.moves;
    stats.acceptedMoves += s.acceptedMoves;
    stats.improvements += s.improvements;
    stats.restarts += s.restarts;
    stats.stoppedBy = s.stoppedBy;
    if (!best || compareScores(run.solution.score, best.solution.score) < 0) best = run;
    if (s.stoppedBy === 'cancelled' || s.stoppedBy === 'feasible' || s.stoppedBy === 'nothing-to-do') break;
  }
  stats.elapsedMs = elapsed();
  return { solution: { ...best!.solution, stats }, state: best!.state };
}

/**
 * The built rota replaced by column generation's (`options.columnGeneration`), where it applies and
 * ends no worse; undefined where the built rota stays. The built rota is reported first: a caller
 * waits for a feasible rota, not for the dives.
 */
function startFromColumns(
  state: State,
  rows: RowMoves,
  options: SolveOptions,
  deadline: Deadline,
): ColumnGenerationStats | undefined {
  const exact = options.columnGeneration;
  if (!exact || !rows.planner || deadline.timeUp()) return undefined;
  options.onProgress?.({ best: toScore(state.totals), elapsedMs: deadline.elapsed(), moves: 0 });
  const built = state.assign.slice();
  const builtTotals = state.totals.slice();
  const share = exact.share ?? 0.5;
  // The root master has half the share to settle (or come within 1% of its bound), else the search
  // goes on from the built rota.
  const started = columnGenerationStart(
    state,
    rows,
    exact.solver,
    () => deadline.timeUp() || deadline.elapsed() >= share * deadline.timeLimit,
    () => deadline.timeUp() || deadline.elapsed() >= (share / 2) * deadline.timeLimit,
  );
  if (!started) return undefined;
  if (state.totals[0]! > 0) rows.repair(options.rows?.repairMoves ?? 0, deadline.timeUp);
  if (!lexLess(builtTotals, state.totals)) return started;
  restore(state, built);
  return undefined;
}

/** The starting rota: rows built whole (when asked), the rest filled slot by slot, broken rows repaired. */
function constructRota(
  state: State,
  rows: RowMoves | undefined,
  rnd: Random,
  options: SolveOptions,
  timeUp: () => boolean,
): void {
  if (rows && options.rows?.construct) rows.construct(timeUp);
  construct(
    state,
    timeUp,
    options.constructionCandidates ? { size: options.constructionCandidates, rnd } : undefined,
  );
  const repairMoves = options.rows?.repairMoves ?? 0;
  if (rows && repairMoves > 0) rows.repair(repairMoves, timeUp);
}
