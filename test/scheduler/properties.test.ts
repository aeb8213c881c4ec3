import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scheduler/compile.js';
import { Moves } from '../../src/scheduler/moves.js';
import { createRandom } from '../../src/scheduler/random.js';
import { recount } from '../../src/scheduler/recount.js';
import { State } from '../../src/scheduler/state.js';
import { CONSTRAINTS, solve } from '../../src/scheduler/index.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';
import { problemArb } from './arbitrary.js';
import { hardViolations } from './checker.js';

describe('incremental score', () => {
  it('equals a full recount after thousands of random change, swap, chain, block and raw moves', () => {
    let checked = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(problemArb, fc.integer(), (problem, seed) => {
        const c = compile(problem);
        const state = new State(c);
        const rnd = createRandom(seed);
        const moves = new Moves(state, rnd);
        expect(state.score()).toEqual(recount(c, state.assign).score);
        for (let k = 0; k < 300; k++) {
          const x = rnd.next();
          if (x < 0.2) moves.change();
          else if (x < 0.35) moves.swap();
          else if (x < 0.5) moves.chain();
          else if (x < 0.6) moves.swapBlock();
          else if (c.S > 0) state.setSlot(rnd.int(c.S), rnd.int(c.R + 1) - 1); // any resource, eligible or not
          if (rnd.next() < 0.3) moves.rollback();
          else moves.commit();
          const full = recount(c, state.assign);
          expect(state.score()).toEqual(full.score);
          for (const b of full.constraints) if (b.penalty > 0) seen.add(b.name);
          checked++;
        }
      }),
      { numRuns: 30, seed: 42 },
    );
    expect(checked).toBeGreaterThanOrEqual(9000);
    // The random problems exercise every constraint, so the equality above holds for each of them.
    expect([...seen].sort()).toEqual(CONSTRAINTS.map((c) => c.name).sort());
  });
});

describe('solutions', () => {
  it('with hard 0 break no hard rule by an independent checker', () => {
    let feasible = 0;
    fc.assert(
      // Without pins: a random pin often breaks a hard rule that no search could repair.
      fc.property(
        problemArb.map((p) => ({ ...p, demands: p.demands.map((d) => ({ ...d, pinned: [] })) })),
        fc.integer(),
        (problem, seed) => {
          const solution = solve(problem, { seed, maxMoves: 1500 });
          if (solution.score.hard !== 0) return;
          feasible++;
          expect(hardViolations(problem, solution.assignments)).toEqual([]);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
    expect(feasible).toBeGreaterThan(20);
  });

  it('are the same for the same seed and move budget', () => {
    const problem = generateProblem({ seed: 3, people: 30, locations: 5, weeks: 1 });
    const a = solve(problem, { seed: 11, maxMoves: 20_000 });
    const b = solve(problem, { seed: 11, maxMoves: 20_000 });
    expect(b).toEqual(a);
    fc.assert(
      fc.property(problemArb, fc.integer(), (p, seed) => {
        expect(solve(p, { seed, maxMoves: 500 })).toEqual(solve(p, { seed, maxMoves: 500 }));
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});

describe('the hard score and the independent checker', () => {
  it('agree on whether random rosters are feasible', () => {
    let infeasible = 0;
    fc.assert(
      fc.property(problemArb, fc.integer(), (problem, seed) => {
        const c = compile(problem);
        const state = new State(c);
        const rnd = createRandom(seed);
        for (let k = 0; k < 40; k++) {
          if (c.S > 0) state.setSlot(rnd.int(c.S), rnd.int(c.R + 1) - 1);
          const assignments: Record<string, string[]> = {};
          for (let s = 0; s < c.S; s++) {
            const r = state.assign[s]!;
            if (r >= 0) (assignments[c.demandIds[c.slotDemand[s]!]!] ??= []).push(c.resourceIds[r]!);
          }
          const feasible = state.score().hard === 0;
          if (!feasible) infeasible++;
          expect(hardViolations(problem, assignments).length === 0).toBe(feasible);
        }
      }),
      { numRuns: 80, seed: 5 },
    );
    expect(infeasible).toBeGreaterThan(100);
  });
});
