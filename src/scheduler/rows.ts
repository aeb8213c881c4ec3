import type { Compiled } from './compile.js';
import type { Random } from './random.js';
import { RunCapacity } from './run-capacity.js';

/**
 * A person's row: at most one demand per local day. The view below lists each day's demands, so row
 * construction and row moves can ask "what may r work on day x". From the Curtois engine, where rows
 * (one employee over the horizon) are where every contract rule lives.
 */
export interface RowView {
  /** Demands of day x are dayDemands[dayStart[x] .. dayStart[x + 1] - 1]. */
  readonly dayStart: Int32Array;
  readonly dayDemands: Int32Array;
  /** Minutes of each demand. */
  readonly length: Float64Array;
  /** Days with a weekend-flagged demand. */
  readonly weekendDay: Uint8Array;
}

export function rowView(c: Compiled): RowView {
  const H = c.H;
  const dayStart = new Int32Array(H + 1);
  for (let d = 0; d < c.D; d++) if (c.day[d]! >= 0 && c.day[d]! < H) dayStart[c.day[d]! + 1]!++;
  for (let x = 0; x < H; x++) dayStart[x + 1]! += dayStart[x]!;
  const fill = dayStart.slice(0, H);
  const dayDemands = new Int32Array(dayStart[H]!);
  const length = new Float64Array(c.D);
  const weekendDay = new Uint8Array(H);
  for (let d = 0; d < c.D; d++) {
    length[d] = c.end[d]! - c.start[d]!;
    const x = c.day[d]!;
    if (x < 0 || x >= H) continue;
    dayDemands[fill[x]!++] = d;
    if (c.weekend[d]) weekendDay[x] = 1;
  }
  return { dayStart, dayDemands, length, weekendDay };
}

/** True when a problem has contracts with a minimum or maximum total, where rows are worth building. */
export function wantsRows(c: Compiled): boolean {
  return c.contract.some((k) => (k.minTotalMinutes ?? 0) > 0);
}

/**
 * Builds one resource's row that breaks no contract rule (caps per type, total minutes, runs of work
 * and days off, weekends, successions, rest), by depth-first search over the days with a node budget.
 * Work is preferred while the row is behind the pace that reaches the middle of its minutes window (the
 * pace counts only days it may work, and weekends by its share of them, so holidays and the weekend
 * limit are planned for, not found late); among demands, those with most unmet cover (`need`) first.
 * `free[d]` is the empty slots left on d. Returns the demand chosen per day (-1: off), or null.
 */
export class RowBuilder {
  private readonly chosen: Int32Array;
  /** Options per day of the search (a day's demands and off), each depth with its own part. */
  private readonly most: number;
  private readonly options: Int32Array;
  private readonly scores: Float64Array;
  private readonly workable: Int32Array;
  private readonly weekendFrom: Int32Array;
  private readonly pace: Float64Array;
  private typeCount = new Int32Array(8);
  private weekendWorked = new Uint8Array(8);
  private r = 0;
  private nodes = 0;
  private budget = 0;
  private minutes = 0;
  private weekends = 0;
  private target = 0;
  private longest = 0;
  /** Weekend days for the bound: days whose every demand is a weekend's (none if some days mix). */
  private readonly allWeekend: Uint8Array;
  private runs: RunCapacity | undefined;
  private readonly runTables = new Map<string, RunCapacity>();
  private runsFor = -1;
  private need: Int32Array = new Int32Array(0);
  private free: Int32Array = new Int32Array(0);

  constructor(
    private readonly c: Compiled,
    private readonly v: RowView,
    private readonly rnd: Random,
  ) {
    const H = c.H;
    this.chosen = new Int32Array(H);
    let most = 1;
    for (let x = 0; x < H; x++) most = Math.max(most, v.dayStart[x + 1]! - v.dayStart[x]! + 1);
    this.most = most;
    this.options = new Int32Array(most * (H + 1));
    this.scores = new Float64Array(most * (H + 1));
    this.workable = new Int32Array(H + 1);
    this.weekendFrom = new Int32Array(H + 1);
    for (let x = H - 1; x >= 0; x--) this.weekendFrom[x] = this.weekendFrom[x + 1]! + v.weekendDay[x]!;
    this.pace = new Float64Array(H + 1);
    this.allWeekend = new Uint8Array(H);
    let mixed = false;
    for (let x = 0; x < H; x++) {
      let all = v.dayStart[x + 1]! > v.dayStart[x]! ? 1 : 0;
      for (let i = v.dayStart[x]!; i < v.dayStart[x + 1]!; i++) if (!c.weekend[v.dayDemands[i]!]) all = 0;
      this.allWeekend[x] = all;
      if (all !== v.weekendDay[x]) mixed = true;
    }
    // A day with weekend and other demands may use a week's weekend or not: the bound then leaves
    // weekends out rather than count one twice.
    if (mixed) this.allWeekend.fill(0);
  }

  build(
    r: number,
    need: Int32Array,
    free: Int32Array,
    budget: number,
    workFirst: boolean,
  ): Int32Array | null {
    const { c, v } = this;
    const H = c.H;
    const k = c.contract[r]!;
    this.r = r;
    this.need = need;
    this.free = free;
    this.nodes = 0;
    this.budget = budget;
    this.minutes = 0;
    this.weekends = 0;
    const T = c.shiftTypeIds.length;
    if (this.typeCount.length < T) this.typeCount = new Int32Array(T);
    this.typeCount.fill(0);
    const weeks = Math.ceil(H / 7);
    if (this.weekendWorked.length < weeks) this.weekendWorked = new Uint8Array(weeks);
    this.weekendWorked.fill(0);
    let weekendWeeks = 0;
    for (let w = 0; w < weeks; w++)
      if (this.weekendFrom[w * 7]! > this.weekendFrom[Math.min(H, w * 7 + 7)]!) weekendWeeks++;
    const weekendShare = weekendWeeks > 0 ? Math.min(1, (k.maxWeekends ?? weeks) / weekendWeeks) : 1;
    this.prepare(r);
    this.pace[0] = 0;
    for (let x = 0; x < H; x++) {
      const worth = this.workable[x]! > this.workable[x + 1]! ? (v.weekendDay[x] ? weekendShare : 1) : 0;
      this.pace[x + 1] = this.pace[x]! + worth;
    }
    const min = k.minTotalMinutes ?? 0;
    const max = k.maxTotalMinutes ?? min;
    this.target = workFirst ? Infinity : (min + max) / 2 / Math.max(this.pace[H]!, 1);
    return this.visit(0, 0, true) ? this.chosen : null;
  }

  /**
   * The most minutes r's row could hold under its run and weekend rules (its longest shift on every
   * day worked), ignoring cover: how much room the row has above its minimum.
   */
  maxMinutes(r: number): number {
    this.prepare(r);
    const k = this.c.contract[r]!;
    return Math.max(0, this.runs!.at(0, false, 0, true, k.maxWeekends ?? Infinity)) * this.longest;
  }

  /** What depends on the person alone: days they may work, their longest shift, the bound by runs. */
  private prepare(r: number): void {
    if (this.runsFor === r) return;
    const { c, v } = this;
    const H = c.H;
    const k = c.contract[r]!;
    this.longest = 0;
    for (let x = H - 1; x >= 0; x--) {
      let any = 0;
      for (let i = v.dayStart[x]!; i < v.dayStart[x + 1]!; i++) {
        const d = v.dayDemands[i]!;
        if (c.flags[r * c.D + d]) continue;
        any = 1;
        this.longest = Math.max(this.longest, v.length[d]!);
      }
      this.workable[x] = this.workable[x + 1]! + any;
    }
    // One table per kind of contract, refilled per person (a year's table is about half a megabyte).
    const key = `${k.maxConsecutiveDays}/${k.minConsecutiveDays}/${k.minConsecutiveDaysOff}/${k.maxWeekends}`;
    let runs = this.runTables.get(key);
    if (!runs) {
      runs = new RunCapacity(H, this.allWeekend, {
        maxRun: k.maxConsecutiveDays,
        minRun: k.minConsecutiveDays,
        minOff: k.minConsecutiveDaysOff,
        maxWeekends: k.maxWeekends,
      });
      this.runTables.set(key, runs);
    }
    this.runs = runs;
    this.runs.fill((x) => this.workable[x]! > this.workable[x + 1]!);
    this.runsFor = r;
  }

  /** Days of work still possible from day x on, at most (for pruning rows that cannot reach the minimum). */
  private capacity(x: number, run: number, fromStart: boolean): number {
    const H = this.c.H;
    const left = H - x;
    const prevWorked = x > 0 && this.chosen[x - 1]! >= 0;
    const maxW = this.c.contract[this.r]!.maxWeekends;
    let cap = this.runs!.at(x, prevWorked, run, fromStart, (maxW ?? Infinity) - this.weekends);
    if (cap < 0) return -Infinity;
    if (maxW !== undefined && this.weekends >= maxW) {
      const week = Math.floor(x / 7);
      const nextWeek = Math.min(H, week * 7 + 7);
      const thisWeek = this.weekendWorked[week] ? 0 : this.weekendFrom[x]! - this.weekendFrom[nextWeek]!;
      cap = Math.min(cap, left - thisWeek - this.weekendFrom[nextWeek]!);
    }
    return cap;
  }

  private visit(x: number, run: number, fromStart: boolean): boolean {
    const { c, v } = this;
    const k = c.contract[this.r]!;
    if (x === c.H) return this.minutes >= (k.minTotalMinutes ?? 0);
    if (++this.nodes > this.budget) return false;
    if (this.minutes + this.capacity(x, run, fromStart) * this.longest < (k.minTotalMinutes ?? 0))
      return false;
    const prev = x > 0 ? this.chosen[x - 1]! : -1;
    const prevWorked = prev >= 0;
    const behind = this.minutes < this.target * this.pace[x + 1]!;
    const base = x * this.most;
    let n = 0;
    if (this.allowed(x, -1, prev, run, fromStart)) {
      this.options[base + n] = -1;
      this.scores[base + n++] = (behind ? -1 : 2) + this.rnd.next();
    }
    for (let i = v.dayStart[x]!; i < v.dayStart[x + 1]!; i++) {
      const d = v.dayDemands[i]!;
      if (!this.allowed(x, d, prev, run, fromStart)) continue;
      this.options[base + n] = d;
      this.scores[base + n++] = this.need[d]! + (behind ? 1 : 0) + this.rnd.next();
    }
    for (let j = 0; j < n; j++) {
      let at = base + j;
      for (let q = base + j + 1; q < base + n; q++) if (this.scores[q]! > this.scores[at]!) at = q;
      const d = this.options[at]!;
      this.options[at] = this.options[base + j]!;
      this.scores[at] = this.scores[base + j]!;
      const continues = x > 0 && d >= 0 === prevWorked;
      this.take(x, d, 1);
      if (this.visit(x + 1, continues ? run + 1 : 1, continues ? fromStart : x === 0)) return true;
      this.take(x, d, -1);
      // Once the budget is gone, unwind without trying alternatives.
      if (this.nodes > this.budget) return false;
    }
    return false;
  }

  private take(x: number, d: number, by: 1 | -1): void {
    const c = this.c;
    this.chosen[x] = by > 0 ? d : -1;
    if (d < 0) return;
    this.minutes += by * this.v.length[d]!;
    const t = c.shiftType[d]!;
    if (t >= 0) this.typeCount[t]! += by;
    if (!c.weekend[d]) return;
    const w = Math.floor(x / 7);
    // A week's weekend is counted once: only one demand a day, and the flag is set by the first day.
    const before = this.weekendWorked[w]!;
    this.weekendWorked[w] = before + by;
    if (by > 0 && before === 0) this.weekends++;
    else if (by < 0 && before === 1) this.weekends--;
  }

  private allowed(x: number, d: number, prev: number, run: number, fromStart: boolean): boolean {
    const c = this.c;
    const k = c.contract[this.r]!;
    const prevWorked = prev >= 0;
    if (d < 0) return !(prevWorked && !fromStart && run < (k.minConsecutiveDays ?? 1));
    if (c.flags[this.r * c.D + d] || this.free[d]! <= 0) return false;
    if (this.minutes + this.v.length[d]! > (k.maxTotalMinutes ?? Infinity)) return false;
    const t = c.shiftType[d]!;
    const caps = c.typeCaps[this.r];
    if (caps && t >= 0 && caps[t]! >= 0 && this.typeCount[t]! >= caps[t]!) return false;
    if (prevWorked) {
      const tp = c.shiftType[prev]!;
      if (tp >= 0 && t >= 0 && c.forbiddenNext[tp * c.shiftTypeIds.length + t]) return false;
      if (c.end[prev]! + k.minRestMinutes > c.start[d]!) return false;
      if (run >= k.maxConsecutiveDays) return false;
    } else if (x > 0 && !fromStart && run < (k.minConsecutiveDaysOff ?? 1)) return false;
    const maxW = k.maxWeekends;
    if (maxW !== undefined && c.weekend[d] && !this.weekendWorked[Math.floor(x / 7)] && this.weekends >= maxW)
      return false;
    return true;
  }
}
