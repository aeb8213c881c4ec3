import type { LinearProgram, LinearSolver } from './column-generation.js';

type Entries = { indices: number[]; values: number[] };

/** What the core uses of a loaded `highs` module (kept here so the core imports nothing outside it). */
export interface HighsRuntime {
  createModel(): {
    options: { set(options: Record<string, string | number | boolean>): void };
    addRow(lower: number, upper: number, entries: Entries): unknown;
    addCol(cost: number, lower: number, upper: number, entries: Entries): unknown;
    changeColBounds(column: number, lower: number, upper: number): unknown;
    run(): { modelStatus: number };
    getSolution(): { colValue: ArrayLike<number>; rowDual: ArrayLike<number> };
    getObjectiveValue(): number;
    dispose(): void;
  };
}

/** HiGHS status code for an optimal solve. */
const OPTIMAL = 7;

/**
 * Linear programs in HiGHS (WebAssembly, loaded by the caller: `loadHighsSolver` in `src/highs.ts`),
 * one persistent model each, so a master re-solved after new columns starts from its last basis.
 */
export function highsSolver(highs: HighsRuntime): LinearSolver {
  return (): LinearProgram => {
    const model = highs.createModel();
    // A master gains columns between solves, which leaves its last basis primal feasible: primal
    // simplex goes on from it (Instance12's master of about 3,000 columns, presolve off: 176 ms a
    // solve, 458 ms with HiGHS's default dual simplex).
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4 });
    const none = { indices: [] as number[], values: [] as number[] };
    return {
      addRow: (lower, upper) => void model.addRow(lower, upper, none),
      addColumn: (cost, lower, upper, rows, values) =>
        void model.addCol(cost, lower, upper, { indices: [...rows], values: [...values] }),
      setColumnBounds: (column, lower, upper) => void model.changeColBounds(column, lower, upper),
      solve: () => {
        if (model.run().modelStatus !== OPTIMAL) return undefined;
        const solution = model.getSolution();
        return {
          objective: model.getObjectiveValue(),
          primal: Float64Array.from(solution.colValue),
          rowDual: Float64Array.from(solution.rowDual),
        };
      },
      dispose: () => model.dispose(),
    };
  };
}
