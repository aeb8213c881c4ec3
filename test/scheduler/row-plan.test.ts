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
 * Small nurse-rostering instances (6 to `most` days, two shift types, a late that no early may follow,
 * three people): the first person's row is planned, the others' rows are drawn at random.
 */
const instancesOf = (most: number) =>
  fc
    .record({
      days: fc.integer({ min: 6, max: most }),
      lateMinutes: fc.constantFrom(480, 600),
      forbid: fc.boolean(),
      staff: fc.array(
        fc.record({
          minRun: fc.integer({ min: 1, max: 3 }),
          maxRun: fc.integer({ min: 2, max: 5 }),
          minOff: fc.integer({ min: 1, max: 3 }),
          maxWeekends: fc.integer({ min: 0, max: Math.ceil(most / 7) }),
          lateCap: fc.constantFrom(-1, 0),
          minShifts: fc.integer({ min: 0, max: 4 }),
          spread: fc.integer({ min: 0, max: 3 }),
          dayOff: fc.option(fc.integer({ min: 0, max: most - 1 }), { nil: undefined }),
        }),
        { minLength: 3, maxLength: 3 },
      ),
      cover: fc.array(
        fc.record({
          need: fc.integer({ min: 0, max: 2 }),
          under: fc.integer({ min: 1, max: 20 }),
          over: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: 2 * most, maxLength: 2 * most },
      ),
      requests: fc.array(
        fc.record({
          on: fc.boolean(),
          day: fc.integer({ min: 0, max: most - 1 }),
          shift: fc.integer({ min: 0, max: 1 }),
          weight: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 6 },
      ),
      others: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2 * most, maxLength: 2 * most }),
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
        Array.from({ length: g.days }, (_, x) => g.others[(p - 1) * most + x]! - 1),
      );
      return { instance, others };
    });

/** r's row as the demand of each day (-1: off); false where a demand has no place left for r (left off). */
function setRow(state: State, r: number, row: readonly number[]): boolean {
  const c = state.c;
  let all = true;
  for (let s = 0; s < c.S; s++) if (state.assign[s] === r) state.setSlot(s, -1);
  for (const d of row) {
    if (d < 0) continue;
    let placed = false;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]! && !placed; s++)
      if (state.assign[s]! < 0) {
        state.setSlot(s, r);
        placed = true;
      }
    all &&= placed;
  }
  return all;
}

function demandOf(c: Compiled, day: number, type: number): number {
  return c.demandIds.indexOf(`${day}|${SHIFTS[type]}`);
}

/**
 * Every row of r (3^days) that agrees with `fixed` outside days a .. b - 1, the least soft total among
 * those that keep r's rules, or null when none does.
 */
function bruteForce(
  state: State,
  r: number,
  a = 0,
  b = state.c.H,
  fixed: readonly number[] = [],
): number | null {
  const c = state.c;
  let best: number | null = null;
  const row = Array.from({ length: c.H }, (_, x) => fixed[x] ?? -1);
  for (let code = 0; code < 3 ** (b - a); code++) {
    for (let x = a, k = code; x < b; x++, k = Math.floor(k / 3))
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
      fc.property(instancesOf(8), ({ instance, others }) => {
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

  it('plans a window of days best with the rest of the row fixed: every row of the window tried agrees', () => {
    const windowArb = fc.record({
      // The others' rows when the person's row was made (their best then), or a random row of theirs.
      earlier: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 28, maxLength: 28 }),
      own: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 14, maxLength: 14 }), {
        nil: undefined,
        freq: 4,
      }),
      start: fc.integer({ min: 0, max: 13 }),
      length: fc.integer({ min: 1, max: 6 }),
    });
    let kept = 0;
    const runs = 1000;
    fc.assert(
      fc.property(instancesOf(14), windowArb, ({ instance, others }, { earlier, own, start, length }) => {
        const c = compile(curtoisToProblem(instance), { forSearch: true });
        const a = Math.min(start, c.H - 1);
        const b = Math.min(c.H, a + length);
        const state = new State(c);
        const setOthers = (codes: readonly number[]) =>
          [1, 2].forEach((p) =>
            setRow(
              state,
              p,
              Array.from({ length: c.H }, (_, x) => {
                const t = codes[(p - 1) * 14 + x]! - 1;
                return t < 0 ? -1 : demandOf(c, x, t);
              }),
            ),
          );
        const rows = new RowMoves(new Moves(state, createRandom(1)), createRandom(1));
        setOthers(earlier);
        // The row as far as it has places (a demand full of others stays off).
        if (own)
          setRow(
            state,
            0,
            own.slice(0, c.H).map((t, x) => (t === 0 ? -1 : demandOf(c, x, t - 1))),
          );
        else rows.replan(0);
        setOthers(
          others.flatMap((row) => [...row.map((t) => t + 1), ...new Array<number>(14 - row.length).fill(0)]),
        );
        const before = Array.from({ length: c.H }, (_, x) => state.demandOn(0, x));
        const best = bruteForce(state, 0, a, b, before);
        setRow(state, 0, before);
        const planned = rows.replan(0, a, b);
        const after = Array.from({ length: c.H }, (_, x) => state.demandOn(0, x));
        // Outside the window the row is as it was.
        for (let x = 0; x < c.H; x++) if (x < a || x >= b) expect(after[x]).toBe(before[x]);
        if (best === null) return;
        kept++;
        expect(planned || after.every((d, x) => d === before[x])).toBe(true);
        expect(state.resourceHard(0)).toBe(0);
        expect(state.totals[2]).toBe(best);
        expect(state.score()).toEqual(recount(c, state.assign).score);
      }),
      { numRuns: runs },
    );
    // Many windows have a row that keeps the rules (else the property would hardly test the planner).
    expect(kept).toBeGreaterThan(runs / 4);
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

  it('keeps the rules across a window’s edges: a weekend split by its end, a cap shared with the row', () => {
    // One person, two weeks (weekends on days 5-6 and 12-13), at most one weekend and three lates; the
    // cover wants an early every day and (more) a late on days 7 and 8. The row works lates on days 0
    // and 1 and on Sunday 13; days 5 to 12 are planned.
    const instance: CurtoisInstance = {
      horizonDays: 14,
      shifts: [
        { id: 'E', lengthMinutes: 480, forbiddenNext: [] },
        { id: 'L', lengthMinutes: 480, forbiddenNext: [] },
      ],
      staff: [
        {
          id: 'N0',
          maxShifts: { L: 3 },
          minTotalMinutes: 0,
          maxTotalMinutes: 14 * 480,
          maxConsecutiveShifts: 14,
          minConsecutiveShifts: 1,
          minConsecutiveDaysOff: 1,
          maxWeekends: 1,
          daysOff: [],
        },
      ],
      onRequests: [],
      offRequests: [],
      cover: Array.from({ length: 28 }, (_, k) => ({
        day: Math.floor(k / 2),
        shift: SHIFTS[k % 2]!,
        requirement: k % 2 === 0 || k === 15 || k === 17 ? 1 : 0,
        weightUnder: k % 2 === 0 ? 10 : 20,
        weightOver: 1,
      })),
    };
    const c = compile(curtoisToProblem(instance), { forSearch: true });
    const state = new State(c);
    const L = (day: number) => demandOf(c, day, 1);
    setRow(state, 0, [L(0), L(1), L(13)]);
    const planner = new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).planner!;
    expect(planner.plan(state, 0, 5, 13)).toBe(true);
    const row = Array.from(planner.row, (d) => (d < 0 ? '-' : c.demandIds[d]!.split('|')[1]!));
    // Saturday 12 is worked with Sunday 13 (one weekend), so weekend 5-6 is not; the cap has no late
    // left for days 7 and 8.
    expect(row.join('')).toBe('LL-----EEEEEEL');

    // A run after the window (early on days 3 and 4, three days at least, no early after a late), and
    // day 2 wanted by no one (an early costs more over cover than a late): day 2 is worked, early.
    const joined: CurtoisInstance = {
      ...instance,
      horizonDays: 7,
      shifts: [
        { id: 'E', lengthMinutes: 480, forbiddenNext: [] },
        { id: 'L', lengthMinutes: 480, forbiddenNext: ['E'] },
      ],
      staff: [{ ...instance.staff[0]!, maxShifts: {}, minConsecutiveShifts: 3 }],
      cover: Array.from({ length: 14 }, (_, k) => ({
        day: Math.floor(k / 2),
        shift: SHIFTS[k % 2]!,
        requirement: k < 4 ? 1 : 0,
        weightUnder: 10,
        weightOver: k === 4 ? 5 : 1,
      })),
    };
    const c2 = compile(curtoisToProblem(joined), { forSearch: true });
    const state2 = new State(c2);
    setRow(state2, 0, [demandOf(c2, 3, 0), demandOf(c2, 4, 0)]);
    const rows2 = new RowMoves(new Moves(state2, createRandom(1)), createRandom(1));
    expect(rows2.replan(0, 0, 3)).toBe(true);
    expect(state2.demandOn(0, 2)).toBe(demandOf(c2, 2, 0));
    expect(state2.resourceHard(0)).toBe(0);
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

  it('plans whole rows where they have few enough states, else windows of weeks: Instance16 and 19', () => {
    const dir = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
    const planner = (name: string) => {
      const instance = parseCurtois(readFileSync(join(dir, `${name}.txt`), 'utf8'));
      const state = new State(compile(curtoisToProblem(instance), { forSearch: true }));
      return new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).planner;
    };
    const whole = planner('Instance16')!;
    expect(whole.people.length).toBe(20);
    expect(whole.whole).toBe(true);
    // Instance19's minutes come in 2-hour units: 84 days would be 6.8 million states a row.
    const windows = planner('Instance19')!;
    expect(windows.people.length).toBe(40);
    expect(windows.whole).toBe(false);
    for (const days of windows.windowDays) {
      expect(days % 7).toBe(0);
      expect(days).toBeGreaterThanOrEqual(14);
      expect(days).toBeLessThan(84);
    }
  });
});
