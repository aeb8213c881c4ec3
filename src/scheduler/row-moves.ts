import type { Moves } from './moves.js';
import type { Random } from './random.js';
import { RowPlanner } from './row-plan.js';
import { RowBuilder, rowView, type RowView } from './rows.js';
import type { State } from './state.js';

const NOWHERE: readonly number[] = [];

/**
 * A row repair's score: the row's hard level, then unfilled cover (medium), so a row is not repaired by
 * leaving a family without anyone, then the soft total to break ties.
 */
function rowScore(hard: number, totals: Float64Array): number {
  return hard + totals[1]! + totals[2]! * 1e-4;
}

/** Longest stretch of days a row move touches (runs of work are at most about a week). */
const MAX_BLOCK = 7;

/**
 * Moves on one person's row (from the Curtois engine): a day changes what it holds (off or another
 * demand of that day), two stretches of the row exchange their work, a stretch becomes all off or all
 * one shift type. A person's hours, runs and weekends move without the person being swapped with
 * anyone, which single-slot moves cannot do where every step on the way breaks a contract rule.
 * Each applies itself through `Moves.set`, so the search keeps or rolls it back like any other move.
 */
export class RowMoves {
  readonly view: RowView;
  /**
   * The move being built, pairs of (day, demand or -1), and the changes it makes, pairs of (slot
   * left, slot taken, -1 for none): their lengths are kept apart, as `length = 0` on an array gives its storage
   * back and the next move grew it again (a tenth of the search on small instances, with its garbage).
   */
  private readonly plan: number[] = [];
  private planLength = 0;
  private readonly pairs: number[] = [];
  /** While a row is repaired: the days where it breaks a run or succession rule, to aim moves at. */
  private focus: readonly number[] = NOWHERE;
  /** Every shift-on request (person, day, shift type or -1), three numbers each, for `grant`. */
  private readonly onRequests: Int32Array;
  /** The totals of a repair move judged without being made. */
  private readonly judged = new Float64Array(3);
  /**
   * Share of fills where, when the one filling leaves another shift that day, someone off takes it
   * (`handOn`). Curtois Instances 6, 8, 9 at 6M moves, seeds 1-12: mean gap 10.2% without, 9.4% with.
   */
  handOnShare = 0.5;
  /** Plans a person's whole row at its best against everyone else's work, where the rules allow. */
  readonly planner: RowPlanner | undefined;

  constructor(
    private readonly moves: Moves,
    private readonly rnd: Random,
  ) {
    const c = moves.state.c;
    this.view = rowView(c);
    const on: number[] = [];
    c.requests.forEach((list, r) => {
      for (const q of list) if (q.on && q.day >= 0 && q.day < c.H) on.push(r, q.day, q.type);
    });
    this.onRequests = Int32Array.from(on);
    this.planner = RowPlanner.for(c, this.view);
  }

  private get state(): State {
    return this.moves.state;
  }

  /** The demand r works on day x (-1: none); with two the first, which is already a hard break. */
  demandOn(r: number, x: number): number {
    return this.state.demandOn(r, x);
  }

  /** An empty movable slot of d, or -1. */
  emptySlot(d: number): number {
    const { c, assign } = this.state;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) if (assign[s]! < 0 && !c.fixed[s]) return s;
    return -1;
  }

  /** The demand of day x that r may work with the shift type and location of `like`, or -1. */
  private sameKind(r: number, x: number, like: number): number {
    const { c } = this.state;
    const v = this.view;
    for (let i = v.dayStart[x]!; i < v.dayStart[x + 1]!; i++) {
      const d = v.dayDemands[i]!;
      if (c.shiftType[d] === c.shiftType[like] && c.loc[d] === c.loc[like] && !c.flags[r * c.D + d]) return d;
    }
    return -1;
  }

  /** One move of the mix on r; false when nothing changed. */
  random(r: number): boolean {
    const x = this.rnd.next();
    return x < 0.4 ? this.change(r) : x < 0.75 ? this.exchange(r) : this.setBlock(r);
  }

  /**
   * A move of the main search: a row move on someone, or (shares of the row moves) a relocation, a
   * fill or a request granted.
   */
  any(relocateShare: number, fillShare = 0, requestShare = 0): boolean {
    const x = this.rnd.next();
    if (x < relocateShare) return this.relocate();
    if (x < relocateShare + fillShare) return this.fill();
    if (x < relocateShare + fillShare + requestShare) return this.grant();
    const { conflicted, c } = this.state;
    if (conflicted.size === 0 || this.rnd.next() >= 0.35) return this.random(this.rnd.int(c.R));
    // Someone breaking a rule: aimed at the days where they break it.
    const r = conflicted.at(this.rnd.int(conflicted.size));
    this.focus = this.state.brokenDays(r);
    const moved = this.random(r);
    this.focus = NOWHERE;
    return moved;
  }

  /**
   * The first day of a stretch of `length` days: during a repair mostly within 3 days of a broken rule
   * (on a year's row a random day hardly ever lands there), otherwise anywhere.
   */
  private pickDay(length: number): number {
    const last = this.state.c.H - length;
    if (this.focus.length === 0 || this.rnd.next() < 0.3) return this.rnd.int(last + 1);
    const at = this.focus[this.rnd.int(this.focus.length)]! + this.rnd.int(7) - 3 - this.rnd.int(length);
    return Math.max(0, Math.min(last, at));
  }

  /**
   * r's row from day `from` becomes the planner's best against everyone else's work (false: none
   * planned): the whole row where the planner takes it whole, else its window of weeks, by default
   * starting on a random week (or up to day `to`).
   */
  replan(r: number, from?: number, to?: number): boolean {
    const p = this.planner;
    if (!p) return false;
    const H = this.state.c.H;
    const span = p.windowDays[r]!;
    const a = from ?? (span >= H ? 0 : 7 * this.rnd.int(Math.floor((H - span) / 7) + 1));
    const b = to ?? Math.min(H, a + span);
    if (!p.plan(this.state, r, a, b)) return false;
    this.planLength = 0;
    for (let x = a; x < b; x++) this.step(x, p.row[x]!);
    return this.apply(r);
  }

  /** Day x of r's row takes another value: off or a demand of that day it may work. */
  change(r: number): boolean {
    const { c } = this.state;
    const v = this.view;
    const x = this.pickDay(1);
    const n = v.dayStart[x + 1]! - v.dayStart[x]!;
    const k = this.rnd.int(n + 1);
    const d = k === n ? -1 : v.dayDemands[v.dayStart[x]! + k]!;
    if (d >= 0 && c.flags[r * c.D + d]) return false;
    this.planLength = 0;
    this.step(x, d);
    return this.apply(r);
  }

  /** Two equal stretches of r's row (often a weekend and two other days) exchange their work. */
  exchange(r: number): boolean {
    const { c } = this.state;
    const H = c.H;
    let length: number;
    let a: number;
    if (this.rnd.next() < 0.5 && H >= 7) {
      // A weekend against two other days: this is what moves work off (or onto) weekends.
      length = 2;
      a = 7 * this.rnd.int(Math.floor(H / 7)) + 5;
    } else {
      length = 1 + this.rnd.int(Math.min(MAX_BLOCK, H >> 1));
      a = this.rnd.int(H - length + 1);
    }
    const b = this.pickDay(length);
    if (a + length > H || Math.abs(a - b) < length) return false;
    this.planLength = 0;
    for (let i = 0; i < length; i++) {
      const da = this.demandOn(r, a + i);
      const db = this.demandOn(r, b + i);
      if (da === db) continue;
      const toA = db < 0 ? -1 : this.sameKind(r, a + i, db);
      const toB = da < 0 ? -1 : this.sameKind(r, b + i, da);
      if ((db >= 0 && toA < 0) || (da >= 0 && toB < 0)) return false;
      this.step(a + i, toA);
      this.step(b + i, toB);
    }
    return this.apply(r);
  }

  /** A stretch of 2-7 days of r's row becomes all off, or all of one shift type where r may work it. */
  setBlock(r: number): boolean {
    const { c } = this.state;
    const v = this.view;
    const H = c.H;
    if (H < 2) return false;
    const length = 2 + this.rnd.int(Math.min(MAX_BLOCK, H) - 1);
    const from = this.pickDay(length);
    const n = v.dayStart[from + 1]! - v.dayStart[from]!;
    const k = this.rnd.int(n + 1);
    const like = k === n ? -1 : v.dayDemands[v.dayStart[from]! + k]!;
    this.planLength = 0;
    for (let x = from; x < from + length; x++) this.step(x, like < 0 ? -1 : this.sameKind(r, x, like));
    return this.apply(r);
  }

  /**
   * Aims at a demand short of people without changing anyone's workload: a person free that day takes
   * it and gives up another day's work, preferably where that demand has more people than it needs.
   * Single changes cannot do this where hours are at their contract limits.
   */
  relocate(): boolean {
    const { c } = this.state;
    const d = this.shortDemand();
    if (d < 0) return false;
    const list = c.eligible[d]!;
    if (list.length === 0) return false;
    let r = -1;
    for (let tries = 0; tries < 8 && r < 0; tries++) {
      const x = list[this.rnd.int(list.length)]!;
      if (this.demandOn(x, c.day[d]!) < 0) r = x;
    }
    if (r < 0) return false;
    const drop = this.dropDay(r, c.day[d]!);
    if (drop < 0) return false;
    this.planLength = 0;
    this.step(drop, -1);
    this.step(c.day[d]!, d);
    return this.apply(r);
  }

  /**
   * Grants a shift-on request not met: its person works the shift asked for that day, in place of what
   * they had. Mostly by exchanging the day with someone on that shift (`grantBySwap`, cover and hours
   * kept); where no exchange can be made, on their own row, where one off that day gives up another
   * day's work half the time, as a relocation does, so their hours need not grow. Single changes on a
   * random day hardly ever land on a request. Curtois Instances 6, 8, 9 at 6M moves, seeds 1-6: mean
   * gap 13.1% without the exchange, 10.1% with it (Instance9 503 -> 470 on average).
   */
  grant(): boolean {
    const c = this.state.c;
    const n = this.onRequests.length / 3;
    if (n === 0) return false;
    const k = 3 * this.rnd.int(n);
    const r = this.onRequests[k]!;
    const x = this.onRequests[k + 1]!;
    const type = this.onRequests[k + 2]!;
    const cur = this.demandOn(r, x);
    // Met already: an ordinary row move instead, so a rota with its requests met loses no moves.
    if (cur >= 0 && (type < 0 || c.shiftType[cur] === type)) return this.random(this.rnd.int(c.R));
    const v = this.view;
    const first = v.dayStart[x]!;
    const count = v.dayStart[x + 1]! - first;
    let d = -1;
    for (let i = 0, at = this.rnd.int(count); i < count && d < 0; i++) {
      const e = v.dayDemands[first + ((at + i) % count)]!;
      if ((type < 0 || c.shiftType[e] === type) && !c.flags[r * c.D + e]) d = e;
    }
    if (d < 0) return false;
    if (this.grantBySwap(r, x, d, cur)) return true;
    this.planLength = 0;
    this.step(x, d);
    if (cur < 0 && this.rnd.next() < 0.5) {
      const drop = this.dropDay(r, x);
      if (drop >= 0) this.step(drop, -1);
    }
    return this.apply(r);
  }

  /**
   * Grants r's request for demand d on day x by exchanging day x with someone on d, so its cover stays;
   * where r was off that day, the other takes a day of r's work on which they are off (when one is
   * found in a few tries), so neither's hours change either.
   */
  private grantBySwap(r: number, x: number, d: number, cur: number): boolean {
    const { c, assign } = this.state;
    const first = c.slotStart[d]!;
    const n = c.slotStart[d + 1]! - first;
    let q = -1;
    for (let i = 0, at = this.rnd.int(n); i < n && q < 0; i++) {
      const who = assign[first + ((at + i) % n)]!;
      if (who >= 0 && who !== r) q = who;
    }
    if (q < 0) return false;
    let y = -1;
    if (cur < 0) {
      const tl = this.state.timelines[r]!;
      for (let tries = 0; tries < 6 && y < 0 && tl.length > 0; tries++) {
        const e = tl[this.rnd.int(tl.length)]!;
        if (e < c.D && c.day[e] !== x && this.demandOn(q, c.day[e]!) < 0) y = c.day[e]!;
      }
    }
    return this.moves.swapDays(r, q, x, y);
  }

  /** A day other than x that r works, preferably one whose demand has more people than it needs; or -1. */
  private dropDay(r: number, x: number): number {
    const c = this.state.c;
    const tl = this.state.timelines[r]!;
    let drop = -1;
    for (let tries = 0; tries < 6 && tl.length > 0; tries++) {
      const e = tl[this.rnd.int(tl.length)]!;
      if (e >= c.D || c.day[e] === x) continue;
      drop = c.day[e]!;
      if (this.state.headcount(e) > c.required[e]!) break;
    }
    return drop;
  }

  /** A demand short of people, found from its empty slots (a few tries), or -1. */
  private shortDemand(): number {
    const { c, emptySlots } = this.state;
    if (emptySlots.size === 0) return -1;
    for (let tries = 0; tries < 4; tries++) {
      const e = c.slotDemand[emptySlots.at(this.rnd.int(emptySlots.size))]!;
      if (this.state.headcount(e) < c.required[e]!) return e;
    }
    return -1;
  }

  /** Aims at a demand short of people: someone eligible takes it in place of what they had that day. */
  fill(): boolean {
    const c = this.state.c;
    const d = this.shortDemand();
    if (d < 0) return false;
    const list = c.eligible[d]!;
    if (list.length === 0) return false;
    const r = list[this.rnd.int(list.length)]!;
    const cur = this.demandOn(r, c.day[d]!);
    if (cur === d) return false;
    if (cur >= 0 && this.rnd.next() < this.handOnShare && this.handOn(r, cur, d)) return true;
    this.planLength = 0;
    this.step(c.day[d]!, d);
    return this.apply(r);
  }

  /**
   * r leaves `cur` for the short demand d of the same day, and someone off that day takes r's place on
   * `cur`, so the cover gained is not lost again: the person with hours to spare need not be one who
   * may work d.
   */
  private handOn(r: number, cur: number, d: number): boolean {
    const c = this.state.c;
    const list = c.eligible[cur]!;
    const x = c.day[d]!;
    let q = -1;
    for (let tries = 0; tries < 8 && q < 0; tries++) {
      const who = list[this.rnd.int(list.length)]!;
      if (this.demandOn(who, x) < 0) q = who;
    }
    const left = q < 0 ? -1 : this.moves.slotIn(cur, r);
    const taken = left < 0 ? -1 : this.emptySlot(d);
    if (taken < 0) return false;
    this.moves.propose(left, q);
    this.moves.propose(taken, r);
    return true;
  }

  /** Carries out the plan (pairs of day, demand or -1): first every removal, then every placement. */
  private apply(r: number): boolean {
    const p = this.plan;
    const slots = this.pairs;
    let n = 0;
    for (let i = 0; i < this.planLength; i += 2) {
      const cur = this.demandOn(r, p[i]!);
      const to = p[i + 1]!;
      if (cur === to) continue;
      // No demand is both left and taken (the plan's days are distinct), so a demand's empty slot is
      // the same whether the removals are made first or only proposed.
      const left = cur >= 0 ? this.moves.slotIn(cur, r) : -1;
      const taken = to >= 0 ? this.emptySlot(to) : -1;
      if ((cur >= 0 && left < 0) || (to >= 0 && taken < 0)) return false;
      slots[n++] = left;
      slots[n++] = taken;
    }
    for (let i = 0; i < n; i += 2) if (slots[i]! >= 0) this.moves.propose(slots[i]!, -1);
    for (let i = 1; i < n; i += 2) if (slots[i]! >= 0) this.moves.propose(slots[i]!, r);
    return n > 0;
  }

  /** Adds (day x, demand d or -1) to the plan. */
  private step(x: number, d: number): void {
    this.plan[this.planLength++] = x;
    this.plan[this.planLength++] = d;
  }

  /**
   * Builds rows for the people with no work yet, in random order, each leaning towards the cover the
   * rows before it left unmet; a row not found within its budget stays empty for the slot-by-slot
   * construction and the search. Several short randomised tries beat one long backtrack.
   */
  construct(shouldStop: () => boolean): void {
    const { c, assign } = this.state;
    const need = new Int32Array(c.D);
    const free = new Int32Array(c.D);
    for (let d = 0; d < c.D; d++) {
      need[d] = c.required[d]!;
      for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++)
        if (assign[s]! >= 0) need[d]!--;
        else if (!c.fixed[s]) free[d]!++;
    }
    const builder = new RowBuilder(c, this.view, this.rnd);
    let order: number[] = [];
    for (let r = 0; r < c.R; r++) if (this.state.timelines[r]!.every((d) => d >= c.D)) order.push(r);
    this.rnd.shuffle(order);
    // The rows with least room above their minimum choose first, while cover slots are still free.
    const room = new Float64Array(c.R);
    for (const r of order) room[r] = builder.maxMinutes(r) - (c.contract[r]!.minTotalMinutes ?? 0);
    order.sort((a, b) => room[a]! - room[b]!);
    const placed: number[] = [];
    for (let round = 0; ; round++) {
      const failed = this.placeRows(order, builder, need, free, placed, shouldStop);
      if (failed.length === 0 || round === 2 || shouldStop()) return;
      // Rows found no room once the others had taken the days they need: all again, theirs first
      // (Instance22, seeds 1-20: 3 left a row to the repair, 0 with this second round).
      for (const s of placed) {
        const d = c.slotDemand[s]!;
        this.state.setSlot(s, -1);
        need[d]!++;
        free[d]!++;
      }
      placed.length = 0;
      order = [...failed, ...order.filter((r) => !failed.includes(r))];
    }
  }

  /** Builds and places the rows in order (slots taken go to `placed`); returns those not found. */
  private placeRows(
    order: readonly number[],
    builder: RowBuilder,
    need: Int32Array,
    free: Int32Array,
    placed: number[],
    shouldStop: () => boolean,
  ): number[] {
    const c = this.state.c;
    const failed: number[] = [];
    for (const r of order) {
      if (shouldStop()) break;
      let row: Int32Array | null = null;
      for (let attempt = 0; attempt < 12 && !row; attempt++)
        row = builder.build(r, need, free, 8 * c.H + 200, attempt >= 8);
      if (!row) {
        failed.push(r);
        continue;
      }
      for (let x = 0; x < c.H; x++) {
        const d = row[x]!;
        if (d < 0) continue;
        const s = this.emptySlot(d);
        this.state.setSlot(s, r);
        placed.push(s);
        need[d]!--;
        free[d]!--;
      }
    }
    return failed;
  }

  /**
   * Repairs, one at a time, the people whose rows break a hard rule: a short annealing on that row
   * alone, scored by its hard penalty (the soft total only breaks ties). In the main search such a row
   * stalls where every step first breaks another rule. Returns how many rows still break one.
   */
  repair(movesPerRow: number, shouldStop: () => boolean): number {
    const state = this.state;
    const rows: number[] = [];
    for (let i = 0; i < state.conflicted.size; i++) rows.push(state.conflicted.at(i));
    let left = 0;
    for (const r of rows) {
      let current = rowScore(state.resourceHard(r), state.totals);
      for (let step = 0; step < movesPerRow && state.resourceHard(r) > 0; step++) {
        if ((step & 255) === 0) {
          if (shouldStop()) break;
          this.focus = state.brokenDays(r);
        }
        const temperature = 30 * (1 - step / movesPerRow) + 1;
        const moves = this.moves;
        moves.defer();
        const moved = moves.undefer(this.random(r));
        // Judged without being made where it can be (as in the main search), made only when kept.
        const judged = moves.judge(this.judged, r);
        if (!judged) moves.makeProposed();
        if (!moved) {
          moves.commit();
          continue;
        }
        const candidate = judged
          ? rowScore(state.peekedHard, this.judged)
          : rowScore(state.resourceHard(r), state.totals);
        const keep = candidate <= current || this.rnd.next() < Math.exp((current - candidate) / temperature);
        if (judged) moves.settle(keep);
        else if (keep) moves.commit();
        else moves.rollback();
        if (keep) current = candidate;
      }
      if (state.resourceHard(r) > 0) left++;
    }
    this.focus = NOWHERE;
    return left;
  }
}
