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
 * One person over `days` days, free to work every day with no limit but what `staff` sets; an early and
 * a late of 8 hours (`lateForbidsEarly`: no early the day after a late); `cover` per day and shift type
 * as [requirement, under-cover weight, over-cover weight].
 */
function onePerson(
  days: number,
  staff: Partial<StaffMember>,
  cover: (day: number, shift: 'E' | 'L') => [number, number, number],
  lateForbidsEarly = false,
): CurtoisInstance {
  return {
    horizonDays: days,
    shifts: [
      { id: 'E', lengthMinutes: 480, forbiddenNext: [] },
      { id: 'L', lengthMinutes: 480, forbiddenNext: lateForbidsEarly ? ['E'] : [] },
    ],
    staff: [
      {
        id: 'N0',
        maxShifts: {},
        minTotalMinutes: 0,
        maxTotalMinutes: days * 480,
        maxConsecutiveShifts: days,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: Math.ceil(days / 7),
        daysOff: [],
        ...staff,
      },
    ],
    onRequests: [],
    offRequests: [],
    cover: Array.from({ length: 2 * days }, (_, k) => {
      const shift = k % 2 === 0 ? 'E' : 'L';
      const [requirement, weightUnder, weightOver] = cover(Math.floor(k / 2), shift);
      return { day: Math.floor(k / 2), shift, requirement, weightUnder, weightOver };
    }),
  };
}

/**
 * The person's row (a letter a day: E, L or - for off) after days a .. b - 1 of `row` are planned, and
 * whether it keeps their rules.
 */
function planWindow(instance: CurtoisInstance, row: string, a: number, b: number) {
  const c = compile(curtoisToProblem(instance), { forSearch: true });
  const state = new State(c);
  setRow(
    state,
    0,
    [...row].map((t, x) => (t === '-' ? -1 : demandOf(c, x, SHIFTS.indexOf(t)))),
  );
  new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).replan(0, a, b);
  const planned = Array.from({ length: c.H }, (_, x) => {
    const d = state.demandOn(0, x);
    return d < 0 ? '-' : c.demandIds[d]!.split('|')[1]!;
  });
  return { row: planned.join(''), keepsRules: state.resourceHard(0) === 0 };
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

  it('prices a whole row at given demand prices (column generation): every row of a week tried agrees', () => {
    const prices = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 16, maxLength: 16 });
    // A cap above 0 on lates, for the person planned (kept exactly, as a count in the state).
    const lateCaps = fc.constantFrom(undefined, 1, 2, 3);
    fc.assert(
      fc.property(instancesOf(8), prices, lateCaps, ({ instance: drawn }, price, cap) => {
        const instance =
          cap === undefined || drawn.staff[0]!.maxShifts.L === 0
            ? drawn
            : { ...drawn, staff: drawn.staff.map((s, i) => (i === 0 ? { ...s, maxShifts: { L: cap } } : s)) };
        const c = compile(curtoisToProblem(instance), { forSearch: true });
        const state = new State(c);
        const at = Float64Array.from({ length: c.D }, (_, d) => price[d]!);
        const planner = new RowMoves(new Moves(state, createRandom(1)), createRandom(1)).planner!;
        // Every row of person 0 that keeps their rules, at the prices plus what their requests cost.
        let best = Infinity;
        const row = new Int32Array(c.H);
        for (let code = 0; code < 3 ** c.H; code++) {
          for (let x = 0, k = code; x < c.H; x++, k = Math.floor(k / 3))
            row[x] = k % 3 === 0 ? -1 : demandOf(c, x, (k % 3) - 1);
          setRow(state, 0, [...row]);
          if (state.resourceHard(0) > 0) continue;
          let cost = planner.requestCost(0, row);
          for (const d of row) if (d >= 0) cost += at[d]!;
          best = Math.min(best, cost);
        }
        setRow(state, 0, []);
        const planned = planner.planAt(state, 0, at);
        expect(planned).toBe(best);
        if (best === Infinity) return;
        // The row it leaves in `row` is one that costs that and keeps the rules.
        setRow(state, 0, [...planner.row]);
        expect(state.resourceHard(0)).toBe(0);
        let cost = planner.requestCost(0, planner.row);
        for (const d of planner.row) if (d >= 0) cost += at[d]!;
        expect(cost).toBe(best);
      }),
      { numRuns: 80 },
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
        rows.replan(0, a, b);
        const after = Array.from({ length: c.H }, (_, x) => state.demandOn(0, x));
        // Outside the window the row is as it was.
        for (let x = 0; x < c.H; x++) if (x < a || x >= b) expect(after[x]).toBe(before[x]);
        if (best === null) return;
        kept++;
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
    const week = (maxWeekends: number, lateCap?: number): CurtoisInstance =>
      onePerson(7, { maxWeekends, maxShifts: lateCap === undefined ? {} : { L: lateCap } }, (_, shift) =>
        shift === 'L' ? [1, 10, 1] : [0, 10, 0],
      );
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

  it('keeps the rules across a window’s edges', () => {
    // Two weeks (weekends on days 5-6 and 12-13), at most one weekend and three lates; the cover wants
    // an early every day and (more) a late on days 7 and 8. The row works lates on days 0 and 1 and on
    // Sunday 13; days 5 to 12 are planned. Saturday 12 is worked with Sunday 13 (one weekend), so
    // weekend 5-6 is not; the cap has no late left for days 7 and 8.
    const twoWeeks = onePerson(14, { maxWeekends: 1, maxShifts: { L: 3 } }, (day, shift) =>
      shift === 'E' ? [1, 10, 1] : day === 7 || day === 8 ? [1, 20, 1] : [0, 20, 1],
    );
    expect(planWindow(twoWeeks, 'LL-----------L', 5, 13)).toEqual({
      row: 'LL-----EEEEEEL',
      keepsRules: true,
    });

    // A run of earlies after the window (days 3 and 4), three days at least, no early after a late; day
    // 2 wanted by no one, an early costing more over cover than a late: day 2 is worked, early.
    const succession = onePerson(
      7,
      { minConsecutiveShifts: 3 },
      (day, shift) => (day < 2 ? [1, 10, 1] : day === 2 && shift === 'E' ? [0, 10, 5] : [0, 10, 1]),
      true,
    );
    const joined = planWindow(succession, '---EE--', 0, 3);
    expect(joined.row[2]).toBe('E');
    expect(joined.keepsRules).toBe(true);

    // A one-day run after the window (day 3), three days at least, no day wanted: the window's last
    // two days join it, not one.
    const shortRun = onePerson(7, { minConsecutiveShifts: 3 }, () => [0, 10, 1]);
    const run = planWindow(shortRun, '---E---', 1, 3);
    expect(run.row).toMatch(/^-[EL]{2}E---$/);
    expect(run.keepsRules).toBe(true);

    // A two-day run after the window (days 3 and 4), two days at most, earlies wanted every day and
    // most on day 2: the window's last day is off all the same.
    const longRun = onePerson(7, { maxConsecutiveShifts: 2 }, (day, shift) =>
      shift === 'E' ? [1, day === 2 ? 20 : 10, 1] : [0, 10, 1],
    );
    expect(planWindow(longRun, '---EE--', 0, 3)).toEqual({ row: 'EE-EE--', keepsRules: true });

    // One day off after the window (day 3) before work on day 4, three days off at least, earlies
    // wanted every day: the window ends with two days off, not a run or a single day off.
    const daysOff = onePerson(7, { minConsecutiveDaysOff: 3 }, (_, shift) =>
      shift === 'E' ? [1, 10, 1] : [0, 10, 1],
    );
    expect(planWindow(daysOff, '----E--', 0, 3)).toEqual({ row: 'E---E--', keepsRules: true });
  });

  it('is not offered where a rule it does not keep is on (the product’s rest and hours rules)', () => {
    const problem = curtoisToProblem(
      onePerson(7, { maxConsecutiveShifts: 5, maxWeekends: 1 }, () => [0, 1, 0]),
    );
    const plannerOf = (p: typeof problem) =>
      new RowMoves(new Moves(new State(compile(p, { forSearch: true })), createRandom(1)), createRandom(1))
        .planner;
    // Without the rest rule the same rota has a planner.
    expect(plannerOf(problem)).toBeDefined();
    const withRest = {
      ...problem,
      resources: problem.resources.map((r) => ({
        ...r,
        contract: { ...r.contract, minRestMinutes: 11 * 60 },
      })),
      weights: { ...problem.weights, minimumRest: 1 },
    };
    expect(plannerOf(withRest)).toBeUndefined();
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
