import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/scheduler/random.js';
import { constructRoster } from '../../src/scheduler/curtois/construct.js';
import { evaluateRoster } from '../../src/scheduler/curtois/evaluate.js';
import { compileModel } from '../../src/scheduler/curtois/model.js';
import { MoveEngine } from '../../src/scheduler/curtois/moves.js';
import { parseCurtois } from '../../src/scheduler/curtois/parse.js';
import { DEFAULT_HARD_WEIGHTS, rowPenalty, softFromScratch } from '../../src/scheduler/curtois/penalty.js';
import { solveCurtois, toRoster } from '../../src/scheduler/curtois/solve.js';
import { repairRows } from '../../src/scheduler/curtois/repair.js';
import { ScoreState } from '../../src/scheduler/curtois/state.js';

const INSTANCE_DIR = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
const load = (name: string) => parseCurtois(readFileSync(join(INSTANCE_DIR, `${name}.txt`), 'utf8'));

describe('incremental score', () => {
  it('equals a full recount and the reference evaluator after thousands of random moves (Instance8)', () => {
    const instance = load('Instance8');
    const model = compileModel(instance);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rng = createRandom(seed);
        const state = new ScoreState(model, DEFAULT_HARD_WEIGHTS);
        state.load(constructRoster(model, rng));
        const engine = new MoveEngine(state, rng);
        const moves = [
          () => engine.change(),
          () => engine.fillShortage(),
          () => engine.relocate(),
          () => engine.swapDay(),
          () => engine.swapBlock(),
          () => engine.exchangeDays(),
          () => engine.exchangeBlocks(),
          () => engine.setBlock(),
        ];
        for (let step = 1; step <= 3000; step++) {
          rng.pick(moves)();
          if (rng.next() < 0.5) engine.commit();
          else engine.undo();
          if (step % 500 !== 0) continue;
          let hard = 0;
          for (let e = 0; e < model.E; e++) {
            const row = rowPenalty(model, DEFAULT_HARD_WEIGHTS, state.cells, e);
            expect(state.hardOf[e]).toBe(row);
            hard += row;
          }
          expect(state.hard).toBe(hard);
          expect(state.soft).toBe(softFromScratch(model, state.cells));
          const reference = evaluateRoster(instance, toRoster(model, state.cells));
          expect(state.soft).toBe(reference.cost);
          expect(state.hard === 0).toBe(reference.feasible);
        }
      }),
      { numRuns: 6 },
    );
  });
});

describe('solveCurtois', () => {
  it('gives the same roster for the same seed and move budget', () => {
    const instance = load('Instance2');
    const a = solveCurtois(instance, { seed: 7, maxMoves: 150_000 });
    const b = solveCurtois(instance, { seed: 7, maxMoves: 150_000 });
    expect(b.roster).toEqual(a.roster);
    expect(b.evaluation.cost).toBe(a.evaluation.cost);
    expect(a.moves).toBe(150_000);
  });

  it('solves Instance1 to a feasible roster within a short move budget', () => {
    const result = solveCurtois(load('Instance1'), { seed: 1, maxMoves: 300_000 });
    expect(result.evaluation.violations).toEqual([]);
    expect(result.evaluation.feasible).toBe(true);
    // The optimum is 607; a short run lands close to it.
    expect(result.evaluation.cost).toBeGreaterThanOrEqual(607);
    expect(result.evaluation.cost).toBeLessThan(800);
  });

  it('stops on the injected clock, reports progress, and times the first feasible roster', () => {
    let clock = 0;
    const progress: number[] = [];
    const result = solveCurtois(load('Instance1'), {
      seed: 3,
      timeLimitMs: 500,
      now: () => (clock += 1),
      onProgress: (best) => progress.push(best.cost),
    });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(result.elapsedMs).toBeLessThan(505);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(result.evaluation.cost);
    expect(result.secondsToFirstFeasible).not.toBeNull();
    expect(result.secondsToFirstFeasible!).toBeLessThanOrEqual(0.5);
  });

  it('stops when cancelled and when the best has not improved for a while', () => {
    let calls = 0;
    const cancelled = solveCurtois(load('Instance1'), {
      seed: 1,
      maxMoves: 10_000_000,
      shouldStop: () => ++calls > 3,
    });
    expect(cancelled.moves).toBeLessThan(2_000);
    const stalled = solveCurtois(load('Instance1'), {
      seed: 1,
      maxMoves: 50_000_000,
      maxUnimprovedMoves: 20_000,
    });
    expect(stalled.moves).toBeLessThan(50_000_000);
    expect(stalled.secondsToFirstFeasible).toBeNull(); // no clock given
  });

  it('repairs no row once told to stop', () => {
    const model = compileModel(load('Instance7'));
    const rng = createRandom(1);
    const state = new ScoreState(model, DEFAULT_HARD_WEIGHTS);
    const cells = constructRoster(model, rng);
    // Employee 0 on shift 1 every day breaks the longest run allowed.
    cells.fill(1, 0, model.H);
    state.load(cells);
    const before = Uint8Array.from(state.cells);
    const broken = Array.from(state.hardOf).filter((h) => h > 0).length;
    expect(broken).toBeGreaterThan(0);
    expect(repairRows(state, new MoveEngine(state, rng), rng, 1_000_000, () => true)).toBe(broken);
    expect(state.cells).toEqual(before);
  });
});
