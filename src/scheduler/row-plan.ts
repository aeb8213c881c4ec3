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

/** More states than this (days x states a day) and a row is planned a window of weeks at a time. */
const MAX_CELLS = 4_000_000;
/**
 * A window's states grow with the square of its days (minutes worked grow with them), so windows are
 * kept smaller than whole rows. Curtois Instances 20-23 with a budget of 30 states per move, 30 s of CPU,
 * seed 1: 100k cells 7,090, 24,978, 49,892 on 20-22; 400k 6,503, 23,983, 49,707; 1M 7,149, 24,201
 * on 20-21 and 35,234 on 23 against 400k's 34,798.
 */
const WINDOW_CELLS = 400_000;
/** Halvings of the gap towards the least price that keeps a type's cap, in `planAt`. */
const CAP_HALVINGS = 3;

/** The states of a row over a window (`RowPlanner.shape`). */
type Shape = ReturnType<RowPlanner['shape']>;

/** What the rest of r's row, outside a planned window, holds the window to. */
interface Frame {
  /** The window: days a .. b - 1. */
  a: number;
  b: number;
  /** The state the window starts from (-1: the row's empty start, on day 0). */
  entry: number;
  /** Minutes (in units) and weekends worked outside; caps left per shift type (-1: none). */
  restM: number;
  restW: number;
  capsLeft: Int32Array;
  /** Day b: its type and the run from it (-1: off, and the days off from it). */
  afterType: number;
  afterLength: number;
  /** The stretch from day b reaches the row's end (the last run and days off are exempt). */
  afterToEnd: boolean;
  /** Day b works the second day of a weekend whose first is the window's last day. */
  afterWeekend: boolean;
  /** The window's states, within what the rest of the row leaves. */
  shape: Shape;
  /**
   * A shift type whose count is part of the state (-1: none), so its cap is kept exactly; `Ck` its
   * counts (cap left + 1), 1 with none. Only in `planAt`, where pricing must find the best row.
   */
  capType: number;
  Ck: number;
}

/**
 * The best row for one person with everyone else's work fixed, by dynamic programming over the days:
 * a state is what the rules need to know of the row so far (off and for how long, or the shift type
 * and the run's length; minutes worked; weekends worked), a day's value costs what it changes in its
 * demand's cover and the person's requests, and the hard contract rules are kept exactly (a type's
 * cap only where it is 0). This is the pricing step of the exact methods for nurse rostering, used
 * here as a move: the search's own score then judges the row. Where the whole row has too many
 * states (long horizons, minutes in small units), a window of weeks is planned with the rest of the
 * row fixed, and the rules are kept across its edges.
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
  /** Per day of the plan: the demand chosen, -1 for off (days outside the window: as they were). */
  readonly row: Int32Array;
  private readonly dayCost: Float64Array;
  private asked = new Float64Array(0);
  /** The people who can be planned (`MAX_CELLS`): a whole row, or a window of at least a week. */
  readonly people: Int32Array;
  /** Per person, the days planned at a time: the horizon, or whole weeks. */
  readonly windowDays: Int32Array;
  /** Every row is planned whole. */
  readonly whole: boolean;
  /** Per day, the most units a demand of it lasts. */
  private readonly dayUnits: Int32Array;
  private readonly now: Int32Array;
  private readonly capsLeft: Int32Array;
  /** States tried so far, over every plan (for a caller that budgets the planner's share of the work). */
  work = 0;
  /** Added to every demand of a shift type while a row is priced into its caps. */
  private readonly typePrice: Float64Array;
  private readonly typeCount: Int32Array;
  private tail = new Int32Array(0);
  /** Per person and shift type, the price `planAt` last needed to keep the type's cap. */
  private capPrices = new Float64Array(0);
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
    this.now = new Int32Array(c.H);
    this.capsLeft = new Int32Array(this.T);
    this.typePrice = new Float64Array(this.T);
    this.typeCount = new Int32Array(this.T);
    let step = 1;
    for (let d = 0; d < c.D; d++)
      step = Math.max(step, c.underWeight[d]! * this.wUnder, c.overWeight[d]! * this.wOver);
    this.priceStep = step;
    this.dayUnits = new Int32Array(c.H);
    for (let d = 0; d < c.D; d++) {
      const x = c.day[d]!;
      if (x >= 0 && x < c.H)
        this.dayUnits[x] = Math.max(this.dayUnits[x]!, Math.round((c.end[d]! - c.start[d]!) / this.unit));
    }
    const people: number[] = [];
    this.windowDays = new Int32Array(c.R);
    for (let r = 0; r < c.R; r++) {
      let days = c.H;
      // The whole row, else the most whole weeks that fit.
      if (this.cells(r, c.H) > MAX_CELLS) {
        days = 7 * Math.floor(c.H / 7);
        while (days > 0 && this.cells(r, days) > WINDOW_CELLS) days -= 7;
      }
      this.windowDays[r] = days;
      if (days > 0) people.push(r);
    }
    this.people = Int32Array.from(people);
    this.whole = this.windowDays.every((days) => days >= c.H);
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
   * Plans r's best row over days a .. b - 1 (by default the whole row) into `row`, the rest of the row
   * as it is; false when the window has too many states to plan or no row keeps the rules. The cost is
   * the plan's own (cover and requests against everyone else's work).
   */
  plan(state: State, r: number, a = 0, b = this.c.H): boolean {
    if (a < 0 || b > this.c.H || a >= b || b - a > this.windowDays[r]!) return false;
    this.work += this.c.D;
    const frame = this.frame(state, r, a, b);
    if (!frame) return false;
    this.priceDays(state, r);
    const caps = this.c.typeCaps[r];
    this.typePrice.fill(0);
    // A cap above 0 is kept by pricing its shift type up until the row keeps it (a few rounds).
    for (let round = 0; round < 4; round++) {
      if (!this.planPriced(r, frame)) return false;
      if (!caps) return true;
      const over = this.overCaps(frame);
      if (over < 0) return true;
      this.typePrice[over] = this.typePrice[over]! * 2 + this.priceStep;
    }
    return false;
  }

  /**
   * r's best whole row when working demand d costs `prices[d]` (requests cost as ever), into `row`:
   * the pricing step of column generation, where the prices are the cover's duals. Returns the row's
   * cost at those prices, Infinity when no row keeps the rules.
   */
  planAt(state: State, r: number, prices: Float64Array): number {
    const { c } = this;
    if (this.windowDays[r]! < c.H) return Infinity;
    this.work += c.D;
    const frame = this.frame(state, r, 0, c.H);
    if (!frame) return Infinity;
    this.countTightestCap(frame);
    for (let d = 0; d < c.D; d++) this.dayCost[d] = c.flags[r * c.D + d] ? Infinity : prices[d]!;
    const caps = c.typeCaps[r];
    this.typePrice.fill(0);
    if (!caps) return this.planPriced(r, frame) ? this.rowCost(r, prices) : Infinity;
    // A type over its cap is priced up (Lagrangian pricing, one type at a time): from half the price
    // r's last plan needed (prices move little between a master's rounds), doubled until the row keeps
    // the cap, then a few halvings of the gap towards the least price that does.
    const T = this.T;
    const kept =
      this.capPrices.length === c.R * T ? this.capPrices : (this.capPrices = new Float64Array(c.R * T));
    for (let t = 0; t < T; t++) this.typePrice[t] = kept[r * T + t]! / 2;
    if (!this.planPriced(r, frame)) return Infinity;
    for (let round = 0; round < 8; round++) {
      const over = this.overCaps(frame);
      if (over < 0) break;
      let low = this.typePrice[over]!;
      let high = Math.max(1, 2 * low);
      for (;;) {
        this.typePrice[over] = high;
        if (!this.planPriced(r, frame)) return Infinity;
        if (this.overCaps(frame) !== over) break;
        low = high;
        high *= 2;
        if (high > 1e9) return Infinity;
      }
      for (let k = 0; k < CAP_HALVINGS; k++) {
        const mid = (low + high) / 2;
        this.typePrice[over] = mid;
        if (!this.planPriced(r, frame)) return Infinity;
        if (this.overCaps(frame) === over) low = mid;
        else high = mid;
      }
      this.typePrice[over] = high;
      if (!this.planPriced(r, frame)) return Infinity;
    }
    if (this.overCaps(frame) >= 0) return Infinity;
    for (let t = 0; t < T; t++) kept[r * T + t] = this.typePrice[t]!;
    return this.rowCost(r, prices);
  }

  /**
   * Puts the count of the shift type with the least cap that can bind into the window's state, where
   * the states stay within `MAX_CELLS`: its cap is then kept exactly, not priced (Curtois Instance8,
   * nights at most 4: the master's root at 1,359 with pricing, where the best known is 1,300).
   */
  private countTightestCap(f: Frame): void {
    let type = -1;
    for (let t = 0; t < this.T; t++) {
      const left = f.capsLeft[t]!;
      if (left < 1 || left >= f.b - f.a) continue;
      if (type < 0 || left < f.capsLeft[type]!) type = t;
    }
    if (type < 0 || f.shape.S * (f.capsLeft[type]! + 1) * (f.b - f.a) > MAX_CELLS) return;
    f.capType = type;
    f.Ck = f.capsLeft[type]! + 1;
  }

  /** The planned row's cost at `prices` and r's requests. */
  private rowCost(r: number, prices: Float64Array): number {
    let cost = this.requestCost(r, this.row);
    for (let x = 0; x < this.c.H; x++) if (this.row[x]! >= 0) cost += prices[this.row[x]!]!;
    return cost;
  }

  /** What r's requests cost (weighted) if r works `row` (a demand per day, -1 off). */
  requestCost(r: number, row: Int32Array): number {
    const T = this.T;
    const asked = this.requestCosts(r);
    let cost = 0;
    for (let x = 0; x < this.c.H; x++) {
      const d = row[x]!;
      cost += asked[x * (T + 1) + (d < 0 ? 0 : this.c.shiftType[d]! + 1)]!;
    }
    return cost;
  }

  /** The rest of r's row as the window [a, b) sees it; undefined where it leaves the window no room. */
  private frame(state: State, r: number, a: number, b: number): Frame | undefined {
    const { c, view, now, unit } = this;
    const H = c.H;
    for (let x = 0; x < H; x++) now[x] = state.demandOn(r, x);
    const worked = (x: number): boolean => now[x]! >= 0;
    const caps = c.typeCaps[r];
    const capsLeft = this.capsLeft.fill(-1);
    if (caps) capsLeft.set(caps);
    const afterWeekend = b < H && worked(b) && this.sameWeekend(b - 1, b);
    let restM = 0;
    let restW = 0;
    for (let x = 0; x < H; x++) {
      if ((x >= a && x < b) || !worked(x)) continue;
      const d = now[x]!;
      restM += Math.round((c.end[d]! - c.start[d]!) / unit);
      const t = c.shiftType[d]!;
      if (caps && caps[t]! >= 0) capsLeft[t] = Math.max(0, capsLeft[t]! - 1);
      const secondDay = x > 0 && this.sameWeekend(x - 1, x) && worked(x - 1);
      if (view.weekendDay[x] === 1 && !secondDay && !(x === b && afterWeekend)) restW++;
    }
    const shape = this.shape(r, a, b, restM, restW);
    if (shape.M <= 0 || shape.wLeft < 0) return undefined;
    let entry = -1;
    if (a > 0) {
      let n = 0;
      if (worked(a - 1)) {
        while (n < a && worked(a - 1 - n)) n++;
        entry = workKind(shape, c.shiftType[now[a - 1]!]!, Math.min(n, shape.maxRun), n === a);
      } else {
        while (n < a && !worked(a - 1 - n)) n++;
        entry = n === a ? 0 : Math.min(shape.minOff, n);
      }
    }
    let afterType = -1;
    let afterLength = 0;
    if (b < H) {
      const on = worked(b);
      if (on) afterType = c.shiftType[now[b]!]!;
      while (b + afterLength < H && worked(b + afterLength) === on) afterLength++;
    }
    return {
      a,
      b,
      entry,
      restM,
      restW,
      capsLeft,
      afterType,
      afterLength,
      afterToEnd: b + afterLength === H,
      afterWeekend,
      shape,
      capType: -1,
      Ck: 1,
    };
  }

  private planPriced(r: number, f: Frame): boolean {
    const { c, view, T, unit } = this;
    const { a, b } = f;
    const span = b - a;
    const { maxRun, minRun, minOff, maxM, minM, capM, maxW, offKinds, M, Wk } = f.shape;
    const { capsLeft, capType, Ck } = f;
    const S = f.shape.S * Ck;
    if (this.cost.length < S * span) {
      this.cost = new Float64Array(S * span);
      this.from = new Int32Array(S * span);
      this.pick = new Int32Array(S * span);
    }
    const { cost, from, pick } = this;
    cost.fill(Infinity, 0, S * span);
    const asked = this.requestCosts(r);
    const at = (kind: number, m: number, w: number, k: number): number => ((kind * M + m) * Wk + w) * Ck + k;
    // Units the days from x to the window's end can add at most: a state that cannot reach the
    // minimum from there is skipped (Curtois Instance8: minimum 17 of at most 18 shifts).
    const tail = this.tail.length > span ? this.tail : (this.tail = new Int32Array(span + 1));
    tail[span] = 0;
    for (let x = b - 1; x >= a; x--) tail[x - a] = tail[x - a + 1]! + this.dayUnits[x]!;

    let work = S;
    for (let x = a; x < b; x++) {
      const base = (x - a) * S;
      const weekend = view.weekendDay[x] === 1;
      // The day before is a weekend day of the same week (weeks as the contract rules count them).
      const sameWeekendBefore = x > 0 && this.sameWeekend(x - 1, x);
      const offCost = asked[x * (T + 1)]!;
      // The window's first day from its entry state.
      const states = x === a ? 1 : S;
      for (let s = 0; s < states; s++) {
        let prevCost: number;
        let kind: number;
        let m: number;
        let w: number;
        let k = 0;
        if (x === a) {
          prevCost = 0;
          kind = f.entry;
          m = 0;
          w = 0;
        } else {
          prevCost = cost[base - S + s]!;
          if (prevCost === Infinity) continue;
          work += 1 + view.dayStart[x + 1]! - view.dayStart[x]!;
          k = s % Ck;
          const rest = (s - k) / Ck;
          w = rest % Wk;
          m = Math.floor(rest / Wk) % M;
          if (m + tail[x - a]! < minM) continue;
          kind = Math.floor(rest / (Wk * M));
        }
        const working = kind >= offKinds;
        const wk = working ? kind - offKinds : 0;
        const early = working && wk < T * maxRun;
        const type = working ? Math.floor((wk % (T * maxRun)) / maxRun) : -1;
        const len = working ? (wk % maxRun) + 1 : kind <= 0 ? 0 : kind;
        // Off today.
        if (!working || early || len >= minRun) {
          const next = kind <= 0 ? 0 : working ? 1 : Math.min(minOff, len + 1);
          relax(base + at(next, m, w, k), prevCost + offCost, x === a ? -1 : s, -1);
        }
        // Work today: each demand of the day r may take.
        if (!working && kind > 0 && len < minOff) continue;
        for (let i = view.dayStart[x]!; i < view.dayStart[x + 1]!; i++) {
          const d = view.dayDemands[i]!;
          const t = c.shiftType[d]!;
          const price = this.dayCost[d]! + this.typePrice[t]!;
          if (price === Infinity) continue;
          if (capsLeft[t] === 0 || (t === capType && k + 1 >= Ck)) continue;
          if (working && (len >= maxRun || c.forbiddenNext[type * T + t])) continue;
          const add = Math.round((c.end[d]! - c.start[d]!) / unit);
          let m2 = m + add;
          if (m2 > maxM) {
            if (!capM) continue;
            m2 = maxM;
          }
          const w2 = weekend && !(sameWeekendBefore && working) ? w + 1 : w;
          if (w2 > maxW) continue;
          const next = working ? workKind(f.shape, t, len + 1, early) : workKind(f.shape, t, 1, x === 0);
          const k2 = t === capType ? k + 1 : k;
          relax(
            base + at(next, m2, w2, k2),
            prevCost + price + asked[x * (T + 1) + t + 1]!,
            x === a ? -1 : s,
            d,
          );
        }
      }
    }
    this.work += work;
    // The best end: minutes within the contract, and the rest of the row after the window kept to the
    // rules (at the row's end, the last run and days off are exempt from the minimums).
    const last = (span - 1) * S;
    let best = -1;
    for (let s = 0; s < S; s++) {
      const rest = Math.floor(s / Ck);
      const m = Math.floor(rest / Wk) % M;
      if (m < minM || cost[last + s] === Infinity) continue;
      if (!this.joins(f, Math.floor(rest / (Wk * M)), rest % Wk)) continue;
      if (best < 0 || cost[last + s]! < cost[last + best]!) best = s;
    }
    if (best < 0) return false;
    this.row.set(this.now);
    for (let x = b - 1, s = best; x >= a; x--) {
      this.row[x] = pick[(x - a) * S + s]!;
      s = from[(x - a) * S + s]!;
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

  /** The window ending in state (kind, weekends w) joins the rest of the row within the rules. */
  private joins(f: Frame, kind: number, w: number): boolean {
    if (f.b === this.c.H) return true;
    const { maxRun, minRun, minOff, offKinds, wLeft } = f.shape;
    const T = this.T;
    const working = kind >= offKinds;
    if (f.afterWeekend && !working && w + 1 > wLeft) return false;
    const afterWorks = f.afterType >= 0;
    const n = f.afterLength;
    if (working) {
      const wk = kind - offKinds;
      const early = wk < T * maxRun;
      const type = Math.floor((wk % (T * maxRun)) / maxRun);
      const len = (wk % maxRun) + 1;
      if (afterWorks) {
        if (this.c.forbiddenNext[type * T + f.afterType] || len + n > maxRun) return false;
        return early || f.afterToEnd || len + n >= minRun;
      }
      return (early || len >= minRun) && (f.afterToEnd || n >= minOff);
    }
    if (afterWorks) return (kind === 0 || kind >= minOff) && n <= maxRun && (f.afterToEnd || n >= minRun);
    return kind === 0 || f.afterToEnd || kind + n >= minOff;
  }

  /**
   * The states of r's row over days a .. b - 1: off (before any work, or for 1..minOff days, capped),
   * or a shift type and the run's length 1..maxRun, twice (runs that began on day 0, exempt from the
   * minimum, and the rest); times minutes worked within the window (in `unit`s, within what the rest
   * of the row leaves, saturating at the minimum where there is no maximum); times weekends worked
   * within it.
   */
  private shape(r: number, a: number, b: number, restM: number, restW: number) {
    const { c, T, unit } = this;
    const k = c.contract[r]!;
    const maxRun = Math.max(1, k.maxConsecutiveDays);
    const minRun = Math.max(1, k.minConsecutiveDays ?? 1);
    const minOff = Math.max(1, k.minConsecutiveDaysOff ?? 1);
    const least = k.minTotalMinutes !== undefined ? Math.ceil(k.minTotalMinutes / unit) : 0;
    const capM = k.maxTotalMinutes === undefined;
    let most = 0;
    for (let x = a; x < b; x++) most += this.dayUnits[x]!;
    const maxM = Math.min(
      most,
      capM ? Math.max(0, least - restM) : Math.floor(k.maxTotalMinutes! / unit) - restM,
    );
    const minM = Math.max(0, least - restM);
    let weekends = 0;
    for (let x = a; x < b; x++)
      if (this.view.weekendDay[x] === 1 && !(x > a && this.sameWeekend(x - 1, x))) weekends++;
    // Weekends the rest of the row leaves (the window's end may need one more: `joins`).
    const wLeft = (k.maxWeekends ?? Math.ceil(c.H / 7)) - restW;
    const maxW = Math.min(weekends, wLeft);
    const offKinds = 1 + minOff;
    const M = maxM + 1;
    const Wk = maxW + 1;
    const S = (offKinds + 2 * T * maxRun) * Math.max(0, M) * Math.max(0, Wk);
    return { T, maxRun, minRun, minOff, maxM, minM, capM, maxW, wLeft, offKinds, M, Wk, S };
  }

  /** Days x and y (after it) are weekend days of the same week (weeks as the contract rules count them). */
  private sameWeekend(x: number, y: number): boolean {
    const v = this.view.weekendDay;
    return v[x] === 1 && v[y] === 1 && Math.floor(x / 7) === Math.floor(y / 7);
  }

  /** The states of r's whole row (days x states a day), a measure of the work of planning it. */
  rowStates(r: number): number {
    return this.cells(r, this.c.H) * (this.c.D / this.c.H);
  }

  /** The states a window of r's first `days` days has at most (with nothing worked outside it). */
  private cells(r: number, days: number): number {
    return this.shape(r, 0, days, 0, 0).S * days;
  }

  /** A shift type the planned window has more of than the cap the rest of the row leaves, or -1. */
  private overCaps(f: Frame): number {
    const n = this.typeCount.fill(0);
    for (let x = f.a; x < f.b; x++) {
      const d = this.row[x]!;
      if (d >= 0) n[this.c.shiftType[d]!]!++;
    }
    for (let t = 0; t < this.T; t++) if (f.capsLeft[t]! >= 0 && n[t]! > f.capsLeft[t]!) return t;
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

/** The state of a run of shift type t, `len` days long so far (`early`: it began on day 0). */
function workKind(shape: Shape, t: number, len: number, early: boolean): number {
  const { offKinds, T, maxRun } = shape;
  return offKinds + (early ? 0 : T * maxRun) + t * maxRun + (len - 1);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
