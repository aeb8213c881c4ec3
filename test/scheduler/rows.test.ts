import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scheduler/compile.js';
import { Moves } from '../../src/scheduler/moves.js';
import { createRandom } from '../../src/scheduler/random.js';
import { recount } from '../../src/scheduler/recount.js';
import { RowMoves } from '../../src/scheduler/row-moves.js';
import { State } from '../../src/scheduler/state.js';
import { parseCurtois } from '../../src/scheduler/curtois/parse.js';
import { curtoisToProblem } from '../../src/scheduler/curtois/to-problem.js';
import { solve } from '../../src/scheduler/index.js';
import { problemArb } from './arbitrary.js';
import { hardViolations } from './checker.js';

const INSTANCE_DIR = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
const load = (name: string) => parseCurtois(readFileSync(join(INSTANCE_DIR, `${name}.txt`), 'utf8'));

describe('row moves', () => {
  it('(change, exchange, block, relocate, fill) keep the incremental score equal to a full recount, kept or rolled back', () => {
    let checked = 0;
    fc.assert(
      fc.property(problemArb, fc.integer(), (problem, seed) => {
        const c = compile(problem);
        const state = new State(c);
        const rnd = createRandom(seed);
        const moves = new Moves(state, rnd);
        const rows = new RowMoves(moves, rnd);
        for (let k = 0; k < 200; k++) {
          const r = rnd.int(c.R);
          const x = rnd.next();
          if (x < 0.05) rows.any(0);
          else if (x < 0.1) rows.fill();
          else if (x < 0.3) rows.change(r);
          else if (x < 0.55) rows.exchange(r);
          else if (x < 0.8) rows.setBlock(r);
          else rows.relocate();
          if (rnd.next() < 0.4) moves.rollback();
          else moves.commit();
          expect(state.score()).toEqual(recount(c, state.assign).score);
          checked++;
        }
      }),
      { numRuns: 25, seed: 5 },
    );
    expect(checked).toBe(5000);
  });

  it('only move the chosen person, and only onto demands they may work', () => {
    const c = compile(curtoisToProblem(load('Instance3')));
    const state = new State(c);
    const rnd = createRandom(2);
    const moves = new Moves(state, rnd);
    const rows = new RowMoves(moves, rnd);
    rows.construct(() => false);
    for (let k = 0; k < 2000; k++) {
      const r = rnd.int(c.R);
      const before = Int32Array.from(state.assign);
      if (k % 4 === 3) {
        // A relocation moves one person, who was free on the day they take.
        rows.relocate();
        moves.commit();
        const movedPeople = new Set<number>();
        for (let s = 0; s < c.S; s++)
          if (state.assign[s] !== before[s])
            movedPeople.add(state.assign[s]! >= 0 ? state.assign[s]! : before[s]!);
        expect(movedPeople.size).toBeLessThanOrEqual(1);
        continue;
      }
      rows.random(r);
      moves.commit();
      for (let s = 0; s < c.S; s++) {
        if (state.assign[s] === before[s]) continue;
        expect([before[s], state.assign[s]]).toContain(r);
        if (state.assign[s] === r) expect(c.flags[r * c.D + c.slotDemand[s]!]).toBe(0);
      }
    }
  });
});

describe('row construction and repair', () => {
  it.each(['Instance4', 'Instance7', 'Instance10'])(
    '%s: rows built for every person keep every contract rule',
    (name) => {
      const c = compile(curtoisToProblem(load(name)));
      const state = new State(c);
      const rnd = createRandom(1);
      const rows = new RowMoves(new Moves(state, rnd), rnd);
      rows.construct(() => false);
      expect(rows.repair(20_000, () => false)).toBe(0);
      expect(state.score().hard).toBe(0);
      expect(recount(c, state.assign).score).toEqual(state.score());
    },
  );
});

describe('a solve with rows', () => {
  it('reports hard 0 only for rosters an independent checker finds free of hard breaks', () => {
    let feasible = 0;
    fc.assert(
      fc.property(
        problemArb.map((p) => ({ ...p, demands: p.demands.map((d) => ({ ...d, pinned: [] })) })),
        fc.integer(),
        (problem, seed) => {
          const solution = solve(problem, {
            seed,
            maxMoves: 1500,
            rows: { construct: true, repairMoves: 300, moves: 0.5 },
          });
          if (solution.score.hard !== 0) return;
          feasible++;
          expect(hardViolations(problem, solution.assignments)).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
    expect(feasible).toBeGreaterThan(10);
  });
});
