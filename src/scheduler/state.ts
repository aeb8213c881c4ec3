import type { Compiled } from './compile.js';
import {
  DEMAND_RULES,
  LOCATION_RULES,
  RESOURCE_RULES,
  constraintIndex,
  type Indexed,
} from './constraints/index.js';
import { IndexedSet } from './indexed-set.js';
import { Journal } from './journal.js';
import { firstFrom, insertSorted } from './timeline.js';
import { ResourceDelta } from './resource-delta.js';
import type { Score } from './model.js';

const levels = new Float64Array(3);

/** The rules of one scope, each scoring a part (resource, demand, location-period) from what it holds. */
type Rules<X> = readonly Indexed<{ evaluate(c: Compiled, i: number, x: X, emit: undefined): number }>[];

/** The rules of a scope that count in this problem (weight not 0, not idle), less those in `skip`. */
function active<X>(c: Compiled, rules: Rules<X>, skip?: Uint8Array): Rules<X> {
  return rules.filter(({ index }) => c.weights[index] !== 0 && !c.idle[index] && !skip?.[index]);
}

/** The three weighted levels of part i (given what it holds, x), written into `out`. */
function scorePart<X>(c: Compiled, rules: Rules<X>, i: number, x: X, out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (const { rule, index, level } of rules) {
    const p = rule.evaluate(c, i, x, undefined);
    if (p !== 0) out[level] = out[level]! + p * c.weights[index]!;
  }
}

/** Resource rules that only count shifts the person is ineligible for (bits of `Compiled.flags`). */
const READS_FLAGS = new Set(
  (['absence', 'region', 'skill', 'gender', 'exclusion'] as const).map((name) => constraintIndex(name)),
);

/**
 * Demand rules that read only how many people a demand has, not who: when every active one does, a
 * demand is rescored from its head count without listing its people.
 */
const COUNTS_HEADS = new Set(
  (['unfilled', 'underCover', 'overCover'] as const).map((n) => constraintIndex(n)),
);

/** Adds i to list[0..count) unless marked; returns the new count. */
function listOnce(list: number[], mark: Uint8Array, i: number, count: number): number {
  if (mark[i]) return count;
  mark[i] = 1;
  list[count] = i;
  return count + 1;
}

/** Kinds of scored part in the levels journal. */
const RES = 0;
const DEM = 1;
const LOC = 2;

/**
 * The solution being searched, with its score kept up to date move by move: a change to a slot
 * rescores only the two resources' timelines, the demand and its location-period. Inside a move
 * (`begin` .. `commit` / `rollback`) the rescoring waits until the score is read, so a move that
 * changes several slots of one person (a block swap, a row move, a transfer) rescores each part it
 * touched once, not once per slot.
 */
export class State {
  readonly assign: Int32Array;
  readonly timelines: number[][];
  /** People on each demand. */
  private readonly heads: Int32Array;
  /** True when the demand rules read only head counts. */
  private readonly headsOnly: boolean;
  private readonly resLevels: Float64Array;
  private readonly demLevels: Float64Array;
  private readonly locLevels: Float64Array;
  /**
   * Shifts per person at each location in each period, kept only when a location rule counts (none
   * does on the benchmark, where the counting was a twentieth of the search); otherwise all empty.
   */
  readonly locCounts: Map<number, number>[];
  private readonly sums = new Float64Array(3);
  /** Empty slots the search may fill. */
  readonly emptySlots: IndexedSet;
  private readonly conflictedSet: IndexedSet;
  /** Arrays of each length, reused to hand a demand's people to its rules. */
  private readonly peopleBySize: number[][] = [];
  /** True while a move is tried (between `begin` and `commit` / `rollback`). */
  private recording = false;
  /** Each setSlot's slot, previous and new resource in the move (for `rollback`). */
  private readonly slotJournal = new Journal();
  /** Each part the move touched (kind, index) with the levels it had before, recorded once. */
  private readonly levelJournal = new Journal();
  /** Parts touched by the move and not yet rescored; `mark` says which (one byte per kind x index). */
  private readonly dirty = new Journal();
  private readonly resMark: Uint8Array;
  private readonly demMark: Uint8Array;
  private readonly locMark: Uint8Array;
  /** The contract rules kept up to date around the changed days; the other rules recount a part. */
  private readonly contract: ResourceDelta;
  private readonly resourceRules: Rules<readonly number[]>;
  /** The same without the eligibility rules, for a person with no shift they are ineligible for. */
  private readonly eligibleRules: Rules<readonly number[]>;
  /** Shifts in each person's timeline that they are ineligible for (any bit of `flags`). */
  private readonly flagged: Int32Array;
  private readonly demandRules: Rules<readonly number[]>;
  private readonly locationRules: Rules<ReadonlyMap<number, number>>;
  /**
   * True when a move can be judged without being made (`peek`): every rule that counts is a contract
   * rule kept by day, a head count or an eligibility rule, and shifts never reach into a later day.
   */
  readonly canPeek: boolean;
  /** The people and demands a judged move touches, each once (`peekMark`), and a level scratch. */
  private readonly peekPeople: number[] = [];
  private readonly peekDemands: number[] = [];
  private readonly peekMarkR: Uint8Array;
  private readonly peekMarkD: Uint8Array;
  private readonly peekLevels = new Float64Array(3);
  /** The hard level `peek` found for its `focus` person (unchanged when the move does not touch them). */
  peekedHard = 0;

  constructor(readonly c: Compiled) {
    this.assign = Int32Array.from(c.initial);
    this.heads = new Int32Array(c.D);
    this.timelines = Array.from({ length: c.R }, () => []);
    this.resLevels = new Float64Array(c.R * 3);
    this.demLevels = new Float64Array(c.D * 3);
    const LP = c.locationIds.length * c.periodCount;
    this.locLevels = new Float64Array(LP * 3);
    this.resMark = new Uint8Array(c.R);
    this.demMark = new Uint8Array(c.D);
    this.locMark = new Uint8Array(LP);
    this.locCounts = Array.from({ length: LP }, () => new Map<number, number>());
    this.locationRules = active(c, LOCATION_RULES);
    this.emptySlots = new IndexedSet(c.S);
    this.conflictedSet = new IndexedSet(c.R);
    for (let d = c.D; d < c.N; d++) this.timelines[c.priorOwner[d]!]!.push(d);
    for (let s = 0; s < c.S; s++) {
      const r = this.assign[s]!;
      const d = c.slotDemand[s]!;
      if (r >= 0) {
        this.heads[d]!++;
        this.timelines[r]!.push(d);
        this.count(c.locPeriod[d]!, r, 1);
      } else if (!c.fixed[s]) this.emptySlots.add(s);
    }
    for (const tl of this.timelines) tl.sort((a, b) => c.start[a]! - c.start[b]! || a - b);
    this.contract = new ResourceDelta(c, this.timelines);
    this.resourceRules = active(c, RESOURCE_RULES, this.contract.handled);
    this.eligibleRules = this.resourceRules.filter(({ index }) => !READS_FLAGS.has(index));
    this.flagged = new Int32Array(c.R);
    this.timelines.forEach((tl, r) => {
      for (const d of tl) if (d < c.D && c.flags[r * c.D + d]) this.flagged[r] = this.flagged[r]! + 1;
    });
    this.demandRules = active(c, DEMAND_RULES);
    this.headsOnly = this.demandRules.every(({ index }) => COUNTS_HEADS.has(index));
    this.canPeek =
      this.contract.rowShaped &&
      this.eligibleRules.length === 0 &&
      this.locationRules.length === 0 &&
      this.headsOnly;
    this.peekMarkR = new Uint8Array(c.R);
    this.peekMarkD = new Uint8Array(c.D);
    for (let r = 0; r < c.R; r++) this.rescoreResource(r);
    for (let d = 0; d < c.D; d++) this.rescoreDemand(d);
    for (let lp = 0; lp < LP; lp++) this.rescoreLocation(lp);
  }

  /** The weighted [hard, medium, soft] totals (rescoring what the current move touched first). */
  get totals(): Float64Array {
    if (this.dirty.length > 0) this.flush();
    return this.sums;
  }

  /** Resources whose timeline breaks a hard rule. */
  get conflicted(): IndexedSet {
    if (this.dirty.length > 0) this.flush();
    return this.conflictedSet;
  }

  score(): Score {
    const t = this.totals;
    return { hard: t[0]!, medium: t[1]!, soft: t[2]! };
  }

  /** Days of r's row where a hard run or succession rule is broken, for repairs to aim at (read only). */
  brokenDays(r: number): readonly number[] {
    return this.contract.brokenDays(r);
  }

  resourceHard(r: number): number {
    if (this.dirty.length > 0) this.flush();
    return this.resLevels[r * 3]!;
  }

  /** Puts resource r (or -1: nobody) in slot s and updates the score. Returns the previous resource. */
  setSlot(s: number, r: number): number {
    const c = this.c;
    const old = this.assign[s]!;
    if (old === r) return old;
    const d = c.slotDemand[s]!;
    const lp = c.locPeriod[d]!;
    this.move(s, old, r);
    if (!this.recording) {
      if (old >= 0) this.rescoreResource(old);
      if (r >= 0) this.rescoreResource(r);
      this.rescoreDemand(d);
      this.rescoreLocation(lp);
      return old;
    }
    this.slotJournal.push3(s, old, r);
    if (old >= 0) this.touch(RES, old, this.resMark, this.resLevels);
    if (r >= 0) this.touch(RES, r, this.resMark, this.resLevels);
    this.touch(DEM, d, this.demMark, this.demLevels);
    this.touch(LOC, lp, this.locMark, this.locLevels);
    return old;
  }

  /** Marks a part for rescoring, recording its levels the first time the move touches it. */
  private touch(kind: number, i: number, mark: Uint8Array, store: Float64Array): void {
    if (mark[i] === 1) return;
    if (mark[i] === 0) this.levelJournal.push5(kind, i, store[i * 3]!, store[i * 3 + 1]!, store[i * 3 + 2]!);
    mark[i] = 1;
    this.dirty.push2(kind, i);
  }

  /** Rescores every part touched since the last flush. Marks stay at 2: "recorded, up to date". */
  private flush(): void {
    const dirty = this.dirty.data;
    for (let k = 0; k < this.dirty.length; k += 2) {
      const i = dirty[k + 1]!;
      switch (dirty[k]) {
        case RES:
          this.resMark[i] = 2;
          this.rescoreResource(i);
          break;
        case DEM:
          this.demMark[i] = 2;
          this.rescoreDemand(i);
          break;
        default:
          this.locMark[i] = 2;
          this.rescoreLocation(i);
      }
    }
    this.dirty.clear();
  }

  /**
   * The totals a move (slot `slots[k]` to resource `to[k]`, k < n) would give, written into `out`,
   * without making it: the moved shifts are counted in and out of the contract figures and taken back,
   * and nothing else changes. Most moves of a search are rejected, and making and undoing them was
   * half of its time. False when the move cannot be judged so (a person with an ineligible shift, or
   * with two shifts on a day the move touches): make it instead. With a `focus` person, their hard
   * level after the move is left in `peekedHard` (a row repair is judged by it).
   */
  peek(slots: readonly number[], to: readonly number[], n: number, out: Float64Array, focus = -1): boolean {
    const c = this.c;
    if (!this.canPeek || this.recording || !this.judgeable(slots, to, n, true)) return false;
    const people = this.peekPeople;
    const demands = this.peekDemands;
    if (focus >= 0) this.peekedHard = this.resLevels[focus * 3]!;
    let np = 0;
    let nd = 0;
    this.contract.beginDry();
    for (let k = 0; k < n; k++) {
      const d = c.slotDemand[slots[k]!]!;
      const from = this.assign[slots[k]!]!;
      const r = to[k]!;
      if (from >= 0) {
        this.contract.count(from, d, -1);
        np = listOnce(people, this.peekMarkR, from, np);
        this.heads[d]!--;
      }
      if (r >= 0) {
        this.contract.count(r, d, 1);
        np = listOnce(people, this.peekMarkR, r, np);
        this.heads[d]!++;
      }
      nd = listOnce(demands, this.peekMarkD, d, nd);
    }
    let ok = this.judgeable(slots, to, n, false);
    out.set(this.sums);
    const lv = this.peekLevels;
    for (let i = 0; i < np; i++) {
      const r = people[i]!;
      this.peekMarkR[r] = 0;
      if (!ok) {
        this.contract.forgetChanges(r);
        continue;
      }
      ok = this.contract.dryLevels(r, this.timelines[r]!, lv);
      if (r === focus) this.peekedHard = lv[0]!;
      for (let q = 0; q < 3; q++) out[q] = out[q]! + lv[q]! - this.resLevels[r * 3 + q]!;
    }
    for (let i = 0; i < nd; i++) {
      const d = demands[i]!;
      this.peekMarkD[d] = 0;
      if (!ok) continue;
      scorePart(c, this.demandRules, d, this.arrayOf(this.heads[d]!), lv);
      for (let q = 0; q < 3; q++) out[q] = out[q]! + lv[q]! - this.demLevels[d * 3 + q]!;
    }
    // Taken back in reverse, so each count returns to what it was.
    for (let k = n - 1; k >= 0; k--) {
      const d = c.slotDemand[slots[k]!]!;
      const from = this.assign[slots[k]!]!;
      const r = to[k]!;
      if (r >= 0) {
        this.contract.uncount(r, d, -1);
        this.heads[d]!--;
      }
      if (from >= 0) {
        this.contract.uncount(from, d, 1);
        this.heads[d]!++;
      }
    }
    this.contract.endDry();
    return ok;
  }

  /**
   * Each person the move touches has one shift or none on each day it touches (before the move, also
   * no shift they are ineligible for): their contract figures can be judged from day counts alone.
   */
  private judgeable(slots: readonly number[], to: readonly number[], n: number, before: boolean): boolean {
    const c = this.c;
    for (let k = 0; k < n; k++) {
      const d = c.slotDemand[slots[k]!]!;
      const from = this.assign[slots[k]!]!;
      const r = to[k]!;
      if (from >= 0 && this.contract.shiftsOn(from, c.day[d]!) > 1) return false;
      if (r >= 0 && this.contract.shiftsOn(r, c.day[d]!) > 1) return false;
      if (!before) continue;
      if (from >= 0 && this.flagged[from] !== 0) return false;
      if (r >= 0 && (this.flagged[r] !== 0 || c.flags[r * c.D + d])) return false;
    }
    return true;
  }

  /** Starts recording slot changes for `rollback`. */
  begin(): void {
    this.slotJournal.clear();
    this.recording = true;
    this.contract.begin();
  }

  /** Keeps the changes since `begin` and stops recording. */
  commit(): void {
    if (this.dirty.length > 0) this.flush();
    this.contract.commit();
    this.endMove();
  }

  /** Puts back every change since `begin`, restoring the recorded levels, and stops recording. */
  rollback(): void {
    if (!this.recording) return;
    this.contract.beginRestore();
    const j = this.slotJournal.data;
    for (let k = this.slotJournal.length - 3; k >= 0; k -= 3) this.move(j[k]!, j[k + 2]!, j[k + 1]!);
    this.contract.rollback();
    // Parts never rescored still hold their old levels; the others get them back.
    const L = this.levelJournal.data;
    for (let k = 0; k < this.levelJournal.length; k += 5) {
      const i = L[k + 1]!;
      const kind = L[k]!;
      const store = kind === RES ? this.resLevels : kind === DEM ? this.demLevels : this.locLevels;
      for (let q = 0; q < 3; q++) {
        this.sums[q] = this.sums[q]! + L[k + 2 + q]! - store[i * 3 + q]!;
        store[i * 3 + q] = L[k + 2 + q]!;
      }
      if (kind === RES) {
        if (store[i * 3]! > 0) this.conflictedSet.add(i);
        else this.conflictedSet.delete(i);
      }
    }
    this.dirty.clear();
    this.endMove();
  }

  private endMove(): void {
    const L = this.levelJournal.data;
    for (let k = 0; k < this.levelJournal.length; k += 5) {
      const kind = L[k]!;
      (kind === RES ? this.resMark : kind === DEM ? this.demMark : this.locMark)[L[k + 1]!] = 0;
    }
    this.levelJournal.clear();
    this.recording = false;
  }

  /** How many people demand d has. */
  headcount(d: number): number {
    return this.heads[d]!;
  }

  /** The demand r works on (local) day x, -1 for none; with two or more, the first in time. */
  demandOn(r: number, x: number): number {
    const d = this.contract.demandOn(r, x);
    if (d !== -2) return d;
    const c = this.c;
    const tl = this.timelines[r]!;
    for (let i = firstFrom(tl, c.day, x); i < tl.length && c.day[tl[i]!] === x; i++)
      if (tl[i]! < c.D) return tl[i]!;
    return -1;
  }

  /** True when r is on demand d. */
  works(d: number, r: number): boolean {
    const c = this.c;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) if (this.assign[s] === r) return true;
    return false;
  }

  /** Resources in demand d's slots (no -1). */
  peopleOf(d: number, into: number[] = []): number[] {
    const c = this.c;
    let n = 0;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) {
      const r = this.assign[s]!;
      if (r >= 0) into[n++] = r;
    }
    // Shortened only when it must be: setting an array's length is a call into the runtime.
    if (into.length !== n) into.length = n;
    return into;
  }

  /** Slot s goes from resource `from` to `to` (either may be -1): timelines, team counts, empty slots. */
  private move(s: number, from: number, to: number): void {
    const c = this.c;
    const d = c.slotDemand[s]!;
    const lp = c.locPeriod[d]!;
    this.assign[s] = to;
    if (from >= 0) {
      this.heads[d]!--;
      const tl = this.timelines[from]!;
      // In place (splice would allocate the removed element's array at every move), found by halving
      // (a year's timeline is a few hundred shifts).
      let i = firstFrom(tl, c.start, c.start[d]!);
      while (tl[i] !== d) i++;
      for (; i < tl.length - 1; i++) tl[i] = tl[i + 1]!;
      tl.pop();
      this.count(lp, from, -1);
      this.contract.count(from, d, -1, tl);
      if (c.flags[from * c.D + d]) this.flagged[from] = this.flagged[from]! - 1;
    }
    if (to >= 0) {
      this.heads[d]!++;
      insertSorted(c, this.timelines[to]!, d);
      this.count(lp, to, 1);
      this.contract.count(to, d, 1, this.timelines[to]!);
      if (c.flags[to * c.D + d]) this.flagged[to] = this.flagged[to]! + 1;
      this.emptySlots.delete(s);
    } else if (!c.fixed[s]) this.emptySlots.add(s);
  }

  private count(lp: number, r: number, by: number): void {
    if (this.locationRules.length === 0) return;
    const m = this.locCounts[lp]!;
    const n = (m.get(r) ?? 0) + by;
    if (n === 0) m.delete(r);
    else m.set(r, n);
  }

  private apply(store: Float64Array, at: number): void {
    for (let k = 0; k < 3; k++) {
      this.sums[k] = this.sums[k]! + levels[k]! - store[at + k]!;
      store[at + k] = levels[k]!;
    }
  }

  private rescoreResource(r: number): void {
    const tl = this.timelines[r]!;
    scorePart(this.c, this.flagged[r] === 0 ? this.eligibleRules : this.resourceRules, r, tl, levels);
    this.contract.refresh(r, tl);
    this.contract.addLevels(r, levels);
    this.apply(this.resLevels, r * 3);
    if (levels[0]! > 0) this.conflictedSet.add(r);
    else this.conflictedSet.delete(r);
  }

  /**
   * A reused array of length n, to hand a demand's people (or, for rules that only count them, its head
   * count) to its rules: shortening one array is a call into the runtime.
   */
  private arrayOf(n: number): number[] {
    return (this.peopleBySize[n] ??= Array.from({ length: n }, () => 0));
  }

  private rescoreDemand(d: number): void {
    const people = this.arrayOf(this.heads[d]!);
    scorePart(this.c, this.demandRules, d, this.headsOnly ? people : this.peopleOf(d, people), levels);
    this.apply(this.demLevels, d * 3);
  }

  private rescoreLocation(lp: number): void {
    scorePart(this.c, this.locationRules, lp, this.locCounts[lp]!, levels);
    this.apply(this.locLevels, lp * 3);
  }
}
