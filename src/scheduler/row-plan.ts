import type { Compiled } from './compile.js';
import { CONSTRAINTS, constraintIndex } from './constraints/index.js';
import type { ConstraintName } from './model.js';
import type { RowView } from './rows.js';
import type { State } from './state.js';

/**
 * The rules a whole row can be planned under: contract rules read along the row (runs, days off,
 * weekends, successions, totals, shift types), eligibility (as `flags`), cover and requests. With any
 * other rule active (rest in minutes, 7-day hours, fairness, locations...) there is no planner.
 */
const PLANNED: ReadonlySet<ConstraintName> = new Set<ConstraintName>([
  'overlap',
  'absence',
  'region',
  'skill',
  'gender',
  'exclusion',
  'shiftTypeCap',
  'totalMinutes',
  'maxConsecutiveDays',
  'minConsecutiveDays',
  'minConsecutiveDaysOff',
  'maxWeekends',
  'succession',
  'unfilled',
  'underCover',
  'overCover',
  'requests',
]);

/** More states than this (days x states a day) and a row is not planned: memory and time grow with it. */
const MAX_CELLS = 4_000_000;

/**
 * The best row for one person with everyone else's work fixed, by dynamic programming over the days:
 * a state is what the rules need to know of the row so far (off and for how long, or the shift type
 * and the run's length; minutes worked; weekends worked), a day's value costs what it changes in its
 * demand's cover and the person's requests, and the hard contract rules are kept exactly (a type's
 * cap only where it is 0). This is the pricing step of the exact methods for nurse rostering, used
 * here as a move: the search's own score then judges the row.
 */
export class RowPlanner {
  private readonly T: number;
  private readonly unit: number;
  private readonly wUnder: number;
  private readonly wOver: number;
  private readonly wUnfilled: number;
  private readonly wRequests: number;
  private cost = new Float64Array(0);
  private from = new Int32Array(0);
  private pick = new Int32Array(0);
  /** Per day of the plan: the demand chosen, -1 for off. */
  readonly row: Int32Array;
  private readonly dayCost: Float64Array;
  private asked = new Float64Array(0);
  /** The people whose rows have few enough states to plan (`MAX_CELLS`). */
  readonly people: Int32Array;
  private readonly plannable: Uint8Array;
  /** States tried so far, over every plan (for a caller that budgets the planner's share of the work). */
  work = 0;
  /** Added to every demand of a shift type while a row is priced into its caps. */
  private readonly typePrice: Float64Array;
  private readonly typeCount: Int32Array;
  /** The first price rise for a type over its cap: the largest cover weight. */
  private readonly priceStep: number;

  private constructor(
    private readonly c: Compiled,
    private readonly view: RowView,
  ) {
    this.T = c.shiftTypeIds.length;
    let unit = 0;
    for (let d = 0; d < c.D; d++) unit = gcd(unit, c.end[d]! - c.start[d]!);
    this.unit = Math.max(1, unit);
    const w = (name: ConstraintName): number => c.weights[constraintIndex(name)]!;
    this.wUnder = w('underCover');
    this.wOver = w('overCover');
    this.wUnfilled = w('unfilled') * 1e6;
    this.wRequests = w('requests');
    this.row = new Int32Array(c.H);
    this.typePrice = new Float64Array(this.T);
    this.typeCount = new Int32Array(this.T);
    let step = 1;
    for (let d = 0; d < c.D; d++)
      step = Math.max(step, c.underWeight[d]! * this.wUnder, c.overWeight[d]! * this.wOver);
    this.priceStep = step;
    const people: number[] = [];
    for (let r = 0; r < c.R; r++) if (this.shape(r).S * c.H <= MAX_CELLS) people.push(r);
    this.people = Int32Array.from(people);
    this.plannable = new Uint8Array(c.R);
    for (const r of people) this.plannable[r] = 1;
    this.dayCost = new Float64Array(c.D);
  }

  /** A planner where every active rule is one it keeps, else undefined. */
  static for(c: Compiled, view: RowView): RowPlanner | undefined {
    if (c.N !== c.D) return undefined;
    for (const [i, idle] of c.idle.entries()) {
      if (idle || c.weights[i] === 0) continue;
      if (!PLANNED.has(CONSTRAINTS[i]!.name)) return undefined;
    }
    if (c.contract.some((k) => k.weekendWindowWeeks !== undefined)) return undefined;
    if (c.weekendsBefore.some((w) => w.length > 0)) return undefined;
    if (c.shiftTypeIds.length === 0 || c.shiftType.some((t, d) => d < c.D && t < 0)) return undefined;
    const planner = new RowPlanner(c, view);
    return planner.people.length > 0 ? planner : undefined;
  }

  /**
   * Plans r's best row into `row`; false when the row has too many states to plan or none keeps the
   * rules. The cost is the plan's own (cover and requests against everyone else's work).
   */
  plan(state: State, r: number): boolean {
    if (!this.plannable[r]) return false;
    this.work += this.c.D;
    this.priceDays(state, r);
    const caps = this.c.typeCaps[r];
    this.typePrice.fill(0);
    // A cap above 0 is kept by pricing its shift type up until the row keeps it (a few rounds).
    for (let round = 0; round < 4; round++) {
      if (!this.planPriced(r)) return false;
      if (!caps) return true;
      const over = this.overCaps(caps);
      if (over < 0) return true;
      this.typePrice[over] = this.typePrice[over]! * 2 + this.priceStep;
    }
    return false;
  }

  private planPriced(r: number): boolean {
    const { c, view, T, unit } = this;
    const H = c.H;
    const { maxRun, minRun, minOff, maxM, minM, capM, maxW, offKinds, M, Wk, S } = this.shape(r);
    const caps = c.typeCaps[r];
    if (this.cost.length < S * H) {
      this.cost = new Float64Array(S * H);
      this.from = new Int32Array(S * H);
      this.pick = new Int32Array(S * H);
    }
    const { cost, from, pick } = this;
    cost.fill(Infinity, 0, S * H);
    const asked = this.requestCosts(r);
    const workKind = (t: number, len: number, early: boolean): number =>
      offKinds + (early ? 0 : T * maxRun) + t * maxRun + (len - 1);
    const at = (kind: number, m: number, w: number): number => (kind * M + m) * Wk + w;

    let work = S;
    for (let x = 0; x < H; x++) {
      const base = x * S;
      const weekend = view.weekendDay[x] === 1;
      // The day before is a weekend day of the same week (weeks as the contract rules count them).
      const sameWeekendBefore =
        weekend && x > 0 && view.weekendDay[x - 1] === 1 && Math.floor((x - 1) / 7) === Math.floor(x / 7);
      const offCost = asked[x * (T + 1)]!;
      // Day 0 from the empty start.
      const states = x === 0 ? 1 : S;
      for (let s = 0; s < states; s++) {
        let prevCost: number;
        let kind: number;
        let m: number;
        let w: number;
        if (x === 0) {
          prevCost = 0;
          kind = -1;
          m = 0;
          w = 0;
        } else {
          prevCost = cost[base - S + s]!;
          if (prevCost === Infinity) continue;
          work += 1 + view.dayStart[x + 1]! - view.dayStart[x]!;
          w = s % Wk;
          m = Math.floor(s / Wk) % M;
          kind = Math.floor(s / (Wk * M));
        }
        const working = kind >= offKinds;
        const wk = working ? kind - offKinds : 0;
        const early = working && wk < T * maxRun;
        const type = working ? Math.floor((wk % (T * maxRun)) / maxRun) : -1;
        const len = working ? (wk % maxRun) + 1 : kind <= 0 ? 0 : kind;
        // Off today.
        if (!working || early || len >= minRun) {
          const next = kind <= 0 ? 0 : working ? 1 : Math.min(minOff, len + 1);
          relax(base + at(next, m, w), prevCost + offCost, s, -1);
        }
        // Work today: each demand of the day r may take.
        if (!working && kind > 0 && len < minOff) continue;
        for (let i = view.dayStart[x]!; i < view.dayStart[x + 1]!; i++) {
          const d = view.dayDemands[i]!;
          const t = c.shiftType[d]!;
          const price = this.dayCost[d]! + this.typePrice[t]!;
          if (price === Infinity) continue;
          if (caps && caps[t] === 0) continue;
          if (working && (len >= maxRun || c.forbiddenNext[type * T + t])) continue;
          const add = Math.round((c.end[d]! - c.start[d]!) / unit);
          let m2 = m + add;
          if (m2 > maxM) {
            if (!capM) continue;
            m2 = maxM;
          }
          const w2 = weekend && !(sameWeekendBefore && working) ? w + 1 : w;
          if (w2 > maxW) continue;
          const next = working ? workKind(t, len + 1, early) : workKind(t, 1, x === 0);
          relax(base + at(next, m2, w2), prevCost + price + asked[x * (T + 1) + t + 1]!, s, d);
        }
      }
    }
    this.work += work;
    // The best end: minutes within the contract; the last run is exempt from the run minimums.
    const last = (H - 1) * S;
    let best = -1;
    for (let s = 0; s < S; s++) {
      const m = Math.floor(s / Wk) % M;
      if (m < minM || cost[last + s] === Infinity) continue;
      if (best < 0 || cost[last + s]! < cost[last + best]!) best = s;
    }
    if (best < 0) return false;
    for (let x = H - 1, s = best; x >= 0; x--) {
      this.row[x] = pick[x * S + s]!;
      s = from[x * S + s]!;
    }
    return true;

    function relax(i: number, value: number, prev: number, chosen: number): void {
      if (value < cost[i]!) {
        cost[i] = value;
        from[i] = prev;
        pick[i] = chosen;
      }
    }
  }

  /**
   * The states of r's row: off (before any work, or for 1..minOff days, capped), or a shift type and
   * the run's length 1..maxRun, twice (runs that began on day 0, exempt from the minimum, and the
   * rest); times minutes worked (in `unit`s, saturating at the minimum where there is no maximum);
   * times weekends worked.
   */
  private shape(r: number) {
    const { c, T, unit } = this;
    const k = c.contract[r]!;
    const maxRun = Math.max(1, k.maxConsecutiveDays);
    const minRun = Math.max(1, k.minConsecutiveDays ?? 1);
    const minOff = Math.max(1, k.minConsecutiveDaysOff ?? 1);
    const maxM =
      k.maxTotalMinutes !== undefined
        ? Math.floor(k.maxTotalMinutes / unit)
        : k.minTotalMinutes !== undefined
          ? Math.ceil(k.minTotalMinutes / unit)
          : 0;
    const minM = k.minTotalMinutes !== undefined ? Math.ceil(k.minTotalMinutes / unit) : 0;
    const capM = k.maxTotalMinutes === undefined;
    const maxW = k.maxWeekends ?? Math.ceil(c.H / 7);
    const offKinds = 1 + minOff;
    const M = maxM + 1;
    const Wk = maxW + 1;
    const S = (offKinds + 2 * T * maxRun) * M * Wk;
    return { maxRun, minRun, minOff, maxM, minM, capM, maxW, offKinds, M, Wk, S };
  }

  /** A shift type the planned row has more of than its cap allows, or -1. */
  private overCaps(caps: Int32Array): number {
    const n = this.typeCount.fill(0);
    for (const d of this.row) if (d >= 0) n[this.c.shiftType[d]!]!++;
    for (let t = 0; t < this.T; t++) if (caps[t]! >= 0 && n[t]! > caps[t]!) return t;
    return -1;
  }

  /** What putting r on each demand costs in cover against everyone else (Infinity: no place left). */
  private priceDays(state: State, r: number): void {
    const c = this.c;
    for (let d = 0; d < c.D; d++) {
      if (c.flags[r * c.D + d]) {
        this.dayCost[d] = Infinity;
        continue;
      }
      const others = state.headcount(d) - (state.demandOn(r, c.day[d]!) === d ? 1 : 0);
      const places = c.slotStart[d + 1]! - c.slotStart[d]!;
      const need = c.required[d]!;
      this.dayCost[d] =
        others >= places
          ? Infinity
          : others < need
            ? c.underWeight[d]! >= 0
              ? -c.underWeight[d]! * this.wUnder
              : -(c.end[d]! - c.start[d]!) * this.wUnfilled
            : c.overWeight[d]! * this.wOver;
    }
  }

  /** r's request penalties per day and value (off, then each shift type), as (T + 1) per day. */
  private requestCosts(r: number): Float64Array {
    const { c, T } = this;
    const out =
      this.asked.length === c.H * (T + 1) ? this.asked : (this.asked = new Float64Array(c.H * (T + 1)));
    out.fill(0);
    for (const q of c.requests[r]!) {
      if (q.day < 0 || q.day >= c.H) continue;
      for (let t = -1; t < T; t++) {
        const met = t >= 0 && (q.type < 0 || q.type === t);
        if (met !== q.on) out[q.day * (T + 1) + t + 1]! += q.weight * this.wRequests;
      }
    }
    return out;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
