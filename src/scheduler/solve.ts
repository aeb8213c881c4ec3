import { lateAcceptance, simulatedAnnealing } from './acceptance.js';
import type { Acceptor } from './acceptance.js';
import { compile } from './compile.js';
import type { Compiled } from './compile.js';
import { construct } from './construct.js';
import type { Problem, Score, Solution, SolveOptions, SolveStats } from './model.js';
import { Moves } from './moves.js';
import { createRandom } from './random.js';
import { RowMoves } from './row-moves.js';
import { State } from './state.js';

/** Without any limit a solve would never end; this budget keeps a bare `solve(problem)` short. */
const DEFAULT_MAX_MOVES = 200_000;

function lexLess(a: Float64Array, b: Float64Array): boolean {
  return a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)));
}

function toScore(t: Float64Array): Score {
  return { hard: t[0]!, medium: t[1]!, soft: t[2]! };
}

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
  const now = options.now;
  const t0 = now ? now() : 0;
  const elapsed = (): number => (now ? now() - t0 : 0);
  const maxMoves =
    options.maxMoves ??
    (options.timeLimitMs === undefined && options.unimprovedLimit === undefined
      ? DEFAULT_MAX_MOVES
      : Infinity);
  const timeLimit = now && options.timeLimitMs !== undefined ? options.timeLimitMs : Infinity;
  const unimprovedLimit = options.unimprovedLimit ?? Infinity;
  const progressEvery = options.progressEveryMs ?? 250;
  const rnd = createRandom(options.seed ?? 1);
  const state = new State(c);
  const moves = new Moves(state, rnd);
  const stats: SolveStats = {
    moves: 0,
    acceptedMoves: 0,
    improvements: 0,
    restarts: 0,
    elapsedMs: 0,
    movesToFeasible: -1,
    stoppedBy: 'moves',
  };
  let cancelled = false;
  const timeUp = (): boolean => {
    if (options.shouldStop?.()) cancelled = true;
    return cancelled || elapsed() >= timeLimit;
  };

  const rowOptions = options.rows;
  const rows = rowOptions ? new RowMoves(moves, rnd) : undefined;
  if (rows && rowOptions?.construct) rows.construct(timeUp);
  construct(
    state,
    timeUp,
    options.constructionCandidates ? { size: options.constructionCandidates, rnd } : undefined,
  );
  const repairMoves = rowOptions?.repairMoves ?? 0;
  if (rows && repairMoves > 0) rows.repair(repairMoves, timeUp);
  const best = Float64Array.from(state.totals);
  const bestAssign = Int32Array.from(state.assign);
  const current = Float64Array.from(state.totals);
  if (best[0] === 0) stats.movesToFeasible = 0;
  let lastProgress = -Infinity;
  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    const ms = elapsed();
    if (!force && ms - lastProgress < progressEvery) return;
    lastProgress = ms;
    options.onProgress({ best: toScore(best), elapsedMs: ms, moves: stats.moves });
  };
  report(true);

  const acceptor = acceptorFor(options);
  acceptor.reset(current);
  const stuckLimit = Math.max(20_000, moves.movableCount * 20);
  const blockShare = options.blockMoves ?? 0;
  const rowShare = blockShare + (rows ? (rowOptions?.moves ?? 0) : 0);
  let sinceFeasible = 0;
  let sinceBest = 0;
  let sinceKick = 0;
  const feasibleEnough = (): boolean => options.stopWhenFeasible === true && best[0] === 0 && best[1] === 0;

  if (moves.movableCount === 0) stats.stoppedBy = 'nothing-to-do';
  else if (feasibleEnough()) stats.stoppedBy = 'feasible';
  else if (cancelled) stats.stoppedBy = 'cancelled';
  else
    for (;;) {
      if (stats.moves >= maxMoves) {
        stats.stoppedBy = 'moves';
        break;
      }
      if (sinceBest >= unimprovedLimit) {
        stats.stoppedBy = 'unimproved';
        break;
      }
      if ((stats.moves & 255) === 0) {
        if (timeUp()) {
          stats.stoppedBy = cancelled ? 'cancelled' : 'time';
          break;
        }
        report(false);
      }
      stats.moves++;
      sinceBest++;
      sinceKick++;
      sinceFeasible = current[0] === 0 ? 0 : sinceFeasible + 1;
      if (rows && repairMoves > 0 && sinceFeasible >= stuckLimit) {
        // Stuck infeasible: repair the rows that break a rule one by one rather than wait.
        moves.commit();
        rows.repair(repairMoves, timeUp);
        current.set(state.totals);
        acceptor.reset(current);
        sinceFeasible = 0;
        if (lexLess(current, best)) {
          best.set(current);
          bestAssign.set(state.assign);
        }
        continue;
      }
      if (sinceKick >= stuckLimit && sinceBest >= stuckLimit) {
        // Stuck: go back to the best and shake it, rather than wander further from it.
        restore(state, bestAssign);
        moves.kick(8 + rnd.int(8));
        current.set(state.totals);
        acceptor.reset(current);
        stats.restarts++;
        sinceKick = 0;
        continue;
      }
      const x = rnd.next();
      const applied =
        x < blockShare
          ? moves.swapBlock()
          : x < rowShare
            ? rows!.any(rowOptions?.relocate ?? 0.3)
            : x < 0.4
              ? moves.change()
              : x < 0.6
                ? moves.swap()
                : x < 0.8
                  ? moves.chain()
                  : moves.transfer();
      if (!applied || moves.undo.length === 0) {
        moves.commit();
        continue;
      }
      const progress = Number.isFinite(maxMoves)
        ? stats.moves / maxMoves
        : Number.isFinite(timeLimit)
          ? elapsed() / timeLimit
          : (stats.moves % 200_000) / 200_000;
      if (!acceptor.accept(current, state.totals, progress, rnd)) {
        moves.rollback();
        continue;
      }
      moves.commit();
      stats.acceptedMoves++;
      current.set(state.totals);
      if (lexLess(current, best)) {
        best.set(current);
        bestAssign.set(state.assign);
        stats.improvements++;
        sinceBest = 0;
        if (best[0] === 0 && stats.movesToFeasible < 0) stats.movesToFeasible = stats.moves;
        if (feasibleEnough()) {
          stats.stoppedBy = 'feasible';
          break;
        }
      }
    }
  restore(state, bestAssign);
  if (rows && repairMoves > 0 && state.totals[0]! > 0) {
    // Last resort before giving up feasibility: a longer repair of the best rows found.
    rows.repair(4 * repairMoves, () => false);
    if (!lexLess(state.totals, best)) restore(state, bestAssign);
  }
  stats.elapsedMs = elapsed();
  report(true);
  return toSolution(c, state.assign, toScore(state.totals), stats);
}

function restore(state: State, assign: Int32Array): void {
  for (let s = 0; s < assign.length; s++) if (state.assign[s] !== assign[s]) state.setSlot(s, -1);
  for (let s = 0; s < assign.length; s++) if (state.assign[s] !== assign[s]) state.setSlot(s, assign[s]!);
}
