import type { Acceptor } from './acceptance.js';
import type { Compiled } from './compile.js';
import type { Score, SolveOptions, SolveStats } from './model.js';
import type { Moves } from './moves.js';
import type { Random } from './random.js';
import type { RowMoves } from './row-moves.js';
import type { State } from './state.js';

export function lexLess(a: Float64Array, b: Float64Array): boolean {
  return a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)));
}

export function toScore(t: Float64Array): Score {
  return { hard: t[0]!, medium: t[1]!, soft: t[2]! };
}

export function restore(state: State, assign: Int32Array): void {
  for (let s = 0; s < assign.length; s++) if (state.assign[s] !== assign[s]) state.setSlot(s, -1);
  for (let s = 0; s < assign.length; s++) if (state.assign[s] !== assign[s]) state.setSlot(s, assign[s]!);
}

/** The stats of a search that has not moved yet. */
export function noStats(): SolveStats {
  return {
    moves: 0,
    acceptedMoves: 0,
    improvements: 0,
    restarts: 0,
    elapsedMs: 0,
    movesToFeasible: -1,
    stoppedBy: 'moves',
  };
}

/** The solve's clock and stop request: `timeUp` is handed to long steps so they end in time too. */
export class Deadline {
  cancelled = false;
  constructor(
    private readonly options: SolveOptions,
    readonly elapsed: () => number,
    readonly timeLimit: number,
  ) {}

  readonly timeUp = (): boolean => {
    if (this.options.shouldStop?.()) this.cancelled = true;
    return this.cancelled || this.elapsed() >= this.timeLimit;
  };
}

/** What the search works on: the state with its moves, and the row moves when they are on. */
export interface SearchParts {
  readonly c: Compiled;
  readonly state: State;
  readonly moves: Moves;
  readonly rows: RowMoves | undefined;
  readonly rnd: Random;
  readonly acceptor: Acceptor;
  readonly deadline: Deadline;
  readonly maxMoves: number;
}

/**
 * The core's local search from the constructed state: mixed moves judged by the acceptor, a row repair
 * when stuck infeasible, and a kick from the best when stuck altogether. The best is kept in `best`.
 */
export class LocalSearch {
  readonly stats: SolveStats = noStats();
  readonly best: Float64Array;
  readonly bestAssign: Int32Array;
  private readonly current: Float64Array;
  /** The totals of a move judged without being made. */
  private readonly candidate = new Float64Array(3);
  private sinceBest = 0;
  private lastProgress = -Infinity;
  /** The clock's reading at the last check (every 256 moves): reading it at every move cost a few percent. */
  private clock = 0;
  private readonly progressEvery: number;
  private readonly unimprovedLimit: number;
  private readonly stuckLimit: number;
  private readonly repairMoves: number;
  private readonly blockShare: number;
  private readonly rowShare: number;
  private readonly relocate: number;
  private readonly fill: number;
  private readonly request: number;
  private readonly replan: number;
  /**
   * Late acceptance needs kicks from the best to leave a plateau; annealing does not, and going back
   * to the best every 20 moves a slot undid its exploration (Curtois Instances 5, 7, 8, 9, 11, 12,
   * seeds 1-2 at 300k moves: mean gap 81.0% with kicks, 60.8% without).
   */
  private readonly kicks: boolean;

  constructor(
    private readonly p: SearchParts,
    private readonly options: SolveOptions,
  ) {
    const { state, moves, rows } = p;
    this.progressEvery = options.progressEveryMs ?? 250;
    this.unimprovedLimit = options.unimprovedLimit ?? Infinity;
    this.repairMoves = options.rows?.repairMoves ?? 0;
    this.best = Float64Array.from(state.totals);
    this.bestAssign = Int32Array.from(state.assign);
    this.current = Float64Array.from(state.totals);
    if (this.best[0] === 0) this.stats.movesToFeasible = 0;
    this.stuckLimit = Math.max(20_000, moves.movableCount * 20);
    this.blockShare = options.blockMoves ?? 0;
    this.rowShare = this.blockShare + (rows ? (options.rows?.moves ?? 0) : 0);
    this.relocate = options.rows?.relocate ?? 0.3;
    this.fill = options.rows?.fill ?? 0;
    this.request = options.rows?.request ?? 0;
    const replan = options.rows?.replan ?? 0;
    this.replan = rows?.planner?.whole === false ? (options.rows?.replanWindows ?? replan) : replan;
    this.kicks = options.acceptance !== 'simulated-annealing';
  }

  report(force: boolean): void {
    if (!this.options.onProgress) return;
    const ms = this.p.deadline.elapsed();
    if (!force && ms - this.lastProgress < this.progressEvery) return;
    this.lastProgress = ms;
    this.options.onProgress({ best: toScore(this.best), elapsedMs: ms, moves: this.stats.moves });
  }

  /** Searches unless there is nothing to do, the start is good enough or the solve was cancelled. */
  start(): void {
    const { stats } = this;
    this.p.acceptor.reset(this.current);
    if (this.p.moves.movableCount === 0) stats.stoppedBy = 'nothing-to-do';
    else if (this.feasibleEnough()) stats.stoppedBy = 'feasible';
    else if (this.p.deadline.cancelled) stats.stoppedBy = 'cancelled';
    else this.run();
  }

  private run(): void {
    const { stats, current, stuckLimit, unimprovedLimit } = this;
    const { state, moves, rnd, acceptor, deadline, maxMoves } = this.p;
    const repairing = this.p.rows !== undefined && this.repairMoves > 0;
    let sinceFeasible = 0;
    let sinceKick = 0;
    for (;;) {
      if (stats.moves >= maxMoves) {
        stats.stoppedBy = 'moves';
        break;
      }
      if (this.sinceBest >= unimprovedLimit) {
        stats.stoppedBy = 'unimproved';
        break;
      }
      if ((stats.moves & 255) === 0) {
        this.clock = deadline.elapsed();
        if (deadline.timeUp() || this.leaveTimeToRepair() || this.leaveTimeToPolish()) {
          stats.stoppedBy = deadline.cancelled ? 'cancelled' : 'time';
          break;
        }
        this.report(false);
      }
      stats.moves++;
      this.sinceBest++;
      sinceKick++;
      sinceFeasible = current[0] === 0 ? 0 : sinceFeasible + 1;
      if (repairing && sinceFeasible >= stuckLimit) {
        this.repairStuckRows();
        sinceFeasible = 0;
        continue;
      }
      if (this.kicks && sinceKick >= stuckLimit && this.sinceBest >= stuckLimit) {
        this.kickFromBest();
        sinceKick = 0;
        continue;
      }
      moves.defer();
      const moved = moves.undefer(this.randomMove());
      // A proposed move is judged without being made, and made only when kept.
      if (moves.judge(this.candidate)) {
        const keep = acceptor.accept(current, this.candidate, this.progress(), rnd);
        moves.settle(keep);
        if (keep && this.kept()) break;
        continue;
      }
      moves.makeProposed();
      if (!moved || moves.changes === 0) {
        moves.commit();
        continue;
      }
      if (!acceptor.accept(current, state.totals, this.progress(), rnd)) {
        moves.rollback();
        continue;
      }
      moves.commit();
      if (this.kept()) break;
    }
  }

  /** A move was kept: the current score, and the best when better. True when the search should stop. */
  private kept(): boolean {
    const { stats, current, best } = this;
    stats.acceptedMoves++;
    current.set(this.p.state.totals);
    if (!lexLess(current, best)) return false;
    this.keepBest();
    this.sinceBest = 0;
    if (!this.feasibleEnough()) return false;
    stats.stoppedBy = 'feasible';
    return true;
  }

  /** Back to the best, with a last, longer row repair when it is still infeasible and time allows. */
  finish(): void {
    const { state, rows, deadline } = this.p;
    restore(state, this.bestAssign);
    if (this.options.rows?.polish && rows?.planner && state.totals[0] === 0) this.polish();
    if (rows && this.repairMoves > 0 && state.totals[0]! > 0) {
      // With a time limit, rounds go on while time is left (Instance22 at 60 s: one round left a broken
      // rule and 4 s unused); without one, a single round.
      const timed = Number.isFinite(deadline.timeLimit);
      do {
        rows.repair(4 * this.repairMoves, deadline.timeUp);
        if (lexLess(state.totals, this.best)) {
          this.best.set(state.totals);
          this.bestAssign.set(state.assign);
        }
      } while (timed && state.conflicted.size > 0 && !deadline.timeUp());
      restore(state, this.bestAssign);
    }
    this.stats.elapsedMs = deadline.elapsed();
    this.report(true);
  }

  /**
   * Each person's row in turn becomes their best against everyone else's (`RowMoves.replan`), kept when
   * the rota's score improves, until a round improves nothing: the annealing's cold end leaves rows
   * that one person alone could still better (Curtois Instance16: weekends half worked).
   */
  private polish(): void {
    const { state, moves, rows, rnd, deadline } = this.p;
    const judged = this.candidate;
    const before = new Float64Array(3);
    for (let improved = true; improved && !deadline.cancelled;) {
      improved = false;
      const plans = this.plans();
      const first = rnd.int(plans.length / 2);
      for (let i = 0; i < plans.length / 2 && !deadline.timeUp(); i++) {
        const k = 2 * ((first + i) % (plans.length / 2));
        before.set(state.totals);
        moves.defer();
        const moved = moves.undefer(rows!.replan(plans[k]!, plans[k + 1]!));
        let keep: boolean;
        if (moves.judge(judged)) {
          keep = lexLess(judged, before);
          moves.settle(keep);
        } else {
          moves.makeProposed();
          keep = moved && lexLess(state.totals, before);
          if (keep) moves.commit();
          else moves.rollback();
        }
        improved ||= keep;
      }
    }
    if (lexLess(state.totals, this.best)) {
      this.best.set(state.totals);
      this.bestAssign.set(state.assign);
    }
  }

  /**
   * The polish's plans as (person, first day) pairs: each whole row, or each row's windows of weeks,
   * overlapping by half a window so that no week is only ever planned at a window's edge.
   */
  private plans(): Int32Array {
    const planner = this.p.rows!.planner!;
    const H = this.p.state.c.H;
    const out: number[] = [];
    for (const r of planner.people) {
      const span = planner.windowDays[r]!;
      if (span >= H) out.push(r, 0);
      else {
        const stride = 7 * Math.max(1, Math.floor(span / 14));
        for (let a = 0; a < H; a += stride) {
          out.push(r, a);
          if (a + span >= H) break;
        }
      }
    }
    return Int32Array.from(out);
  }

  /**
   * A timed search that polishes its rows stops at 95% of its limit and leaves the rest to the polish
   * (Instance13 at 60 s: a round of 120 rows planned took 5.5 s beyond the limit).
   */
  private leaveTimeToPolish(): boolean {
    const { rows, deadline } = this.p;
    return (
      this.options.rows?.polish === true &&
      rows?.planner !== undefined &&
      this.best[0] === 0 &&
      deadline.elapsed() >= 0.95 * deadline.timeLimit
    );
  }

  /**
   * A search that still breaks a rule near its time limit stops at 90% of it, so the last row repair
   * of its best rota gets the rest (Instance22 at 20 s ended with 17 broken rules and no time left).
   */
  private leaveTimeToRepair(): boolean {
    const { rows, deadline } = this.p;
    return (
      rows !== undefined &&
      this.repairMoves > 0 &&
      this.best[0]! > 0 &&
      deadline.elapsed() >= 0.9 * deadline.timeLimit
    );
  }

  private feasibleEnough(): boolean {
    return this.options.stopWhenFeasible === true && this.best[0] === 0 && this.best[1] === 0;
  }

  private randomMove(): boolean {
    const { moves, rnd, rows } = this.p;
    const planner = rows?.planner;
    if (this.replan > 0 && planner && planner.work <= this.replan * this.stats.moves)
      return rows!.replan(planner.people[rnd.int(planner.people.length)]!);
    const x = rnd.next();
    return x < this.blockShare
      ? moves.swapBlock()
      : x < this.rowShare
        ? this.p.rows!.any(this.relocate, this.fill, this.request)
        : x < 0.4
          ? moves.change()
          : x < 0.6
            ? moves.swap()
            : x < 0.8
              ? moves.chain()
              : moves.transfer();
  }

  /** How far through the budget the search is, 0..1, for the acceptor's schedule. */
  private progress(): number {
    const { maxMoves, deadline } = this.p;
    const { timeLimit } = deadline;
    return Number.isFinite(maxMoves)
      ? this.stats.moves / maxMoves
      : Number.isFinite(timeLimit)
        ? this.clock / timeLimit
        : (this.stats.moves % 200_000) / 200_000;
  }

  private keepBest(): void {
    const { stats } = this;
    this.best.set(this.current);
    this.bestAssign.set(this.p.state.assign);
    stats.improvements++;
    if (this.best[0] === 0 && stats.movesToFeasible < 0) stats.movesToFeasible = stats.moves;
  }

  /** Stuck infeasible: repair the rows that break a rule one by one rather than wait. */
  private repairStuckRows(): void {
    const { moves, rows, state, acceptor, deadline } = this.p;
    moves.commit();
    rows!.repair(this.repairMoves, deadline.timeUp);
    this.current.set(state.totals);
    acceptor.reset(this.current);
    if (lexLess(this.current, this.best)) {
      this.best.set(this.current);
      this.bestAssign.set(state.assign);
    }
  }

  /** Stuck: go back to the best and shake it, rather than wander further from it. */
  private kickFromBest(): void {
    const { moves, state, acceptor, rnd } = this.p;
    restore(state, this.bestAssign);
    moves.kick(8 + rnd.int(8));
    this.current.set(state.totals);
    acceptor.reset(this.current);
    this.stats.restarts++;
  }
}
