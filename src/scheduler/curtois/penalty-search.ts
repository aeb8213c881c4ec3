import type { Random } from '../random.js';
import type { Acceptance } from './acceptance.js';
import type { MoveEngine } from './moves.js';
import { repairRows } from './repair.js';
import type { SolveOptions } from './solve.js';
import type { ScoreState } from './state.js';

const CHECK_EVERY = 256;
const WEIGHT_EVERY = 2048;
export const ROW_REPAIR_MOVES = 1_000_000;

/**
 * Local search on the penalty landscape: soft cost + w x hard penalty, with the hard weight w oscillating
 * (raised while the current roster is infeasible, lowered while it is feasible) so that the search can
 * cut through infeasible rosters but keeps returning to feasible ones. The best feasible roster is kept.
 */
export class PenaltySearch {
  readonly best: Uint8Array;
  bestSoft: number;
  bestHard: number;
  bestChanged = true;
  firstFeasibleMs: number | null;
  moves = 0;
  private weight: number;
  // The floor rises through each cycle so that the cold end of the search settles on feasible rosters.
  private minWeight = 1;
  private readonly floorAtEnd: number;
  private readonly maxWeight: number;
  private current: number;
  private lastImprovement = 0;
  private cycle = 0;
  private feasibleAt = 0;
  private readonly budget: number;
  private readonly timeLimit: number;
  private readonly cycles: number;
  private readonly repairAfter: number;

  constructor(
    private readonly state: ScoreState,
    private readonly engine: MoveEngine,
    private readonly rng: Random,
    private readonly acceptance: Acceptance,
    private readonly options: SolveOptions,
    private readonly elapsed: () => number,
    firstFeasibleAtStart: number | null,
  ) {
    this.budget = options.maxMoves ?? Infinity;
    this.timeLimit = options.timeLimitMs !== undefined && options.now ? options.timeLimitMs : Infinity;
    this.cycles = Math.max(1, options.cycles ?? 1);
    this.weight = options.initialHardWeight ?? 20;
    this.floorAtEnd = options.finalHardWeight ?? 60;
    this.maxWeight = options.maxHardWeight ?? 200;
    this.repairAfter = options.repairAfterMoves ?? 1_000_000;
    this.current = state.soft + this.weight * state.hard;
    acceptance.reset(this.current);
    this.best = new Uint8Array(state.cells);
    this.bestSoft = state.soft;
    this.bestHard = state.hard;
    this.firstFeasibleMs = firstFeasibleAtStart;
  }

  /** Moves until the budget, the time limit, a stop or the unimproved limit; the best stays in `best`. */
  run(): void {
    const { state, engine, acceptance, budget } = this;
    while (this.moves < budget) {
      if (this.moves % CHECK_EVERY === 0 && this.checkpoint()) break;
      const moves = ++this.moves;

      if (!engine.randomMove()) continue;

      const candidate = state.soft + this.weight * state.hard;
      if (!acceptance.accept(candidate, this.current)) {
        engine.undo();
        continue;
      }
      engine.commit();
      this.current = candidate;
      if (state.hard === 0) this.feasibleAt = moves;
      if (state.hard < this.bestHard || (state.hard === this.bestHard && state.soft < this.bestSoft)) {
        this.keepBest();
        this.lastImprovement = moves;
      }
    }
  }

  /** Last resort before giving up feasibility: a longer row repair of the best roster found. */
  finalRepair(): void {
    if (this.bestHard <= 0) return;
    const { state, options } = this;
    const timeLimit = this.timeLimit;
    const stop = (): boolean => this.elapsed() >= timeLimit || options.shouldStop?.() === true;
    state.load(this.best);
    repairRows(state, this.engine, this.rng, 4 * ROW_REPAIR_MOVES, stop);
    if (state.hard < this.bestHard) {
      this.keepBest();
      if (this.bestHard === 0 && options.now) this.firstFeasibleMs = this.elapsed();
    }
  }

  report(): void {
    this.bestChanged = false;
    this.options.onProgress?.({
      cost: this.bestSoft,
      hardViolations: this.bestHard,
      elapsedMs: this.elapsed(),
    });
  }

  private keepBest(): void {
    const { state } = this;
    this.best.set(state.cells);
    this.bestSoft = state.soft;
    this.bestHard = state.hard;
    this.bestChanged = true;
    if (this.bestHard === 0 && this.firstFeasibleMs === null && this.options.now)
      this.firstFeasibleMs = this.elapsed();
  }

  /** Every CHECK_EVERY moves: whether to stop, then the cycle, the repair and the hard weight. */
  private checkpoint(): boolean {
    const { options, moves } = this;
    const t = this.elapsed();
    if (t >= this.timeLimit || options.shouldStop?.()) return true;
    if (
      options.maxUnimprovedMoves !== undefined &&
      moves - this.lastImprovement >= options.maxUnimprovedMoves
    )
      return true;
    if (this.bestChanged) this.report();
    const fraction = Math.max(moves / this.budget, t / this.timeLimit) * this.cycles;
    const thisCycle = Math.min(this.cycles - 1, Math.floor(fraction));
    if (thisCycle !== this.cycle && this.bestHard === 0) {
      this.cycle = thisCycle;
      this.state.load(this.best);
      this.restartAcceptance();
    }
    if (this.state.hard > 0 && moves - this.feasibleAt >= this.repairAfter) {
      // Stuck infeasible for long: repair the offending rows one by one rather than wait for the weights.
      repairRows(this.state, this.engine, this.rng, ROW_REPAIR_MOVES);
      this.feasibleAt = moves;
      this.restartAcceptance();
    }
    this.acceptance.setProgress(fraction - this.cycle);
    this.minWeight = Math.max(1, this.floorAtEnd * (fraction - this.cycle));
    if (moves % WEIGHT_EVERY === 0 && moves > 0) this.adjustWeight();
    return false;
  }

  /** Raises the hard weight while the current roster is infeasible, lowers it while it is feasible. */
  private adjustWeight(): void {
    const raised = this.state.hard > 0 ? Math.min(this.maxWeight, this.weight * 1.1) : this.weight / 1.1;
    const next = Math.max(this.minWeight, raised);
    if (next !== this.weight) {
      this.weight = next;
      this.restartAcceptance();
    }
  }

  private restartAcceptance(): void {
    this.current = this.state.soft + this.weight * this.state.hard;
    this.acceptance.reset(this.current);
  }
}
