import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../src/highs.js';
import type { LinearSolver } from '../../src/scheduler/column-generation.js';
import { evaluateRoster } from '../../src/scheduler/curtois/evaluate.js';
import { parseCurtois } from '../../src/scheduler/curtois/parse.js';
import { assignmentsToRoster, curtoisToProblem } from '../../src/scheduler/curtois/to-problem.js';
import type { Problem, SolveOptions } from '../../src/scheduler/model.js';
import { solve } from '../../src/scheduler/solve.js';

const INSTANCE_DIR = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
const load = (name: string) => parseCurtois(readFileSync(join(INSTANCE_DIR, `${name}.txt`), 'utf8'));

let solver: LinearSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** The solver, counting the calls its programs get to `method`. */
function counting(method: 'solve' | 'setColumnBounds') {
  let calls = 0;
  const counted: LinearSolver = () => {
    const lp = solver();
    const original = lp[method] as (...args: unknown[]) => unknown;
    return { ...lp, [method]: (...args: unknown[]) => (calls++, original(...args)) };
  };
  return { solver: counted, calls: () => calls };
}

/** Rows built, and a few moves after the start (no polish: the start is what is tested). */
const options = (extra: SolveOptions = {}): SolveOptions => ({
  seed: 1,
  maxMoves: 1,
  rows: { construct: true, repairMoves: 2_000 },
  ...extra,
});

describe('the linear programs in HiGHS', () => {
  it('solves a small program with the duals the pricing reads', () => {
    // min 3x + 2y subject to x + y = 4 and x >= 1: x = 1, y = 3, and a fifth unit of the first row
    // would cost 2 (y's price), the second row's dual is what x costs beyond y.
    const lp = solver();
    lp.addRow(4, 4);
    lp.addRow(1, Infinity);
    lp.addColumn(3, 0, Infinity, [0, 1], [1, 1]);
    lp.addColumn(2, 0, Infinity, [0], [1]);
    const solved = lp.solve()!;
    expect(solved.objective).toBeCloseTo(9);
    expect([...solved.primal]).toEqual([1, 3]);
    expect(solved.rowDual[0]).toBeCloseTo(2);
    expect(solved.rowDual[1]).toBeCloseTo(1);
    lp.setColumnBounds(0, 0, 0);
    expect(lp.solve()).toBeUndefined();
    lp.dispose();
  });
});

describe('the start by column generation and a dive', () => {
  it('starts Instance2 at its best known cost (828), every hard rule kept, above the master’s bound', () => {
    const instance = load('Instance2');
    const built = solve(curtoisToProblem(instance), options());
    const dived = solve(curtoisToProblem(instance), options({ columnGeneration: { solver } }));
    const cg = dived.stats.columnGeneration!;
    expect(cg).toBeDefined();
    expect(cg.cut).toBe(false);
    expect(cg.dives).toBeGreaterThanOrEqual(1);
    const judged = evaluateRoster(instance, assignmentsToRoster(instance, dived.assignments));
    expect(judged.feasible).toBe(true);
    expect(judged.cost).toBe(828);
    expect(cg.diveCost).toBeCloseTo(828);
    expect(cg.bound).toBeLessThanOrEqual(judged.cost + 1e-6);
    // The rows built alone are far from it.
    expect(built.score.soft).toBeGreaterThan(1.2 * 828);
  });

  it('gives every person a row that keeps their contract when the dive is cut short', () => {
    const instance = load('Instance5');
    // Stops once the dive has fixed its first people (a column's bounds set): the root has settled.
    const fixing = counting('setColumnBounds');
    let progress = 0;
    const dived = solve(
      curtoisToProblem(instance),
      options({
        columnGeneration: { solver: fixing.solver },
        onProgress: () => progress++,
        shouldStop: () => fixing.calls() > 0,
      }),
    );
    expect(dived.stats.columnGeneration?.cut).toBe(true);
    expect(dived.stats.columnGeneration?.dives).toBe(0);
    expect(dived.score.hard).toBe(0);
    // The rows built were reported before the master began (a caller sees a rota at once).
    expect(progress).toBeGreaterThanOrEqual(2);
  });

  it('leaves the built rota where the root master is stopped before it settles', () => {
    const instance = load('Instance5');
    const solves = counting('solve');
    const plain = solve(curtoisToProblem(instance), options({ maxMoves: 0 }));
    const stopped = solve(
      curtoisToProblem(instance),
      options({
        maxMoves: 0,
        columnGeneration: { solver: solves.solver },
        shouldStop: () => solves.calls() >= 3,
      }),
    );
    expect(stopped.stats.columnGeneration).toBeUndefined();
    expect(stopped.assignments).toEqual(plain.assignments);
  });

  it('ends its first dive soon after the root, pricing one round a step', () => {
    // Instance5's root settles after 33 linear programs; a dive that priced to the end after each step
    // needed about 100 in all (cut short at 80), the quick one ends within 50.
    const instance = load('Instance5');
    const solves = counting('solve');
    const dived = solve(
      curtoisToProblem(instance),
      options({ columnGeneration: { solver: solves.solver }, shouldStop: () => solves.calls() >= 50 }),
    );
    const cg = dived.stats.columnGeneration!;
    expect(cg.cut).toBe(false);
    expect(cg.dives).toBe(1);
    const judged = evaluateRoster(instance, assignmentsToRoster(instance, dived.assignments));
    expect(judged.feasible).toBe(true);
    expect(judged.cost).toBeLessThanOrEqual(1.01 * cg.bound);
  });

  it('dives from a root stopped within 1% of its Lagrangian bound, not from one further off', () => {
    // The root has a quarter of the time (half the share), the dives the rest; a clock that reads the
    // linear programs solved stops the root after `rootSolves` of them and leaves the dives all they need.
    const instance = load('Instance5');
    const startAfter = (rootSolves: number) => {
      const solves = counting('solve');
      const clock = () => (solves.calls() < rootSolves ? 0 : 25 + (solves.calls() - rootSolves) / 1e4);
      return solve(
        curtoisToProblem(instance),
        options({ columnGeneration: { solver: solves.solver }, timeLimitMs: 100, now: clock }),
      ).stats.columnGeneration;
    };
    // After 24 solves the master is at 1,141.2, its bound 1,134.2 (0.6%); it settles after 33.
    const near = startAfter(24);
    expect(near?.cut).toBe(false);
    expect(near?.dives).toBeGreaterThanOrEqual(1);
    expect(near?.bound).toBeGreaterThan(1141);
    // After 15 solves, 1,160.2 against a bound of 1,086.7 (6.3%): the built rota stays.
    expect(startAfter(15)).toBeUndefined();
  });

  it('leaves construction as it was where rows cannot be planned whole (a rest rule in minutes)', () => {
    const instance = load('Instance1');
    const base = curtoisToProblem(instance);
    const withRest: Problem = {
      ...base,
      resources: base.resources.map((r) => ({ ...r, contract: { ...r.contract, minRestMinutes: 60 } })),
      weights: { ...base.weights, minimumRest: 1 },
    };
    const plain = solve(withRest, options({ maxMoves: 2_000 }));
    const asked = solve(withRest, options({ maxMoves: 2_000, columnGeneration: { solver } }));
    expect(asked.stats.columnGeneration).toBeUndefined();
    expect(asked.assignments).toEqual(plain.assignments);
    expect(asked.score).toEqual(plain.score);
  });
});
