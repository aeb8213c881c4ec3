import type { Compiled } from './compile.js';
import { DEMAND_RULES, LOCATION_RULES, RESOURCE_RULES } from './constraints/index.js';
import { IndexedSet } from './indexed-set.js';
import type { Score } from './model.js';

const levels = new Float64Array(3);

/** The three weighted levels of one resource's timeline, written into `out`. */
export function scoreResource(c: Compiled, r: number, timeline: readonly number[], out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (const { rule, index, level } of RESOURCE_RULES) {
    const w = c.weights[index]!;
    if (w === 0 || c.idle[index]) continue;
    const p = rule.evaluate(c, r, timeline, undefined);
    if (p !== 0) out[level] = out[level]! + p * w;
  }
}

export function scoreDemand(c: Compiled, d: number, people: readonly number[], out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (const { rule, index, level } of DEMAND_RULES) {
    const w = c.weights[index]!;
    if (w === 0 || c.idle[index]) continue;
    const p = rule.evaluate(c, d, people, undefined);
    if (p !== 0) out[level] = out[level]! + p * w;
  }
}

export function scoreLocation(
  c: Compiled,
  lp: number,
  byResource: ReadonlyMap<number, number>,
  out: Float64Array,
): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (const { rule, index, level } of LOCATION_RULES) {
    const w = c.weights[index]!;
    if (w === 0 || c.idle[index]) continue;
    const p = rule.evaluate(c, lp, byResource, undefined);
    if (p !== 0) out[level] = out[level]! + p * w;
  }
}

/** Inserts d keeping the timeline sorted by (start, index). */
export function insertSorted(c: Compiled, timeline: number[], d: number): void {
  const s = c.start[d]!;
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = timeline[mid]!;
    const sm = c.start[m]!;
    if (sm < s || (sm === s && m < d)) lo = mid + 1;
    else hi = mid;
  }
  timeline.splice(lo, 0, d);
}

function record(j: number[], store: Float64Array, at: number): void {
  if (at >= 0) j.push(store[at]!, store[at + 1]!, store[at + 2]!);
  else j.push(0, 0, 0);
}

/**
 * The solution being searched, with its score kept up to date move by move: a change to a slot
 * rescores only the two resources' timelines, the demand and its location-period.
 */
export class State {
  readonly assign: Int32Array;
  readonly timelines: number[][];
  private readonly resLevels: Float64Array;
  private readonly demLevels: Float64Array;
  private readonly locLevels: Float64Array;
  readonly locCounts: Map<number, number>[];
  readonly totals = new Float64Array(3);
  /** Empty slots the search may fill. */
  readonly emptySlots: IndexedSet;
  /** Resources whose timeline breaks a hard rule. */
  readonly conflicted: IndexedSet;
  private readonly people: number[] = [];
  /**
   * While a move is tried: each setSlot's slot, resources and the levels they replaced, so a rejected
   * move is put back without rescoring anything (most moves are rejected, so this halves their cost).
   */
  private journal: number[] | undefined;
  /** One array reused by every move's journal. */
  private readonly journalBuffer: number[] = [];

  constructor(readonly c: Compiled) {
    this.assign = Int32Array.from(c.initial);
    this.timelines = Array.from({ length: c.R }, () => []);
    this.resLevels = new Float64Array(c.R * 3);
    this.demLevels = new Float64Array(c.D * 3);
    const LP = c.locationIds.length * c.periodCount;
    this.locLevels = new Float64Array(LP * 3);
    this.locCounts = Array.from({ length: LP }, () => new Map<number, number>());
    this.emptySlots = new IndexedSet(c.S);
    this.conflicted = new IndexedSet(c.R);
    for (let d = c.D; d < c.N; d++) this.timelines[c.priorOwner[d]!]!.push(d);
    for (let s = 0; s < c.S; s++) {
      const r = this.assign[s]!;
      const d = c.slotDemand[s]!;
      if (r >= 0) {
        this.timelines[r]!.push(d);
        this.count(c.locPeriod[d]!, r, 1);
      } else if (!c.fixed[s]) this.emptySlots.add(s);
    }
    for (const tl of this.timelines) tl.sort((a, b) => c.start[a]! - c.start[b]! || a - b);
    for (let r = 0; r < c.R; r++) this.rescoreResource(r);
    for (let d = 0; d < c.D; d++) this.rescoreDemand(d);
    for (let lp = 0; lp < LP; lp++) this.rescoreLocation(lp);
  }

  score(): Score {
    return { hard: this.totals[0]!, medium: this.totals[1]!, soft: this.totals[2]! };
  }

  resourceHard(r: number): number {
    return this.resLevels[r * 3]!;
  }

  /** Puts resource r (or -1: nobody) in slot s and updates the score. Returns the previous resource. */
  setSlot(s: number, r: number): number {
    const c = this.c;
    const old = this.assign[s]!;
    if (old === r) return old;
    const d = c.slotDemand[s]!;
    const lp = c.locPeriod[d]!;
    const j = this.journal;
    if (j) {
      // No array literals here: this runs on every slot change, and they were a tenth of the time in GC.
      j.push(s, old, r);
      record(j, this.resLevels, old * 3);
      record(j, this.resLevels, r * 3);
      record(j, this.demLevels, d * 3);
      record(j, this.locLevels, lp * 3);
    }
    this.assign[s] = r;
    if (old >= 0) {
      const tl = this.timelines[old]!;
      tl.splice(tl.indexOf(d), 1);
      this.rescoreResource(old);
      this.count(lp, old, -1);
    }
    if (r >= 0) {
      insertSorted(c, this.timelines[r]!, d);
      this.rescoreResource(r);
      this.count(lp, r, 1);
      this.emptySlots.delete(s);
    } else if (!c.fixed[s]) this.emptySlots.add(s);
    this.rescoreDemand(d);
    this.rescoreLocation(lp);
    return old;
  }

  /** Starts recording slot changes for `rollback`. */
  begin(): void {
    this.journalBuffer.length = 0;
    this.journal = this.journalBuffer;
  }

  /** Keeps the changes since `begin` and stops recording. */
  commit(): void {
    this.journal = undefined;
  }

  /** Puts back every change since `begin`, restoring the recorded levels, and stops recording. */
  rollback(): void {
    const j = this.journal;
    this.journal = undefined;
    if (!j) return;
    const c = this.c;
    const RECORD = 15;
    for (let k = j.length - RECORD; k >= 0; k -= RECORD) {
      const s = j[k]!;
      const old = j[k + 1]!;
      const r = j[k + 2]!;
      const d = c.slotDemand[s]!;
      const lp = c.locPeriod[d]!;
      this.assign[s] = old;
      if (r >= 0) {
        const tl = this.timelines[r]!;
        tl.splice(tl.indexOf(d), 1);
        this.count(lp, r, -1);
        this.restore(this.resLevels, r * 3, j, k + 6);
        if (this.resLevels[r * 3]! > 0) this.conflicted.add(r);
        else this.conflicted.delete(r);
      }
      if (old >= 0) {
        insertSorted(c, this.timelines[old]!, d);
        this.count(lp, old, 1);
        this.restore(this.resLevels, old * 3, j, k + 3);
        if (this.resLevels[old * 3]! > 0) this.conflicted.add(old);
        else this.conflicted.delete(old);
        this.emptySlots.delete(s);
      } else if (!c.fixed[s]) this.emptySlots.add(s);
      this.restore(this.demLevels, d * 3, j, k + 9);
      this.restore(this.locLevels, lp * 3, j, k + 12);
    }
  }

  private restore(store: Float64Array, at: number, j: number[], from: number): void {
    for (let q = 0; q < 3; q++) {
      this.totals[q] = this.totals[q]! + j[from + q]! - store[at + q]!;
      store[at + q] = j[from + q]!;
    }
  }

  /** Resources in demand d's slots (no -1). */
  peopleOf(d: number, into: number[] = []): number[] {
    into.length = 0;
    const c = this.c;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) {
      const r = this.assign[s]!;
      if (r >= 0) into.push(r);
    }
    return into;
  }

  private count(lp: number, r: number, by: number): void {
    const m = this.locCounts[lp]!;
    const n = (m.get(r) ?? 0) + by;
    if (n === 0) m.delete(r);
    else m.set(r, n);
  }

  private apply(store: Float64Array, at: number): void {
    for (let k = 0; k < 3; k++) {
      this.totals[k] = this.totals[k]! + levels[k]! - store[at + k]!;
      store[at + k] = levels[k]!;
    }
  }

  private rescoreResource(r: number): void {
    scoreResource(this.c, r, this.timelines[r]!, levels);
    this.apply(this.resLevels, r * 3);
    if (levels[0]! > 0) this.conflicted.add(r);
    else this.conflicted.delete(r);
  }

  private rescoreDemand(d: number): void {
    scoreDemand(this.c, d, this.peopleOf(d, this.people), levels);
    this.apply(this.demLevels, d * 3);
  }

  private rescoreLocation(lp: number): void {
    scoreLocation(this.c, lp, this.locCounts[lp]!, levels);
    this.apply(this.locLevels, lp * 3);
  }
}
