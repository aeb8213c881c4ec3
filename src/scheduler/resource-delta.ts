import type { Compiled } from './compile.js';
import { CONSTRAINTS, LEVEL_INDEX, RESOURCE_RULES, constraintIndex } from './constraints/index.js';
import type { ResourceConstraint } from './constraints/index.js';
import { Journal } from './journal.js';
import { firstFrom, overlapOf, successionsOn } from './timeline.js';
import { weekendWindowExcess } from './constraints/contract.js';

/**
 * The contract rules of each person (and overlap) kept up to date around the days a move changed,
 * instead of recounted over the whole timeline each time the person is touched (on Instance21, 182
 * days, the recount was 40% of a search). The rules' own functions in `constraints/` stay the
 * definition: a full recount and the explanations use them, and the property tests hold these figures
 * equal to them.
 *
 * - Runs (`minConsecutiveDays`, `minConsecutiveDaysOff`, `maxConsecutiveDays`), successions and
 *   requests are sums over days: each run's penalty is written on its first day, each succession on
 *   the second day, each request on its day. A change on day x can only alter the runs between the
 *   start of the run holding x - 1 and the end of the run holding x + 1, the successions on x and
 *   x + 1 and the requests on x: those days are recomputed and the difference added to the total.
 * - Type caps, total minutes, weekends and overlap are counters updated as shifts come and go (a
 *   shift overlaps only shifts starting less than the longest shift's length before it ends).
 */

/** The rules kept here by kind: kinds below BY_DAY are sums over days, the others come from counters. */
const [MIN_DAYS, MIN_OFF, MAX_DAYS, SUCCESSION, REQUESTS, TYPE_CAP, TOTAL, WEEKENDS, OVERLAP] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8,
];
const BY_DAY = 5;
/** The by-day kinds a day can be named for (requests are soft). */
const DAY_RULES = [MIN_DAYS, MIN_OFF, MAX_DAYS, SUCCESSION] as const;
const NAMES = [
  'minConsecutiveDays',
  'minConsecutiveDaysOff',
  'maxConsecutiveDays',
  'succession',
  'requests',
  'shiftTypeCap',
  'totalMinutes',
  'maxWeekends',
  'overlap',
] as const;
const KINDS = NAMES.length;
/** Journal entries that are not by-day figures (those carry their kind, 0 and up). */
const TOTAL_ENTRY = -1;
const OVERLAP_ENTRY = -2;

export class ResourceDelta {
  /** 1 for each constraint (by index in CONSTRAINTS) scored here: the state does not evaluate it. */
  readonly handled: Uint8Array;
  private readonly rules: ResourceConstraint[];
  private readonly on = new Uint8Array(KINDS);
  private readonly weight = new Float64Array(KINDS);
  private readonly level = new Int32Array(KINDS);
  /** Days are kept from `lo` (the earliest prior shift's day, or 0) for W days. */
  private readonly lo: number;
  private readonly W: number;
  private readonly T: number;
  /** Shifts starting on each day (R x W), prior ones included, and the sum of their indices + 1. */
  private readonly starts: Int32Array;
  private readonly startSum: Float64Array;
  /**
   * Each by-day rule's penalty written on each day (R x W x 5: a day's figures side by side, as they
   * are read and written together), and its total per resource (R x 5).
   */
  private readonly byDay: Float64Array;
  private readonly totals: Float64Array;
  private readonly typeCount: Int32Array;
  private readonly capOver: Float64Array;
  private readonly minutes: Float64Array;
  /** Minutes of overlap per resource, and the longest shift (how far back an overlap can start). */
  private readonly overlapMinutes: Float64Array;
  private readonly longest: number;
  /** Weekend-flagged shifts per day (R x W), weekend days worked per week, weeks by days worked (R x 8). */
  private readonly weekendShifts: Int32Array;
  private readonly weekendDays: Int32Array;
  private readonly weeksWith: Int32Array;
  private readonly weeks: number;
  private readonly firstWeek: number;
  /**
   * Every person's requests in one list (by person, then day): shift type (-1: any), 1 for "on",
   * weight; and the index of each person's first request on or after each day (R x (W + 1)). Read
   * from typed arrays rather than the request objects, which were a cache miss at every refresh.
   */
  private readonly requestType: Int32Array;
  private readonly requestOn: Uint8Array;
  private readonly requestWeight: Float64Array;
  private readonly requestAt: Int32Array;
  /**
   * Days changed since each resource was last refreshed: `changedDays[r * W ..]` holds `changedCount[r]`
   * of them, each once (`changedMark`). Inside a move, the resources with any are `pending`.
   */
  private readonly changedDays: Int32Array;
  private readonly changedCount: Int32Array;
  private readonly changedMark: Uint8Array;
  /** Whether each changed day was worked before its first change: a day still so leaves the runs as they were. */
  private readonly changedWasWorked: Uint8Array;
  private readonly pending: Int32Array;
  private readonly isPending: Uint8Array;
  private pendingCount = 0;
  /** While a move is tried: (kind, index, old value) of every by-day figure written, for `rollback`. */
  private recording = false;
  /**
   * While the state puts a rejected move's shifts back: the counts follow, but overlap (a search along
   * the timeline) and the by-day figures come back from the journal instead of being worked out again.
   */
  private restoring = false;
  private readonly journal = new Journal();
  private readonly delta = new Float64Array(BY_DAY);
  /**
   * Each person's broken days as last listed, and the version of their by-day figures it was listed
   * at (bumped whenever they change): a search picks people breaking a rule again and again.
   */
  private readonly broken: number[][] = [];
  private readonly brokenAt: Int32Array;
  private readonly version: Int32Array;
  /**
   * While a move is judged without being made (`beginDry` .. `endDry`): the counts follow the move, the
   * by-day figures are written to `shadow` (valid where `stamp` is the current one), and a figure that
   * would need the timeline (a day with two shifts) marks the judgement `unsafe`.
   */
  private dry = false;
  private unsafeDry = false;
  private readonly shadow: Float64Array;
  private readonly stamp: Int32Array;
  private stampNow = 0;
  /** True when no shift reaches a later day's earliest start: with one shift a day, nothing overlaps. */
  readonly rowShaped: boolean;

  constructor(
    private readonly c: Compiled,
    timelines: readonly number[][],
  ) {
    const { R, N } = c;
    this.handled = new Uint8Array(CONSTRAINTS.length);
    this.rules = NAMES.map((name) => RESOURCE_RULES.find((x) => x.rule.name === name)!.rule);
    NAMES.forEach((name, k) => {
      const index = constraintIndex(name);
      this.weight[k] = c.weights[index]!;
      this.level[k] = LEVEL_INDEX[CONSTRAINTS[index]!.level];
      if (this.weight[k] !== 0 && !c.idle[index]) {
        this.on[k] = 1;
        this.handled[index] = 1;
      }
    });
    let lo = 0;
    let hi = c.H;
    let longest = 0;
    for (let d = 0; d < N; d++) {
      lo = Math.min(lo, c.day[d]!);
      hi = Math.max(hi, c.day[d]! + 1);
      longest = Math.max(longest, c.end[d]! - c.start[d]!);
    }
    this.longest = longest;
    // The earliest start on each day and after it, to see whether any shift reaches a later day's.
    const earliest = new Float64Array(hi - lo + 1).fill(Infinity);
    for (let d = 0; d < N; d++) earliest[c.day[d]! - lo] = Math.min(earliest[c.day[d]! - lo]!, c.start[d]!);
    for (let x = hi - lo - 1; x >= 0; x--) earliest[x] = Math.min(earliest[x]!, earliest[x + 1]!);
    let rowShaped = true;
    for (let d = 0; d < N && rowShaped; d++) rowShaped = c.end[d]! <= earliest[c.day[d]! - lo + 1]!;
    this.rowShaped = rowShaped;
    this.overlapMinutes = new Float64Array(R);
    this.lo = lo;
    const W = (this.W = hi - lo);
    this.T = c.shiftTypeIds.length;
    this.starts = new Int32Array(R * W);
    this.startSum = new Float64Array(R * W);
    this.byDay = new Float64Array(R * W * BY_DAY);
    this.shadow = new Float64Array(R * W * BY_DAY);
    this.stamp = new Int32Array(R * W * BY_DAY);
    this.totals = new Float64Array(R * BY_DAY);
    this.typeCount = new Int32Array(R * this.T);
    this.capOver = new Float64Array(R);
    this.minutes = new Float64Array(R);
    this.firstWeek = Math.floor(lo / 7);
    this.weeks = Math.floor((hi - 1) / 7) - this.firstWeek + 1;
    this.weekendShifts = new Int32Array(R * W);
    this.weekendDays = new Int32Array(R * this.weeks);
    this.weeksWith = new Int32Array(R * 8);
    this.requestAt = new Int32Array(R * (W + 1));
    const allRequests = c.requests.flat();
    this.requestType = Int32Array.from(allRequests, (q) => q.type);
    this.requestOn = Uint8Array.from(allRequests, (q) => (q.on ? 1 : 0));
    this.requestWeight = Float64Array.from(allRequests, (q) => q.weight);
    let firstRequest = 0;
    this.changedDays = new Int32Array(R * W);
    this.changedCount = new Int32Array(R);
    this.changedMark = new Uint8Array(R * W);
    this.changedWasWorked = new Uint8Array(R * W);
    this.brokenAt = new Int32Array(R).fill(-1);
    this.version = new Int32Array(R);
    this.pending = new Int32Array(R);
    this.isPending = new Uint8Array(R);
    for (let r = 0; r < R; r++) {
      const list = c.requests[r]!;
      let i = 0;
      for (let x = 0; x <= W; x++) {
        while (i < list.length && list[i]!.day < x + lo) i++;
        this.requestAt[r * (W + 1) + x] = firstRequest + i;
      }
      firstRequest += list.length;
      for (const d of timelines[r]!) this.count(r, d, 1);
      this.forget(r);
      if (this.on[OVERLAP]) this.overlapMinutes[r] = this.rules[OVERLAP]!.evaluate(c, r, timelines[r]!);
      // Days outside the kept range (requests there) are in the totals once and never change.
      for (let k = 0; k < BY_DAY; k++)
        if (this.on[k]) this.totals[r * BY_DAY + k] = this.rules[k]!.evaluate(c, r, timelines[r]!);
      this.redoRuns(r, 0, W - 1);
      for (let x = 0; x < W; x++) {
        this.redoSuccession(r, timelines[r]!, x);
        this.redoRequests(r, timelines[r]!, x);
      }
      this.delta.fill(0);
    }
  }

  /**
   * Shift d has come to (by 1) or left (by -1) resource r's timeline `tl` (none while the totals are
   * first set).
   */
  count(r: number, d: number, by: 1 | -1, tl?: readonly number[]): void {
    const c = this.c;
    if (tl && this.on[OVERLAP] && !this.restoring) {
      const old = this.overlapMinutes[r]!;
      if (this.recording) this.journal.push3(OVERLAP_ENTRY, r, old);
      this.overlapMinutes[r] = old + by * overlapOf(this.c, d, tl, by > 0, this.longest);
    }
    const x = c.day[d]! - this.lo;
    const at = r * this.W + x;
    this.starts[at] = this.starts[at]! + by;
    this.startSum[at] = this.startSum[at]! + by * (d + 1);
    if (!this.changedMark[at] && !this.restoring) {
      this.changedMark[at] = 1;
      this.changedWasWorked[at] = this.starts[at]! - by > 0 ? 1 : 0;
      const n = this.changedCount[r]!;
      // Outside a move the state refreshes at once; inside one, `rollback` must find who has changes.
      if (this.recording && !this.isPending[r]) {
        this.isPending[r] = 1;
        this.pending[this.pendingCount++] = r;
      }
      this.changedDays[r * this.W + n] = x;
      this.changedCount[r] = n + 1;
    }
    if (d >= c.D) return;
    this.minutes[r] = this.minutes[r]! + by * (c.end[d]! - c.start[d]!);
    const t = c.shiftType[d]!;
    const caps = c.typeCaps[r];
    if (t >= 0) {
      const n = this.typeCount[r * this.T + t]! + by;
      this.typeCount[r * this.T + t] = n;
      const cap = caps ? caps[t]! : -1;
      if (cap >= 0) this.capOver[r] = this.capOver[r]! + Math.max(0, n - cap) - Math.max(0, n - by - cap);
    }
    if (c.weekend[d]) {
      const before = this.weekendShifts[at]!;
      this.weekendShifts[at] = before + by;
      if (before === 0 || before + by === 0) {
        const w = r * this.weeks + Math.floor(c.day[d]! / 7) - this.firstWeek;
        const k = this.weekendDays[w]!;
        this.weekendDays[w] = k + by;
        if (k > 0) this.weeksWith[r * 8 + k]!--;
        if (k + by > 0) this.weeksWith[r * 8 + k + by]!++;
      }
    }
  }

  /**
   * The shift r starts on (local) day `day`, read from the day's count without a search of the
   * timeline: -1 when none, -2 when there are several (the caller searches).
   */
  shiftOn(r: number, day: number): number {
    const x = day - this.lo;
    if (x < 0 || x >= this.W) return -2;
    const n = this.starts[r * this.W + x]!;
    return n === 0 ? -1 : n === 1 ? this.startSum[r * this.W + x]! - 1 : -2;
  }

  /** How many shifts r starts on (local) day `day` (days outside the kept range: 0). */
  shiftsOn(r: number, day: number): number {
    const x = day - this.lo;
    return x < 0 || x >= this.W ? 0 : this.starts[r * this.W + x]!;
  }

  /** The demand (not prior work) r works on day `day`: -1 when none, -2 when the caller must search. */
  demandOn(r: number, day: number): number {
    const d = this.shiftOn(r, day);
    return d >= this.c.D ? -1 : d;
  }

  /**
   * Days where a hard run or succession rule of r has a penalty written (a run that began before the
   * horizon has it on its first day there: day 0 is named instead).
   */
  brokenDays(r: number): readonly number[] {
    if (this.brokenAt[r] === this.version[r]) return this.broken[r]!;
    const out = (this.broken[r] ??= []);
    this.brokenAt[r] = this.version[r]!;
    let n = 0;
    const { W, lo } = this;
    for (const k of DAY_RULES) {
      if (!this.on[k] || this.level[k] !== 0 || this.totals[r * BY_DAY + k] === 0) continue;
      const days = this.byDay;
      for (let x = 0; x < W; x++) if (days[(r * W + x) * BY_DAY + k]! > 0) out[n++] = Math.max(0, x + lo);
    }
    out.length = n;
    return out;
  }

  /** Recomputes r's by-day figures around the days changed since the last refresh. */
  refresh(r: number, tl: readonly number[]): void {
    const n = this.changedCount[r]!;
    if (n === 0) return;
    const W = this.W;
    const base = r * W;
    const days = this.changedDays;
    // Ascending (usually a handful: an insertion sort, in place).
    for (let i = base + 1; i < base + n; i++) {
      const x = days[i]!;
      let j = i - 1;
      for (; j >= base && days[j]! > x; j--) days[j + 1] = days[j]!;
      days[j + 1] = x;
    }
    let coveredTo = -1;
    for (let i = base; i < base + n; i++) {
      const x = days[i]!;
      if (this.on[SUCCESSION]) {
        this.redoSuccession(r, tl, x);
        if (x + 1 < W) this.redoSuccession(r, tl, x + 1);
      }
      if (this.on[REQUESTS]) this.redoRequests(r, tl, x);
      if (x + 1 <= coveredTo) continue;
      // Runs follow only which days are worked: a day worked before and after (or off) changes none.
      if (this.starts[base + x]! > 0 === (this.changedWasWorked[base + x] === 1)) continue;
      // From the start of the run holding x - 1 to the end of the run holding x + 1.
      let from = Math.max(0, x - 1);
      const before = this.starts[base + from]! > 0;
      while (from > 0 && this.starts[base + from - 1]! > 0 === before) from--;
      let to = Math.min(W - 1, x + 1);
      const after = this.starts[base + to]! > 0;
      while (to < W - 1 && this.starts[base + to + 1]! > 0 === after) to++;
      this.redoRuns(r, from, to);
      coveredTo = to;
    }
    this.forget(r);
    if (this.dry) return;
    this.version[r]!++;
    for (let k = 0; k < BY_DAY; k++) {
      const dk = this.delta[k]!;
      if (dk === 0) continue;
      this.delta[k] = 0;
      const at = r * BY_DAY + k;
      if (this.recording) this.journal.push3(TOTAL_ENTRY, at, this.totals[at]!);
      this.totals[at] = this.totals[at]! + dk;
    }
  }

  /** Adds r's weighted penalties of the rules kept here to the levels in `out`. */
  addLevels(r: number, out: Float64Array): void {
    const on = this.on;
    for (let k = 0; k < BY_DAY; k++)
      if (on[k]) this.add(out, k, this.totals[r * BY_DAY + k]! + (this.dry ? this.delta[k]! : 0));
    if (on[TYPE_CAP]) this.add(out, TYPE_CAP, this.capOver[r]!);
    if (on[OVERLAP]) this.add(out, OVERLAP, this.overlapMinutes[r]!);
    if (on[TOTAL]) {
      const { minTotalMinutes: min, maxTotalMinutes: max } = this.c.contract[r]!;
      const total = this.minutes[r]!;
      this.add(
        out,
        TOTAL,
        (min !== undefined && total < min ? min - total : 0) +
          (max !== undefined && total > max ? total - max : 0),
      );
    }
    const { maxWeekends, weekendWindowWeeks: window } = this.c.contract[r]!;
    if (on[WEEKENDS] && maxWeekends !== undefined && window !== undefined) {
      const at = r * this.weeks - this.firstWeek;
      const weeks = Math.ceil(this.c.H / 7);
      this.add(
        out,
        WEEKENDS,
        weekendWindowExcess(this.weekendDays, at, weeks, this.c.weekendsBefore[r]!, maxWeekends, window),
      );
    } else if (on[WEEKENDS] && maxWeekends !== undefined) {
      // The weekend days worked in the lightest weekends beyond the maximum.
      let worked = 0;
      for (let k = 1; k < 8; k++) worked += this.weeksWith[r * 8 + k]!;
      let over = worked - maxWeekends;
      let penalty = 0;
      for (let k = 1; k < 8 && over > 0; k++) {
        const n = Math.min(over, this.weeksWith[r * 8 + k]!);
        penalty += n * k;
        over -= n;
      }
      this.add(out, WEEKENDS, penalty);
    }
  }

  private add(out: Float64Array, k: number, penalty: number): void {
    if (penalty !== 0) out[this.level[k]!] = out[this.level[k]!]! + penalty * this.weight[k]!;
  }

  /**
   * Starts judging a move without making it: the state counts its shifts in and out (`count`, then
   * `uncount` to take them back), and `dryLevels` gives each person's levels as they would be.
   */
  beginDry(): void {
    this.dry = true;
    this.unsafeDry = false;
    this.stampNow++;
  }

  /** r's levels with the counted changes (into `out`, zeroed first); false when not judged here. */
  dryLevels(r: number, tl: readonly number[], out: Float64Array): boolean {
    this.refresh(r, tl);
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    this.addLevels(r, out);
    this.delta.fill(0);
    return !this.unsafeDry;
  }

  /** Takes back a shift counted in while judging (the changed days are not marked again). */
  uncount(r: number, d: number, by: 1 | -1): void {
    this.restoring = true;
    this.count(r, d, by);
    this.restoring = false;
  }

  /** Ends the judgement (every person counted has had `dryLevels` or `forgetChanges`). */
  endDry(): void {
    this.dry = false;
    this.delta.fill(0);
  }

  /** Drops r's changed days (a judgement abandoned before r's levels were asked for). */
  forgetChanges(r: number): void {
    this.forget(r);
  }

  /** Starts recording by-day writes for `rollback`. */
  begin(): void {
    this.journal.clear();
    this.recording = true;
  }

  commit(): void {
    for (let i = 0; i < this.pendingCount; i++) this.isPending[this.pending[i]!] = 0;
    this.pendingCount = 0;
    this.recording = false;
  }

  private forget(r: number): void {
    const base = r * this.W;
    for (let i = base; i < base + this.changedCount[r]!; i++)
      this.changedMark[base + this.changedDays[i]!] = 0;
    this.changedCount[r] = 0;
  }

  /** Before the state puts a rejected move's shifts back (`rollback` follows). */
  beginRestore(): void {
    this.restoring = this.recording;
  }

  /** After the state has put the shifts back: restores the figures written and forgets the changed days. */
  rollback(): void {
    const j = this.journal.data;
    if (this.recording)
      for (let k = this.journal.length - 3; k >= 0; k -= 3) {
        const kind = j[k]!;
        const store = kind >= 0 ? this.byDay : kind === TOTAL_ENTRY ? this.totals : this.overlapMinutes;
        store[j[k + 1]!] = j[k + 2]!;
      }
    this.restoring = false;
    for (let i = 0; i < this.pendingCount; i++) {
      this.version[this.pending[i]!]!++;
      this.forget(this.pending[i]!);
      this.isPending[this.pending[i]!] = 0;
    }
    this.pendingCount = 0;
    this.recording = false;
  }

  /** The by-day figure at index i (as a judged move has written it, while judging). */
  private held(i: number): number {
    return this.dry && this.stamp[i] === this.stampNow ? this.shadow[i]! : this.byDay[i]!;
  }

  /** Writes one by-day figure, keeping the difference for the total. */
  private put(kind: number, at: number, value: number): void {
    const store = this.byDay;
    const i = at * BY_DAY + kind;
    if (this.dry) {
      const was = this.stamp[i] === this.stampNow ? this.shadow[i]! : store[i]!;
      this.shadow[i] = value;
      this.stamp[i] = this.stampNow;
      this.delta[kind] = this.delta[kind]! + value - was;
      return;
    }
    const old = store[i]!;
    if (old === value) return;
    if (this.recording) this.journal.push3(kind, i, old);
    store[i] = value;
    this.delta[kind] = this.delta[kind]! + value - old;
  }

  /** The runs of work and of days off starting in [from, to] (which end inside it) onto their first days. */
  private redoRuns(r: number, from: number, to: number): void {
    const on = this.on;
    if (!on[MIN_DAYS] && !on[MIN_OFF] && !on[MAX_DAYS]) return;
    const { c, lo, W } = this;
    const base = r * W;
    const contract = c.contract[r]!;
    const minDays = contract.minConsecutiveDays ?? 1;
    const minOff = contract.minConsecutiveDaysOff ?? 1;
    const maxDays = contract.maxConsecutiveDays;
    let x = from;
    while (x <= to) {
      const worked = this.starts[base + x]! > 0;
      let end = x;
      while (end < to && this.starts[base + end + 1]! > 0 === worked) end++;
      const first = x + lo;
      const last = end + lo;
      const length = end - x + 1;
      if (worked) {
        if (on[MIN_DAYS])
          this.put(
            MIN_DAYS,
            base + x,
            first > 0 && last < c.H - 1 && length < minDays ? minDays - length : 0,
          );
        if (on[MAX_DAYS]) this.put(MAX_DAYS, base + x, length > maxDays ? length - maxDays : 0);
        if (on[MIN_OFF]) this.put(MIN_OFF, base + x, 0);
      } else {
        // Days off between two working days, the second of them inside the horizon.
        const between = x > 0 && end < W - 1 && last + 1 >= 0;
        if (on[MIN_OFF]) this.put(MIN_OFF, base + x, between && length < minOff ? minOff - length : 0);
        if (on[MIN_DAYS]) this.put(MIN_DAYS, base + x, 0);
        if (on[MAX_DAYS]) this.put(MAX_DAYS, base + x, 0);
      }
      // Days inside a run hold nothing: only a day that began a run before is cleared (most are 0).
      for (let y = x + 1; y <= end; y++) {
        const at = (base + y) * BY_DAY;
        if (this.held(at + MIN_DAYS) !== 0) this.put(MIN_DAYS, base + y, 0);
        if (this.held(at + MIN_OFF) !== 0) this.put(MIN_OFF, base + y, 0);
        if (this.held(at + MAX_DAYS) !== 0) this.put(MAX_DAYS, base + y, 0);
      }
      x = end + 1;
    }
  }

  /** Forbidden pairs of a shift on day x - 1 and one on day x, written on x. */
  private redoSuccession(r: number, tl: readonly number[], x: number): void {
    if (!this.on[SUCCESSION] || x <= 0) return;
    const c = this.c;
    const at = r * this.W + x;
    const a = this.starts[at - 1]!;
    const b = this.starts[at]!;
    let n: number;
    if (a === 0 || b === 0) n = 0;
    else if (a === 1 && b === 1) {
      // One shift each day (a row): the pair is read off the day counts.
      const ta = c.shiftType[this.startSum[at - 1]! - 1]!;
      const tb = c.shiftType[this.startSum[at]! - 1]!;
      n = ta >= 0 && tb >= 0 && c.forbiddenNext[ta * this.T + tb] ? 1 : 0;
    } else {
      // The timeline is not yet what a judged move would make it.
      if (this.dry) this.unsafeDry = true;
      n = successionsOn(c, tl, x + this.lo);
    }
    this.put(SUCCESSION, at, n);
  }

  /** The weights of the requests on day x not met. */
  private redoRequests(r: number, tl: readonly number[], x: number): void {
    if (!this.on[REQUESTS]) return;
    const at = r * (this.W + 1) + x;
    const from = this.requestAt[at]!;
    const to = this.requestAt[at + 1]!;
    let penalty = 0;
    if (from < to) {
      const c = this.c;
      const day = x + this.lo;
      const n = this.starts[r * this.W + x]!;
      const only = n === 1 ? this.startSum[r * this.W + x]! - 1 : -1;
      if (n > 1 && this.dry) this.unsafeDry = true;
      const first = n > 1 ? firstFrom(tl, c.day, day) : tl.length;
      for (let k = from; k < to; k++) {
        const type = this.requestType[k]!;
        let met = only >= 0 && only < c.D && (type < 0 || c.shiftType[only] === type);
        for (let j = first; j < tl.length && c.day[tl[j]!] === day && !met; j++) {
          const d = tl[j]!;
          met = d < c.D && (type < 0 || c.shiftType[d] === type);
        }
        if ((this.requestOn[k] === 1) !== met) penalty += this.requestWeight[k]!;
      }
    }
    this.put(REQUESTS, r * this.W + x, penalty);
  }
}
