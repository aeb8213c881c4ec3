import type { Random } from '../random.js';
import type { Model } from './model.js';

/**
 * Builds one employee's row that breaks no hard rule, by depth-first search over the days with
 * backtracking (bounded by a node budget). Work is preferred while the row is behind the pace needed
 * to reach the middle of the minutes window (always, with `workFirst`); among shift types, those with
 * most unmet cover (`need`) come first.
 * Returns false when the budget runs out; the caller keeps whatever row it had.
 */
export function buildFeasibleRow(
  m: Model,
  e: number,
  rng: Random,
  need: Int32Array,
  out: Uint8Array,
  nodeBudget: number,
  workFirst = false,
): boolean {
  const search = new RowSearch(m, e, rng, need, nodeBudget, workFirst);
  if (!search.visit(0, 0, true)) return false;
  out.set(search.row, e * m.H);
  return true;
}

/** The depth-first search of one row: the row so far, its counts, and the bounds that prune it. */
class RowSearch {
  private readonly H: number;
  private readonly V: number;
  private readonly base: number;
  private readonly cmax: number;
  private readonly cmin: number;
  private readonly rmin: number;
  private readonly maxMinutes: number;
  private readonly minMinutes: number;
  private readonly maxWeekends: number;
  private readonly allowed: Uint8Array;
  private readonly longest: number;
  private readonly count: Int32Array;
  private readonly weekendWorked: Uint8Array;
  private weekends = 0;
  private minutes = 0;
  private nodes = 0;
  readonly row: Uint8Array;
  // Shared by every depth: a deeper call overwrites the ranking a shallower one is still walking.
  private readonly options: Uint8Array;
  private readonly scores: Float64Array;
  /** Suffix counts for the capacity bound: days that are not fixed off, and weekend days, from d on. */
  private readonly workable: Int32Array;
  private readonly weekendDays: Int32Array;
  private readonly pace: Float64Array;
  private readonly target: number;

  constructor(
    private readonly m: Model,
    private readonly e: number,
    private readonly rng: Random,
    private readonly need: Int32Array,
    private readonly nodeBudget: number,
    workFirst: boolean,
  ) {
    const { H, V } = m;
    this.H = H;
    this.V = V;
    this.base = e * H;
    this.cmax = m.maxConsecutive[e]!;
    this.cmin = m.minConsecutive[e]!;
    this.rmin = m.minDaysOff[e]!;
    this.maxMinutes = m.maxMinutes[e]!;
    this.minMinutes = m.minMinutes[e]!;
    this.maxWeekends = m.maxWeekends[e]!;
    this.allowed = m.allowed[e]!;
    let longest = 0;
    for (const v of this.allowed) longest = Math.max(longest, m.length[v]!);
    this.longest = longest;
    this.count = new Int32Array(V);
    this.weekendWorked = new Uint8Array(Math.max(1, m.W));
    this.row = new Uint8Array(H);
    this.options = new Uint8Array(V);
    this.scores = new Float64Array(V);
    this.workable = new Int32Array(H + 1);
    this.weekendDays = new Int32Array(H + 1);
    for (let d = H - 1; d >= 0; d--) {
      this.workable[d] = this.workable[d + 1]! + (m.fixedOff[this.base + d] ? 0 : 1);
      this.weekendDays[d] = this.weekendDays[d + 1]! + (m.weekendOf[d]! >= 0 ? 1 : 0);
    }
    this.pace = paceOf(m, e);
    this.target = workFirst ? Infinity : (this.minMinutes + this.maxMinutes) / 2 / Math.max(this.pace[H]!, 1);
  }

  visit(d: number, runLength: number, runFromStart: boolean): boolean {
    if (d === this.H) return this.minutes >= this.minMinutes;
    if (++this.nodes > this.nodeBudget) return false;
    if (this.cannotReachMinimum(d)) return false;
    const { options, scores, row } = this;
    const prevWorked = d > 0 && row[d - 1]! !== 0;
    const n = this.rankValues(d, runLength, runFromStart);
    for (let k = 0; k < n; k++) {
      let bestAt = k;
      for (let j = k + 1; j < n; j++) if (scores[j]! > scores[bestAt]!) bestAt = j;
      const v = options[bestAt]!;
      options[bestAt] = options[k]!;
      scores[bestAt] = scores[k]!;
      options[k] = v;
      const weekend = this.m.weekendOf[d]!;
      const newWeekend = v !== 0 && weekend >= 0 && this.weekendWorked[weekend] === 0;
      this.place(d, v, weekend, newWeekend);
      const continues = d > 0 && (v !== 0) === prevWorked;
      const ok = this.visit(d + 1, continues ? runLength + 1 : 1, continues ? runFromStart : d === 0);
      if (ok) return true;
      this.unplace(v, weekend, newWeekend);
      // Once the budget is gone, unwind without trying alternatives.
      if (this.nodes > this.nodeBudget) return false;
    }
    return false;
  }

  /** True when even the most work still possible from day d cannot reach the minimum minutes. */
  private cannotReachMinimum(d: number): boolean {
    const { H } = this;
    const left = H - d;
    let capacity = Math.min(this.workable[d]!, left - Math.floor(left / (this.cmax + 1)));
    if (this.weekends >= this.maxWeekends) {
      const nextSaturday = d + ((12 - (d % 7)) % 7);
      capacity = Math.min(capacity, left - (nextSaturday < H ? this.weekendDays[nextSaturday]! : 0));
    }
    return this.minutes + capacity * this.longest < this.minMinutes;
  }

  /** Puts the values allowed on day d into `options` with their (noisy) scores; returns how many. */
  private rankValues(d: number, runLength: number, runFromStart: boolean): number {
    const prev = d > 0 ? this.row[d - 1]! : 0;
    const prevWorked = d > 0 && prev !== 0;
    const behind = this.minutes < this.target * this.pace[d + 1]!;
    const { options, scores, rng, need, V } = this;
    let n = 0;
    for (const v of this.allowed) {
      if (!this.allowedHere(d, v, prev, prevWorked, runLength, runFromStart)) continue;
      options[n] = v;
      scores[n] = v === 0 ? (behind ? -1 : 2) + rng.next() : need[d * V + v]! + (behind ? 1 : 0) + rng.next();
      n++;
    }
    return n;
  }

  private place(d: number, v: number, weekend: number, newWeekend: boolean): void {
    this.row[d] = v;
    this.count[v]!++;
    this.minutes += this.m.length[v]!;
    if (newWeekend) {
      this.weekendWorked[weekend] = 1;
      this.weekends++;
    }
  }

  private unplace(v: number, weekend: number, newWeekend: boolean): void {
    if (newWeekend) {
      this.weekendWorked[weekend] = 0;
      this.weekends--;
    }
    this.minutes -= this.m.length[v]!;
    this.count[v]!--;
  }

  private allowedHere(
    d: number,
    v: number,
    prev: number,
    prevWorked: boolean,
    run: number,
    fromStart: boolean,
  ): boolean {
    const { m, e, V } = this;
    if (v === 0) return !(prevWorked && !fromStart && run < this.cmin);
    if (m.fixedOff[this.base + d]) return false;
    if (this.count[v]! >= m.maxShifts[e * V + v]! || this.minutes + m.length[v]! > this.maxMinutes)
      return false;
    if (m.forbidden[prev * V + v]) return false;
    if (prevWorked && run >= this.cmax) return false;
    if (d > 0 && !prevWorked && !fromStart && run < this.rmin) return false;
    const weekend = m.weekendOf[d]!;
    if (weekend >= 0 && this.weekendWorked[weekend] === 0 && this.weekends >= this.maxWeekends) return false;
    return true;
  }
}

/**
 * The pace to keep: the target minutes spread over the days by how workable each is, so that long
 * runs of fixed days off (holidays) and the weekend limit are planned for, not discovered late.
 */
function paceOf(m: Model, e: number): Float64Array {
  const { H } = m;
  const base = e * H;
  const weekendShare = m.W > 0 ? Math.min(1, m.maxWeekends[e]! / m.W) : 1;
  const pace = new Float64Array(H + 1);
  for (let d = 0; d < H; d++) {
    pace[d + 1] = pace[d]! + (m.fixedOff[base + d] ? 0 : m.weekendOf[d]! >= 0 ? weekendShare : 1);
  }
  return pace;
}
