import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scheduler/compile.js';
import { parseCurtois } from '../../src/scheduler/curtois/parse.js';
import { curtoisToProblem, curtoisWeights } from '../../src/scheduler/curtois/to-problem.js';
import type { Demand, Problem, Resource } from '../../src/scheduler/index.js';
import { Moves } from '../../src/scheduler/moves.js';
import { createRandom } from '../../src/scheduler/random.js';
import { recount } from '../../src/scheduler/recount.js';
import { RowMoves } from '../../src/scheduler/row-moves.js';
import { State } from '../../src/scheduler/state.js';
import { DAY, HOUR, T0 } from './helpers.js';

const TYPES = ['early', 'late', 'night'];
const HOURS = [7, 14, 22];

/** An early, a late and a night shift of 8 hours on each of `days` days at one ward, with `more`. */
function wardDemands(
  days: number,
  more: (day: number, t: number) => Partial<Demand> & { required: number },
): Demand[] {
  const demands: Demand[] = [];
  for (let day = 0; day < days; day++)
    TYPES.forEach((type, t) => {
      const start = T0 + day * DAY + HOURS[t]! * HOUR;
      demands.push({
        id: `d${day}-${type}`,
        start,
        end: start + 8 * HOUR,
        day,
        location: 'ward',
        region: 'ward',
        shiftType: type,
        ...more(day, t),
      });
    });
  return demands;
}

/** Instance3 of the public benchmark, as a core problem. */
function instance3(): Problem {
  const dir = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
  return curtoisToProblem(parseCurtois(readFileSync(join(dir, 'Instance3.txt'), 'utf8')));
}

/**
 * Nurse-rostering problems where every contract rule is on for everyone: runs of work and of days off
 * reaching into several days of prior work, weekends, caps, totals, successions and requests.
 */
const nurseArb: fc.Arbitrary<Problem> = fc
  .record({
    days: fc.integer({ min: 7, max: 21 }),
    people: fc.array(
      fc.record({
        prior: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), { maxLength: 5 }),
        minDays: fc.integer({ min: 1, max: 4 }),
        maxDays: fc.integer({ min: 2, max: 6 }),
        minOff: fc.integer({ min: 1, max: 3 }),
        maxWeekends: fc.integer({ min: 0, max: 2 }),
        cap: fc.integer({ min: 0, max: 5 }),
        capType: fc.integer({ min: 0, max: 2 }),
        minHours: fc.integer({ min: 0, max: 100 }),
        maxHours: fc.integer({ min: 20, max: 160 }),
        requests: fc.array(
          fc.record({
            day: fc.integer({ min: -2, max: 22 }),
            type: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
            on: fc.boolean(),
            weight: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 6 },
        ),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    cover: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 63, maxLength: 63 }),
    successions: fc.subarray([
      { first: 'late', next: 'early' },
      { first: 'night', next: 'early' },
      { first: 'night', next: 'late' },
    ]),
  })
  .map(({ days, people, cover, successions }) => {
    const resources: Resource[] = people.map((p, i) => ({
      id: `r${i}`,
      regions: ['ward'],
      contract: {
        maxMinutesPer7Days: 7 * 24 * HOUR,
        minRestMinutes: 0,
        daysOff: 'none',
        maxConsecutiveDays: p.maxDays,
        minConsecutiveDays: p.minDays,
        minConsecutiveDaysOff: p.minOff,
        maxWeekends: p.maxWeekends,
        maxShiftsByType: { [TYPES[p.capType]!]: p.cap },
        minTotalMinutes: p.minHours * HOUR,
        maxTotalMinutes: p.maxHours * HOUR,
      },
      requests: p.requests.map((q) => ({
        day: q.day,
        ...(q.type !== undefined ? { shiftType: TYPES[q.type]! } : {}),
        kind: q.on ? ('on' as const) : ('off' as const),
        weight: q.weight,
      })),
      history: {
        // Prior days -n..-1, a gap where the entry is undefined.
        priorWork: p.prior.flatMap((t, k) => {
          if (t === undefined) return [];
          const day = k - p.prior.length;
          const start = T0 + day * DAY + HOURS[t]! * HOUR;
          return [{ start, end: start + 8 * HOUR, day, shiftType: TYPES[t]! }];
        }),
      },
    }));
    const demands = wardDemands(days, (day, t) => ({
      weekend: day % 7 >= 5,
      required: cover[day * 3 + t]!,
      optional: 1,
      underWeight: 30,
      overWeight: 10,
    }));
    return { resources, demands, horizonDays: days, forbiddenSuccessions: successions };
  });

/** Random moves of every kind the search makes, each kept or rolled back, the score checked after each. */
function checkAgainstRecount(problem: Problem, seed: number, steps: number, every = 1): Set<string> {
  const c = compile(problem, { forSearch: true });
  const state = new State(c);
  const rnd = createRandom(seed);
  const moves = new Moves(state, rnd);
  const rows = new RowMoves(moves, rnd);
  const seen = new Set<string>();
  expect(state.score()).toEqual(recount(c, state.assign).score);
  for (let k = 0; k < steps; k++) {
    const x = rnd.next();
    if (x < 0.15) moves.change();
    else if (x < 0.25) moves.swap();
    else if (x < 0.35) moves.chain();
    else if (x < 0.5) moves.swapBlock();
    else if (x < 0.8) rows.any(0.3, 0.2, 0.2);
    else if (c.S > 0) state.setSlot(rnd.int(c.S), rnd.int(c.R + 1) - 1);
    if (rnd.next() < 0.3) moves.rollback();
    else moves.commit();
    if (k % every !== 0) continue;
    const full = recount(c, state.assign);
    expect(state.score()).toEqual(full.score);
    for (const b of full.constraints) if (b.penalty > 0) seen.add(b.name);
    // What repairs aim at: some day is named exactly when a run or succession rule is broken.
    const dayRules = ['minConsecutiveDays', 'minConsecutiveDaysOff', 'maxConsecutiveDays', 'succession'];
    const broken = full.constraints.some((b) => dayRules.includes(b.name) && b.penalty > 0);
    const named: number[] = [];
    for (let r = 0; r < c.R; r++) named.push(...state.brokenDays(r));
    expect(named.length > 0).toBe(broken);
    expect(named.every((x) => x >= 0 && x < c.H)).toBe(true);
  }
  return seen;
}

describe('contract rules and overlap scored around the changed days', () => {
  it('equal a full recount after random moves, for every rule kept that way', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(nurseArb, fc.integer(), (problem, seed) => {
        for (const name of checkAgainstRecount(problem, seed, 200)) seen.add(name);
      }),
      { numRuns: 40, seed: 15 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'maxConsecutiveDays',
        'maxWeekends',
        'minConsecutiveDays',
        'minConsecutiveDaysOff',
        'overlap',
        'requests',
        'shiftTypeCap',
        'succession',
        'totalMinutes',
      ]),
    );
  });

  it('equal a full recount on a benchmark instance', () => {
    checkAgainstRecount(instance3(), 3, 3000, 25);
  });
});

/**
 * Row moves and block swaps proposed, judged without being made (`State.peek`), then made: the judged
 * totals are the made move's, judging changes nothing, and the score still equals a full recount.
 * Random single changes now and then put two shifts on a day, which the judgement must refuse.
 */
function checkJudged(problem: Problem, seed: number, steps: number): { judged: number; refused: number } {
  const c = compile(problem, { forSearch: true });
  const state = new State(c);
  expect(state.canPeek).toBe(true);
  const rnd = createRandom(seed);
  const moves = new Moves(state, rnd);
  const rows = new RowMoves(moves, rnd);
  const totals = new Float64Array(3);
  let judged = 0;
  let refused = 0;
  for (let k = 0; k < steps; k++) {
    const before = state.score();
    moves.defer();
    moves.undefer(rnd.next() < 0.3 ? moves.swapBlock() : rows.any(0.3, 0.2, 0.2));
    // Someone the move may touch, whose hard level after it a row repair reads.
    const focus = rnd.int(c.R);
    if (moves.judge(totals, focus)) {
      judged++;
      expect(state.score()).toEqual(before);
      moves.makeProposed();
      expect(state.score()).toEqual({ hard: totals[0], medium: totals[1], soft: totals[2] });
      expect(state.resourceHard(focus)).toBe(state.peekedHard);
    } else {
      if (moves.proposed > 0) refused++;
      moves.makeProposed();
    }
    if (rnd.next() < 0.5) moves.rollback();
    else moves.commit();
    if (rnd.next() < 0.1) state.setSlot(rnd.int(c.S), rnd.int(c.R + 1) - 1);
    if (k % 10 === 0) expect(state.score()).toEqual(recount(c, state.assign).score);
  }
  return { judged, refused };
}

describe('moves judged without being made', () => {
  it('score as the same moves made, and leave the state as it was', () => {
    let judged = 0;
    let refused = 0;
    // The benchmark's rule set (only rules a move can be judged by); half the people count their
    // weekends in every 2 weeks, with a weekend worked before.
    const windowed = nurseArb.map((p) => ({
      ...p,
      weights: curtoisWeights(),
      resources: p.resources.map((r, i) =>
        i % 2 === 0
          ? {
              ...r,
              contract: { ...r.contract, weekendWindowWeeks: 2 },
              history: { ...r.history, weekendsBefore: [-1] },
            }
          : r,
      ),
    }));
    fc.assert(
      fc.property(windowed, fc.integer(), (problem, seed) => {
        const n = checkJudged(problem, seed, 200);
        judged += n.judged;
        refused += n.refused;
      }),
      { numRuns: 40, seed: 16 },
    );
    expect(judged).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(10);
  });

  it('score as the moves made on a benchmark instance', () => {
    expect(checkJudged(instance3(), 5, 3000).judged).toBeGreaterThan(500);
  });
});

describe('granting a shift-on request', () => {
  it('puts its person on the shift asked for, in place of their day off or other shift', () => {
    const demands = wardDemands(7, () => ({ required: 1 }));
    const person = (id: string, day: number): Resource => ({
      id,
      regions: ['ward'],
      contract: { daysOff: 'none', minRestMinutes: 0 },
      requests: [{ day, shiftType: 'late', kind: 'on', weight: 5 }],
    });
    const problem: Problem = {
      resources: [person('works-early', 3), person('off', 5)],
      demands,
      horizonDays: 7,
      weights: curtoisWeights(),
      assignments: { 'd3-early': ['works-early'] },
    };
    const c = compile(problem, { forSearch: true });
    const state = new State(c);
    const rows = new RowMoves(new Moves(state, createRandom(1)), createRandom(2));
    const lateOn = (day: number) => c.demandIds.indexOf(`d${day}-late`);
    const met = () => state.demandOn(0, 3) === lateOn(3) && state.demandOn(1, 5) === lateOn(5);
    // A request found met gives way to an ordinary row move, which may undo another: until both hold.
    let tries = 0;
    for (; tries < 100 && !met(); tries++) {
      rows.grant();
      rows['moves'].commit();
    }
    expect(tries).toBeLessThan(100);
    expect(state.score()).toEqual(recount(c, state.assign).score);
  });
});

describe('moves that keep the cover while they change who works', () => {
  const nurse = (id: string, more: Partial<Resource> = {}): Resource => ({
    id,
    regions: ['ward'],
    contract: { daysOff: 'none', minRestMinutes: 0 },
    ...more,
  });
  const setUp = (problem: Problem) => {
    const c = compile(problem, { forSearch: true });
    const state = new State(c);
    const moves = new Moves(state, createRandom(1));
    const rows = new RowMoves(moves, createRandom(2));
    const on = (r: number, day: number) => {
      const d = state.demandOn(r, day);
      return d < 0 ? 'off' : c.demandIds[d]!;
    };
    return { c, state, moves, rows, on };
  };

  it('grant a request by exchanging days with the one on the shift asked for', () => {
    const { c, state, moves, rows, on } = setUp({
      resources: [
        nurse('asks', { requests: [{ day: 3, shiftType: 'late', kind: 'on', weight: 5 }] }),
        nurse('on-the-late'),
      ],
      demands: wardDemands(7, (day, t) => ({
        required: (day === 3 && t === 1) || (day === 1 && t === 0) ? 1 : 0,
      })),
      horizonDays: 7,
      weights: curtoisWeights(),
      assignments: { 'd1-early': ['asks'], 'd3-late': ['on-the-late'] },
    });
    const before = state.score();
    expect(rows.grant()).toBe(true);
    moves.commit();
    // Each keeps one shift and every shift keeps its person: only the request's penalty goes.
    expect([on(0, 3), on(0, 1), on(1, 3), on(1, 1)]).toEqual(['d3-late', 'off', 'off', 'd1-early']);
    expect(state.score().medium).toBe(before.medium);
    expect(state.score().soft).toBeLessThan(before.soft);
    expect(state.score()).toEqual(recount(c, state.assign).score);
  });

  it('fill a short shift with someone who leaves theirs to one who was off', () => {
    const { c, state, moves, rows, on } = setUp({
      resources: [nurse('night-trained', { skills: ['nights'] }), nurse('days-only')],
      demands: wardDemands(1, (_, t) => ({
        required: t === 1 ? 0 : 1,
        ...(t === 2 ? { skills: ['nights'] } : {}),
      })),
      horizonDays: 1,
      weights: curtoisWeights(),
      assignments: { 'd0-early': ['night-trained'] },
    });
    rows.handOnShare = 1;
    expect(rows.fill()).toBe(true);
    moves.commit();
    expect([on(0, 0), on(1, 0)]).toEqual(['d0-night', 'd0-early']);
    expect(state.score().medium).toBe(0);
    expect(state.score()).toEqual(recount(c, state.assign).score);
  });
});
