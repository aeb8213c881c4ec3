import { createRandom } from '../random.js';
import { annealing, lateAcceptance, type Acceptance } from './acceptance.js';
import { constructRoster } from './construct.js';
import { evaluateRoster } from './evaluate.js';
import { compileModel, type Model } from './model.js';
import { MoveEngine } from './moves.js';
import { repairRows } from './repair.js';
import { DEFAULT_HARD_WEIGHTS, type HardWeights } from './penalty.js';
import { ScoreState } from './state.js';
import type { CurtoisInstance, Evaluation, Roster } from './types.js';

export interface SolveProgress {
  /** Soft cost of the best roster so far. */
  readonly cost: number;
  /** Graded hard penalty of that roster (HardWeights units); 0 exactly when it is feasible. */
  readonly hardViolations: number;
  readonly elapsedMs: number;
}

export interface SolveOptions {
  readonly seed?: number;
  /** Stop after this many moves. With no time limit the run is then deterministic for the seed. */
  readonly maxMoves?: number;
  /** Stop after this much time as measured by `now`. */
  readonly timeLimitMs?: number;
  /** Stop when the best roster has not improved for this many moves. */
  readonly maxUnimprovedMoves?: number;
  /** A clock in milliseconds (the core never reads one itself); required for timeLimitMs. */
  readonly now?: () => number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (best: SolveProgress) => void;
  /**
   * 'annealing' (the default) won the measurement: Instances 1-12, 10 s each, seed 1, shared 2-core VM,
   * mean gap to best known 6.5% against 11.3% for late acceptance (length 2000); better on 8, tied on 1.
   */
  readonly acceptance?: 'annealing' | 'late-acceptance';
  /**
   * Splits the budget into this many annealing cycles, each reheated from the best roster. Default 1:
   * 3 cycles did worse (Instances 5, 8, 9, 12 at 10 s: mean gap 15.6% against 10.2%).
   */
  readonly cycles?: number;
  readonly startTemperature?: number;
  readonly endTemperature?: number;
  readonly lateAcceptanceLength?: number;
  readonly hardWeights?: HardWeights;
  /** The lowest hard weight allowed at the end of each cycle (it rises linearly from 1). */
  readonly finalHardWeight?: number;
  readonly maxHardWeight?: number;
  readonly initialHardWeight?: number;
  /** Repair the rows that break hard rules after this many moves without a feasible current roster. */
  readonly repairAfterMoves?: number;
}

export interface SolveResult {
  readonly roster: Roster;
  readonly evaluation: Evaluation;
  /** Null when no clock was given or no feasible roster was found. */
  readonly secondsToFirstFeasible: number | null;
  readonly moves: number;
  readonly elapsedMs: number;
}

const CHECK_EVERY = 256;
const ROW_REPAIR_MOVES = 1_000_000;
const WEIGHT_EVERY = 2048;

/**
 * Local search on the penalty landscape: soft cost + w x hard penalty, with the hard weight w oscillating
 * (raised while the current roster is infeasible, lowered while it is feasible) so that the search can
 * cut through infeasible rosters but keeps returning to feasible ones. The best feasible roster is kept.
 */
export function solveCurtois(instance: CurtoisInstance, options: SolveOptions = {}): SolveResult {
  const model = compileModel(instance);
  const rng = createRandom(options.seed ?? 1);
  const now = options.now;
  const started = now ? now() : 0;
  const elapsed = (): number => (now ? now() - started : 0);
  const state = new ScoreState(model, options.hardWeights ?? DEFAULT_HARD_WEIGHTS);
  state.load(constructRoster(model, rng));
  const engine = new MoveEngine(state, rng);
  repairRows(state, engine, rng, ROW_REPAIR_MOVES);
  const firstFeasibleAtStart = state.hard === 0 && now ? elapsed() : null;

  const budget = options.maxMoves ?? Infinity;
  const timeLimit = options.timeLimitMs !== undefined && now ? options.timeLimitMs : Infinity;
  const cycles = Math.max(1, options.cycles ?? 1);
  const acceptance: Acceptance =
    options.acceptance === 'late-acceptance'
      ? lateAcceptance(options.lateAcceptanceLength ?? 2000)
      : annealing(rng, {
          startTemperature: options.startTemperature ?? defaultStartTemperature(model),
          endTemperature: options.endTemperature ?? 0.3,
        });

  let weight = options.initialHardWeight ?? 20;
  // The floor rises through each cycle so that the cold end of the search settles on feasible rosters.
  const floorAtEnd = options.finalHardWeight ?? 60;
  let minWeight = 1;
  const maxWeight = options.maxHardWeight ?? 200;
  let current = state.soft + weight * state.hard;
  acceptance.reset(current);

  const best = new Uint8Array(state.cells);
  let bestSoft = state.soft;
  let bestHard = state.hard;
  let bestChanged = true;
  let firstFeasibleMs: number | null = firstFeasibleAtStart;
  let lastImprovement = 0;
  let cycle = 0;
  let moves = 0;
  let feasibleAt = 0;
  const repairAfter = options.repairAfterMoves ?? 1_000_000;

  const report = (): void => {
    bestChanged = false;
    options.onProgress?.({ cost: bestSoft, hardViolations: bestHard, elapsedMs: elapsed() });
  };

  while (moves < budget) {
    if (moves % CHECK_EVERY === 0) {
      const t = elapsed();
      if (t >= timeLimit || options.shouldStop?.()) break;
      if (options.maxUnimprovedMoves !== undefined && moves - lastImprovement >= options.maxUnimprovedMoves)
        break;
      if (bestChanged) report();
      const fraction = Math.max(moves / budget, t / timeLimit) * cycles;
      const thisCycle = Math.min(cycles - 1, Math.floor(fraction));
      if (thisCycle !== cycle && bestHard === 0) {
        cycle = thisCycle;
        state.load(best);
        current = state.soft + weight * state.hard;
        acceptance.reset(current);
      }
      if (state.hard > 0 && moves - feasibleAt >= repairAfter) {
        // Stuck infeasible for long: repair the offending rows one by one rather than wait for the weights.
        repairRows(state, engine, rng, ROW_REPAIR_MOVES);
        feasibleAt = moves;
        current = state.soft + weight * state.hard;
        acceptance.reset(current);
      }
      acceptance.setProgress(fraction - cycle);
      minWeight = Math.max(1, floorAtEnd * (fraction - cycle));
      if (moves % WEIGHT_EVERY === 0 && moves > 0) {
        const raised = state.hard > 0 ? Math.min(maxWeight, weight * 1.1) : weight / 1.1;
        const next = Math.max(minWeight, raised);
        if (next !== weight) {
          weight = next;
          current = state.soft + weight * state.hard;
          acceptance.reset(current);
        }
      }
    }
    moves++;

    if (!engine.randomMove()) continue;

    const candidate = state.soft + weight * state.hard;
    if (!acceptance.accept(candidate, current)) {
      engine.undo();
      continue;
    }
    engine.commit();
    current = candidate;
    if (state.hard === 0) feasibleAt = moves;
    if (state.hard < bestHard || (state.hard === bestHard && state.soft < bestSoft)) {
      best.set(state.cells);
      bestSoft = state.soft;
      bestHard = state.hard;
      bestChanged = true;
      lastImprovement = moves;
      if (bestHard === 0 && firstFeasibleMs === null && now) firstFeasibleMs = elapsed();
    }
  }
  if (bestHard > 0) {
    // Last resort before giving up feasibility: a longer row repair of the best roster found.
    state.load(best);
    repairRows(state, engine, rng, 4 * ROW_REPAIR_MOVES);
    if (state.hard < bestHard) {
      best.set(state.cells);
      bestSoft = state.soft;
      bestHard = state.hard;
      bestChanged = true;
      if (bestHard === 0 && now) firstFeasibleMs = elapsed();
    }
  }
  if (bestChanged) report();

  const roster = toRoster(model, best);
  return {
    roster,
    evaluation: evaluateRoster(instance, roster),
    secondsToFirstFeasible: firstFeasibleMs === null ? null : firstFeasibleMs / 1000,
    moves,
    elapsedMs: elapsed(),
  };
}

/**
 * 30 suits the small instances (a cover unit is 100); big ones get far fewer moves per cell in the same
 * time and do better starting colder (Instance20 at 20 s: 30 -> 12144, 10 -> 9754, 3 -> 8766).
 */
function defaultStartTemperature(model: Model): number {
  return Math.min(30, Math.max(1, (30 * 2000) / (model.E * model.H)));
}

export function toRoster(model: Model, cells: Uint8Array): Record<string, string[]> {
  const roster: Record<string, string[]> = {};
  model.staffIds.forEach((id, e) => {
    roster[id] = Array.from(cells.subarray(e * model.H, (e + 1) * model.H), (v) => model.shiftIds[v] ?? '');
  });
  return roster;
}

export function fromRoster(model: Model, roster: Roster): Uint8Array {
  const cells = new Uint8Array(model.E * model.H);
  const valueOf = new Map(model.shiftIds.map((id, v) => [id, v] as const));
  model.staffIds.forEach((id, e) => {
    const row = roster[id] ?? [];
    for (let d = 0; d < model.H; d++) cells[e * model.H + d] = valueOf.get(row[d] ?? '') ?? 0;
  });
  return cells;
}
