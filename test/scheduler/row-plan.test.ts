import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Compiled } from '../../src/scheduler/compile.js';
import { parseCurtois } from '../../src/scheduler/curtois/parse.js';
import { curtoisToProblem } from '../../src/scheduler/curtois/to-problem.js';
import type { CurtoisInstance, StaffMember } from '../../src/scheduler/curtois/types.js';
import { Moves } from '../../src/scheduler/moves.js';
import { createRandom } from '../../src/scheduler/random.js';
import { recount } from '../../src/scheduler/recount.js';
import { RowMoves } from '../../src/scheduler/row-moves.js';
import { State } from '../../src/scheduler/state.js';

const SHIFTS = ['E', 'L'];

/**
 * Small nurse-rostering instances (one week or a little more, two shift types, a late that no early may
 * follow, three people): the first person's row is planned, the others' rows are drawn at random.
 */
const instanceArb = fc
  .record({
    days: fc.integer({ min: 6, max: 8 }),
    lateMinutes: fc.constantFrom(480, 600),
    forbid: fc.boolean(),
    staff: fc.array(
      fc.record({
        minRun: fc.integer({ min: 1, max: 3 }),
        maxRun: fc.integer({ min: 2, max: 5 }),
        minOff: fc.integer({ min: 1, max: 3 }),
        maxWeekends: fc.integer({ min: 0, max: 1 }),
        lateCap: fc.constantFrom(-1, 0),
        minShifts: fc.integer({ min: 0, max: 4 }),
        spread: fc.integer({ min: 0, max: 3 }),
        dayOff: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    cover: fc.array(
      fc.record({
        need: fc.integer({ min: 0, max: 2 }),
        under: fc.integer({ min: 1, max: 20 }),
        over: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 16, maxLength: 16 },
    ),
    requests: fc.array(
      fc.record({
        on: fc.boolean(),
        day: fc.integer({ min: 0, max: 7 }),
        shift: fc.integer({ min: 0, max: 1 }),
        weight: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 6 },
    ),
    others: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 16, maxLength: 16 }),
  })
  .map((g) => {
    const staff: StaffMember[] = g.staff.map((s, i) => ({
      id: `N${i}`,
      maxShifts: s.lateCap === 0 ? { L: 0 } : ({} as Record<string, number>),
      minTotalMinutes: s.minShifts * 480,
      maxTotalMinutes: (s.minShifts + s.spread) * 600,
      maxConsecutiveShifts: Math.max(s.minRun, s.maxRun),
      minConsecutiveShifts: s.minRun,
      minConsecutiveDaysOff: s.minOff,
      maxWeekends: s.maxWeekends,
      daysOff: s.dayOff !== undefined && s.dayOff < g.days ? [s.dayOff] : [],
    }));
    const instance: CurtoisInstance = {
      horizonDays: g.days,
      shifts: [
        { id: 'E', lengthMinutes: 480, forbiddenNext: [] },
        { id: 'L', lengthMinutes: g.lateMinutes, forbiddenNext: g.forbid ? ['E'] : [] },
      ],
      staff,
      onRequests: g.requests
        .filter((q) => q.on && q.day < g.days)
        .map((q) => ({ employee: 'N0', day: q.day, shift: SHIFTS[q.shift]!, weight: q.weight })),
      offRequests: g.requests
        .filter((q) => !q.on && q.day < g.days)
        .map((q) => ({ employee: 'N0', day: q.day, shift: SHIFTS[q.shift]!, weight: q.weight })),
      cover: Array.from({ length: g.days * 2 }, (_, k) => ({
        day: Math.floor(k / 2),
        shift: SHIFTS[k % 2]!,
        requirement: g.cover[k]!.need,
        weightUnder: g.cover[k]!.under,
        weightOver: g.cover[k]!.over,
      })),
    };
    // The others' rows: per day off, early or late.
    const others = [1, 2].map((p) =>
      Array.from({ length: g.days }, (_, x) => g.others[(p - 1) * 8 + x]! - 1),
    );
    return { instance, others };
  });

/** r's row as the demand of each day (-1: off); false where a demand has no place left for r. */
function setRow(state: State, r: number, row: readonly number[]): boolean {
  const c = state.c;
  for (let s = 0; s < c.S; s++) if (state.assign[s] === r) state.setSlot(s, -1);
  for (const d of row) {
    if (d < 0) continue;
    let placed = false;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]! && !placed; s++)
      if (state.assign[s]! < 0) {
        state.setSlot(s, r);
        placed = true;
      }
    if (!placed) return false;
  }
  return true;
}

function demandOf(c: Compiled, day: number, type: number): number {
  return c.demandIds.indexOf(`${day}|${SHIFTS[type]}`);
}

/** Every row of r (3^days), the least soft total among those that keep r's rules, or null when none does. */
function bruteForce(state: State, r: number): number | null {
  const c = state.c;
  let best: number | null = null;
  const row = new Array<number>(c.H).fill(-1);
  for (let code = 0; code < 3 ** c.H; code++) {
    for (let x = 0, k = code; x < c.H; x++, k = Math.floor(k / 3))
      row[x] = k % 3 === 0 ? -1 : demandOf(c, x, (k % 3) - 1);
    if (!setRow(state, r, row) || state.resourceHard(r) > 0) continue;
    const soft = state.totals[2]!;
    if (best === null || soft < best) best = soft;
  }
  return best;
}

describe('planning a whole row against everyone else (RowPlanner)', () => {
  it('finds the best row that keeps the person’s rules: every row of a week tried agrees', () => {
    fc.assert(
      fc.property(instanceArb, ({ instance, others }) => {
        const c = compile(curtoisToProblem(instance), { forSearch: true });
        const state = new State(c);
        others.forEach((row, i) =>
          setRow(
            state,
            i + 1,
            row.map((t, x) => (t < 0 ? -1 : demandOf(c, x, t))),
          ),
        );
        const best = bruteForce(state, 0);
        setRow(state, 0, []);
        const rows = new RowMoves(new Moves(state, createRandom(1)), createRandom(1));
        expect(rows.planner).toBeDefined();
        rows.replan(0);
        if (best === null) {
          // No row keeps the rules: the planner finds none either (and changes nothing).
          expect(rows.planner!.plan(state, 0)).toBe(false);
          return;
        }
        expect(rows.planner!.plan(state, 0)).toBe(true);
        expect(state.resourceHard(0)).toBe(0);
        expect(state.totals[2]).toBe(best);
        expect(state.score()).toEqual(recount(c, state.assign).score);
      }),
      { numRuns: 60 },
    );
  });

  it('works both days of a weekend as one weekend, and keeps a cap above 0 by pricing its type up', () => {
    // One person, one week, free to work every day; the cover wants a late every day.
    const week = (maxWeekends: number, lateCap?: number): CurtoisInstance => ({
      horizonDays: 7,
      shifts: [
        { id: 'E', lengthMinutes: 480, forbiddenNext: [] },
        { id: 'L', lengthMinutes: 480, forbiddenNext: [] },
      ],
      staff: [
        {
          id: 'N0',
          maxShifts: lateCap === undefined ? {} : { L: lateCap },
          minTotalMinutes: 0,
          maxTotalMinutes: 7 * 480,
          maxConsecutiveShifts: 7,
          minConsecutiveShifts: 1,
          minConsecutiveDaysOff: 1,
          maxWeekends,
          daysOff: [],
        },
      ],
      onRequests: [],
      offRequests: [],
      cover: Array.from({ length: 7 }, (_, day) => ({
        day,
        shift: 'L',
        requirement: 1,
        weightUnder: 10,
        weightOver: 1,
      })),
    });
    const planned = (instance: CurtoisInstance): string[] | null => {
      const c = compile(curtoisToProblem(instance), { forSearch: true });
      const planner = new RowMoves(new Moves(new State(c), createRandom(1)), createRandom(1)).planner!;
      if (!planner.plan(new State(c), 0)) return null;
      return Array.from(planner.row, (d) => (d < 0 ? '-' : c.demandIds[d]!.split('|')[1]!));
    };
    expect(planned(week(1))).toEqual(['L', 'L', 'L', 'L', 'L', 'L', 'L']);
    const capped = planned(week(1, 2));
    expect(capped).not.toBeNull();
    expect(capped!.filter((t) => t === 'L').length).toBeLessThanOrEqual(2);
  });

  it('is not offered where a rule it does not keep is on (the product’s rest and hours rules)', () => {
    const instance: CurtoisInstance = {
      horizonDays: 7,
      shifts: [{ id: 'E', lengthMinutes: 480, forbiddenNext: [] }],
      staff: [
        {
          id: 'N0',
          maxShifts: {},
          minTotalMinutes: 0,
          maxTotalMinutes: 4800,
          maxConsecutiveShifts: 5,
          minConsecutiveShifts: 1,
          minConsecutiveDaysOff: 1,
          maxWeekends: 1,
          daysOff: [],
        },
      ],
      onRequests: [],
      offRequests: [],
      cover: [],
    };
    const problem = curtoisToProblem(instance);
    const withRest = {
      ...problem,
      resources: problem.resources.map((r) => ({
        ...r,
        contract: { ...r.contract, minRestMinutes: 11 * 60 },
      })),
      weights: { ...problem.weights, minimumRest: 1 },
    };
    const state = new State(compile(withRest, { forSearch: true }));
    expect(new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).planner).toBeUndefined();
  });

  it('plans only rows with few enough states: none on Curtois Instance19, everyone on Instance16', () => {
    const dir = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
    const planner = (name: string) => {
      const instance = parseCurtois(readFileSync(join(dir, `${name}.txt`), 'utf8'));
      const state = new State(compile(curtoisToProblem(instance), { forSearch: true }));
      return new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).planner;
    };
    expect(planner('Instance19')).toBeUndefined();
    expect(planner('Instance16')?.people.length).toBe(20);
  });
});
