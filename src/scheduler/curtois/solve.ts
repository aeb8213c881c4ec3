import { createRandom, type Random } from '../random.js';
import { annealing, lateAcceptance, type Acceptance } from './acceptance.js';
import { constructRoster } from './construct.js';
import { evaluateRoster } from './evaluate.js';
import { compileModel, type Model } from './model.js';
import { MoveEngine } from './moves.js';
import { PenaltySearch, ROW_REPAIR_MOVES } from './penalty-search.js';
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

/** Solves a benchmark instance with the penalty search (see `PenaltySearch`) and judges the roster. */
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
  const acceptance = acceptanceFor(options, rng, model);
  const search = new PenaltySearch(state, engine, rng, acceptance, options, elapsed, firstFeasibleAtStart);
  search.run();
  search.finalRepair();
  if (search.bestChanged) search.report();

  const roster = toRoster(model, search.best);
  return {
    roster,
    evaluation: evaluateRoster(instance, roster),
    secondsToFirstFeasible: search.firstFeasibleMs === null ? null : search.firstFeasibleMs / 1000,
    moves: search.moves,
    elapsedMs: elapsed(),
  };
}

function acceptanceFor(options: SolveOptions, rng: Random, model: Model): Acceptance {
  return options.acceptance === 'late-acceptance'
    ? lateAcceptance(options.lateAcceptanceLength ?? 2000)
    : annealing(rng, {
        startTemperature: options.startTemperature ?? defaultStartTemperature(model),
        endTemperature: options.endTemperature ?? 0.3,
      });
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
