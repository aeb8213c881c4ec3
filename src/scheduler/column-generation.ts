import type { Compiled } from './compile.js';
import { constraintIndex } from './constraints/index.js';
import type { RowMoves } from './row-moves.js';
import type { RowPlanner } from './row-plan.js';
import type { State } from './state.js';

/**
 * A linear program held by the caller's solver (the core has none of its own; `highs-lp.ts` adapts
 * HiGHS). Rows and columns are numbered in the order they are added, from 0.
 */
export interface LinearProgram {
  /** Adds a row with no entries yet: lower <= activity <= upper. */
  addRow(lower: number, upper: number): void;
  addColumn(
    cost: number,
    lower: number,
    upper: number,
    rows: readonly number[],
    values: readonly number[],
  ): void;
  setColumnBounds(column: number, lower: number, upper: number): void;
  /** Minimises; undefined unless solved to optimality. */
  solve(): { objective: number; primal: Float64Array; rowDual: Float64Array } | undefined;
  dispose(): void;
}

export type LinearSolver = () => LinearProgram;

export interface ColumnGenerationStats {
  /**
   * The root master's value: a lower bound on the cost where pricing is exact (no cap above 0 but the
   * tightest, which `planAt` counts) and the root settled with no row left to add (it may have been
   * stopped within `NEAR_GAP` of settling).
   */
  readonly bound: number;
  readonly columns: number;
  readonly iterations: number;
  /** Dives made to the end (the best kept). */
  readonly dives: number;
  /** The best dive's rota's cost in the master (cover and requests; undefined where the first was cut). */
  readonly diveCost?: number;
  /** The first dive ran out of time and the last people took their likeliest rows without more pricing. */
  readonly cut: boolean;
}

/**
 * Rows' states summed over people (a round of pricing's work) beyond which the start is not tried:
 * Curtois Instance15 (302 million) priced 180 rows in 34 s and Instance13 (2,285 million) 600, too
 * few for a root; Instances 1-12 and 14-18 have 0.03 to 98 million.
 */
const MAX_PRICING_STATES = 200_000_000;
/** A master problem made no progress worth its time over this many iterations (tailing off). */
const TAIL_ITERATIONS = 6;
const TAIL_GAIN = 1e-4;
/**
 * A root stopped this close to its Lagrangian bound (the master's value plus every person's least
 * reduced cost) is dived from all the same: Instance12 at 15 s, 4,041 against 4,012 (0.7%), still
 * gaining a unit or two a round.
 */
const NEAR_GAP = 0.01;
/**
 * Per dive in turn, a column this close to 1 in the master is fixed along with the dive's pick (above 1:
 * the pick alone).
 */
const DIVE_FIX_AT = [0.9, 2, 0.75];
const MAX_DIVES = 6;
/**
 * The first dives price one round after each step (the later ones until no row would help): whole
 * rotas soon, where a dive that prices to the end is cut short with people left open. Curtois
 * Instances 17 and 18 at 60 s, seed 1: the first dive cut at 30 s, 5.08% and 22.25% above the best
 * known. One round a step in every dive: 0.3% and 7.42%, but Instances 7, 8, 9 and 11 1.33, 2.15,
 * 2.28 and 0.46% against 0.28, 0.62, 0.46 and 0. Three quick dives, then dives priced to the end:
 * 17 0.57%, 18 5.27%, 7 0.09%, 8 0.69%, 9 0%. Instance18's quick dives end far above its root (6,154
 * against 4,417: the last ten people fixed lift the master most); two or three rounds a step, or as
 * many as people over people open, gave 6,271, 6,078 and 5,636, but the first dive on Instance5 then
 * took as long as one priced to the end, and Instance12's was cut short again.
 */
const QUICK_DIVES = 3;
const QUICK_DIVE_ROUNDS = 1;
/**
 * The first dive fixes this share of the people still open at each step, where that is two or more:
 * Instance12 (60 people, its root stopped at 15 s) then ends its first dive, 0.87, 0.99 and 1.24% above
 * the best known at 60 s on seeds 1-3, where one person a step was cut short (1.58%, 3.99% on seed 1).
 * Rounded up, so on small instances too, Instance5's first dive ended at 1,352 against 1,149; in every
 * quick dive, Instance18 ended 7.27% against 5.27%.
 */
const FIRST_DIVE_BATCH = 0.1;
/** Over-cover beyond a demand's places, priced out of the master (the places are hard). */
const BEYOND_PLACES = 1e6;

/**
 * A starting rota by column generation and dives, the exact methods' way into nurse rostering: a column
 * is one person's whole row that keeps their contract (planned by `RowPlanner.planAt` at the cover's
 * dual prices), the master chooses a mix of rows per person against soft cover, and a dive fixes the
 * person whose row the master is surest of, prices again, and so on until everyone has a row. Dives
 * are repeated from the root while time allows, and the best is kept. On Curtois Instances 1-7 this
 * lands within 0.4% of the best known in 15 s or less, where annealing from built rows sat in basins
 * 1-10% above for a minute. Only where every row can be planned whole and no slot is fixed: the rota's
 * rows (where they keep the rules) are first columns, and the rota is replaced by the best dive's.
 * Undefined, the rota as it was, where it does not apply, the root master stopped more than `NEAR_GAP`
 * from settling, or no dive ended.
 */
export function columnGenerationStart(
  state: State,
  rows: RowMoves,
  solver: LinearSolver,
  shouldStop: () => boolean,
  rootStop: () => boolean = shouldStop,
): ColumnGenerationStats | undefined {
  const c = state.c;
  const planner = rows.planner;
  if (!planner?.whole || planner.people.length !== c.R || c.fixed.some((f) => f)) return undefined;
  let states = 0;
  for (let r = 0; r < c.R; r++) states += planner.rowStates(r);
  if (states > MAX_PRICING_STATES) return undefined;
  const lp = solver();
  try {
    const master = new Master(c, state, rows, planner, lp);
    if (!master.seed()) return undefined;
    const first = master.generate(rootStop);
    // A root far from settled in its time gives no dive worth the rest of the time.
    if (first === undefined || (!master.settled && !(master.gap <= NEAR_GAP))) return undefined;
    // Dives from the root, each on the columns the ones before it priced, the best kept: one dive's
    // result moves by several percent with the order people are fixed in (Instance6: 1,952 or 2,055).
    let best: Int32Array | undefined;
    let bestCost = Infinity;
    let dives = 0;
    let cut = false;
    for (; dives < MAX_DIVES; dives++) {
      if (dives > 0) {
        if (shouldStop()) break;
        master.reopen();
        if (master.generate(shouldStop) === undefined) break;
      }
      const cost = master.dive(
        DIVE_FIX_AT[dives % DIVE_FIX_AT.length]!,
        shouldStop,
        dives === 0,
        dives < QUICK_DIVES ? QUICK_DIVE_ROUNDS : Infinity,
      );
      if (cost === undefined) {
        cut ||= dives === 0;
        if (dives === 0 && master.open() === 0) best = master.chosen();
        break;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = master.chosen();
      }
    }
    if (!best) return undefined;
    for (let s = 0; s < c.S; s++) if (state.assign[s]! >= 0) state.setSlot(s, -1);
    master.write(best);
    return {
      bound: first,
      columns: master.columns.length,
      iterations: master.iterations,
      dives,
      cut,
      ...(bestCost < Infinity ? { diveCost: bestCost } : {}),
    };
  } finally {
    lp.dispose();
  }
}

interface Column {
  readonly r: number;
  readonly row: Int32Array;
  readonly index: number;
}

class Master {
  readonly columns: Column[] = [];
  iterations = 0;
  private readonly seen = new Set<string>();
  private readonly prices: Float64Array;
  /** Per person, the column fixed (-1: open). */
  private readonly fixed: Int32Array;
  private primal: Float64Array = new Float64Array(0);
  private count = 0;

  constructor(
    private readonly c: Compiled,
    private readonly state: State,
    private readonly rows: RowMoves,
    private readonly planner: RowPlanner,
    private readonly lp: LinearProgram,
  ) {
    this.prices = new Float64Array(c.D);
    this.fixed = new Int32Array(c.R).fill(-1);
    const w = (name: Parameters<typeof constraintIndex>[0]): number => c.weights[constraintIndex(name)]!;
    for (let r = 0; r < c.R; r++) lp.addRow(1, 1);
    for (let d = 0; d < c.D; d++) lp.addRow(c.required[d]!, c.required[d]!);
    for (let d = 0; d < c.D; d++) {
      const row = [c.R + d];
      const need = c.required[d]!;
      const places = c.slotStart[d + 1]! - c.slotStart[d]!;
      const under =
        c.underWeight[d]! >= 0
          ? c.underWeight[d]! * w('underCover')
          : (c.end[d]! - c.start[d]!) * w('unfilled') * 1e6;
      this.add(under, 0, need, row, [1]);
      this.add(c.overWeight[d]! * w('overCover'), 0, Math.max(0, places - need), row, [-1]);
      this.add(BEYOND_PLACES, 0, Infinity, row, [-1]);
    }
  }

  /**
   * First columns: each person's row in the rota as it is, where it keeps their rules, and their row at
   * no cover price (their requests alone).
   */
  seed(): boolean {
    const { c, state, planner } = this;
    for (let r = 0; r < c.R; r++) {
      if (state.resourceHard(r) === 0) {
        for (let x = 0; x < c.H; x++) planner.row[x] = state.demandOn(r, x);
        this.addRow(r);
      }
      if (planner.planAt(state, r, this.prices) === Infinity) return false;
      this.addRow(r);
    }
    return true;
  }

  /** The last `generate` ended with no row to add, or tailing off (not stopped). */
  settled = false;
  /**
   * The last full round of pricing's gap between the master's value and its Lagrangian bound (the
   * value plus every open person's least reduced cost), as a share of the value: how far from settled.
   */
  gap = Infinity;

  /** Prices rows for the open people until none would lower the master; its optimum (undefined: none). */
  generate(shouldStop: () => boolean, maxRounds = Infinity): number | undefined {
    const { c, lp, planner, prices } = this;
    const recent: number[] = [];
    this.settled = false;
    for (let round = 0; ; round++) {
      const solved = lp.solve();
      this.iterations++;
      if (!solved) return undefined;
      this.primal = solved.primal;
      const objective = solved.objective;
      recent.push(objective);
      if (shouldStop() || round >= maxRounds) return objective;
      this.settled = true;
      if (recent.length > TAIL_ITERATIONS) {
        const before = recent[recent.length - 1 - TAIL_ITERATIONS]!;
        if (before - objective <= TAIL_GAIN * Math.abs(before)) return objective;
      }
      for (let d = 0; d < c.D; d++) prices[d] = -solved.rowDual[c.R + d]!;
      let added = 0;
      let lagrangian = objective;
      for (let r = 0; r < c.R; r++) {
        if (this.fixed[r]! >= 0) continue;
        const reduced = planner.planAt(this.state, r, prices) - solved.rowDual[r]!;
        if (reduced < 0) lagrangian += reduced;
        if (reduced < -1e-6 && this.addRow(r)) added++;
        if (shouldStop()) {
          this.settled = false;
          return objective;
        }
      }
      this.gap = (objective - lagrangian) / Math.max(1, Math.abs(objective));
      if (added === 0) return objective;
      this.settled = false;
    }
  }

  open(): number {
    let n = 0;
    for (let r = 0; r < this.c.R; r++) if (this.fixed[r]! < 0) n++;
    return n;
  }

  /**
   * Fixes people to rows until everyone has one, pricing `rounds` rounds at most after each step; the
   * rota's cost, or undefined when it had to stop or a master failed. The `first` dive fixes a share of
   * the people open at each step (`FIRST_DIVE_BATCH`), and if stopped, the people left take their
   * likeliest rows.
   */
  dive(fixAt: number, shouldStop: () => boolean, first: boolean, rounds: number): number | undefined {
    let cost: number | undefined;
    while (this.open() > 0) {
      if (shouldStop()) {
        if (first) this.fixAll();
        return undefined;
      }
      this.fixSurest(fixAt, first ? Math.max(1, Math.floor(this.open() * FIRST_DIVE_BATCH)) : 1);
      cost = this.generate(shouldStop, rounds);
      if (cost === undefined) return undefined;
    }
    return cost;
  }

  /** Every person open again, every column free (a new dive from the root). */
  reopen(): void {
    this.fixed.fill(-1);
    for (const col of this.columns) this.lp.setColumnBounds(col.index, 0, Infinity);
  }

  /** The column fixed per person (into `columns`). */
  chosen(): Int32Array {
    return this.fixed.slice();
  }

  /**
   * Fixes the `count` open people whose likeliest rows are likeliest (at least one), and everyone whose
   * row is `fixAt` sure.
   */
  fixSurest(fixAt: number, count: number): void {
    const best = this.likeliest();
    const open: number[] = [];
    for (let r = 0; r < this.c.R; r++) if (best[r]! >= 0) open.push(r);
    open.sort((a, b) => this.value(best[b]!) - this.value(best[a]!));
    open.forEach((r, k) => {
      if (k < count || this.value(best[r]!) >= fixAt) this.fix(r, best[r]!);
    });
  }

  /** Out of time: every open person takes their likeliest row. */
  fixAll(): void {
    const best = this.likeliest();
    for (let r = 0; r < this.c.R; r++) if (best[r]! >= 0) this.fix(r, best[r]!);
  }

  /** The rows chosen (a column per person), into the empty rota; a day whose demand has no place left stays off. */
  write(chosen: Int32Array): void {
    const { c, state, rows } = this;
    for (let r = 0; r < c.R; r++) {
      const row = this.columns[chosen[r]!]!.row;
      for (let x = 0; x < c.H; x++) {
        const s = row[x]! < 0 ? -1 : rows.emptySlot(row[x]!);
        if (s >= 0) state.setSlot(s, r);
      }
    }
  }

  /** Per open person, the column (index into `columns`) with the most weight in the master. */
  private likeliest(): Int32Array {
    const best = new Int32Array(this.c.R).fill(-1);
    this.columns.forEach((col, k) => {
      if (this.fixed[col.r]! >= 0) return;
      const b = best[col.r]!;
      if (b < 0 || this.value(k) > this.value(b)) best[col.r] = k;
    });
    return best;
  }

  private value(k: number): number {
    return this.primal[this.columns[k]!.index] ?? 0;
  }

  private fix(r: number, k: number): void {
    this.fixed[r] = k;
    for (const col of this.columns)
      if (col.r === r && col !== this.columns[k]) this.lp.setColumnBounds(col.index, 0, 0);
  }

  /** The planner's row for r as a new column (false: r has it already). */
  private addRow(r: number): boolean {
    const { c, planner } = this;
    const key = `${r}:${planner.row.join(',')}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const row = planner.row.slice();
    const rows = [r];
    const values = [1];
    for (let x = 0; x < c.H; x++)
      if (row[x]! >= 0) {
        rows.push(c.R + row[x]!);
        values.push(1);
      }
    this.columns.push({ r, row, index: this.count });
    this.add(planner.requestCost(r, row), 0, Infinity, rows, values);
    return true;
  }

  private add(cost: number, lower: number, upper: number, rows: number[], values: number[]): void {
    this.lp.addColumn(cost, lower, upper, rows, values);
    this.count++;
  }
}
