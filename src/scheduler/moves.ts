import type { Compiled } from './compile.js';
import type { Random } from './random.js';
import type { State } from './state.js';
import { firstFrom } from './timeline.js';

/**
 * The neighbourhood: change, swap and chain moves. Each applies its slot changes through `set`, which
 * records them so the search can undo a rejected move. Moves only ever place a resource on a demand
 * it is eligible for, so static hard rules (absence, region, skill, gender, exclusion) never appear.
 */
export class Moves {
  /** Slots the current move has changed (0: nothing to keep or undo). */
  changes = 0;
  /**
   * While true, row moves and block swaps propose their changes (`proposedSlots` to `proposedTo`)
   * instead of making them, so the search can judge them with `State.peek` first.
   */
  deferring = false;
  readonly proposedSlots: number[] = [];
  readonly proposedTo: number[] = [];
  proposed = 0;
  private began = false;
  private readonly movable: Int32Array;
  private readonly movableSet: Uint8Array;
  private readonly mine: number[] = [];
  private readonly theirs: number[] = [];
  /** Resources who worked at each location last period. */
  private readonly familiarAt: number[][];
  /** The person on the slot `pickHandover` found, and the one to take it. */
  private giver = -1;
  private taker = -1;

  constructor(
    readonly state: State,
    private readonly rnd: Random,
  ) {
    const c = state.c;
    const list: number[] = [];
    for (let s = 0; s < c.S; s++) if (!c.fixed[s]) list.push(s);
    this.movable = Int32Array.from(list);
    this.movableSet = new Uint8Array(c.S);
    for (const s of list) this.movableSet[s] = 1;
    const L = c.locationIds.length;
    this.familiarAt = Array.from({ length: L }, () => []);
    for (let r = 0; r < c.R; r++)
      for (let l = 0; l < L; l++) if (c.familiar[r * L + l]) this.familiarAt[l]!.push(r);
  }

  get movableCount(): number {
    return this.movable.length;
  }

  /** Changes a slot as part of the current move (recorded in the state's journal for `rollback`). */
  set(s: number, r: number): void {
    if (!this.began) {
      this.state.begin();
      this.began = true;
    }
    if (this.state.setSlot(s, r) !== r) this.changes++;
  }

  /** A change of a move that reads nothing after it: proposed while deferring, else made. */
  propose(s: number, r: number): void {
    if (!this.deferring) this.set(s, r);
    else if (this.state.assign[s] !== r) {
      this.proposedSlots[this.proposed] = s;
      this.proposedTo[this.proposed++] = r;
    }
  }

  /** Starts a move whose changes are proposed rather than made, where the state can judge them. */
  defer(): void {
    this.deferring = this.state.canPeek;
  }

  /** Ends proposing (a move that did nothing proposes nothing); returns `moved`. */
  undefer(moved: boolean): boolean {
    this.deferring = false;
    if (!moved) this.proposed = 0;
    return moved;
  }

  /**
   * The totals the proposed move would give (into `out`, `State.peek`); false when nothing is proposed
   * or it cannot be judged without being made (then `makeProposed`).
   */
  judge(out: Float64Array, focus = -1): boolean {
    return (
      this.proposed > 0 && this.state.peek(this.proposedSlots, this.proposedTo, this.proposed, out, focus)
    );
  }

  /** Ends a judged move: made when kept, forgotten otherwise. */
  settle(keep: boolean): void {
    if (keep) this.makeProposed();
    this.proposed = 0;
    this.commit();
  }

  /** Makes the proposed changes (the move was judged good, or could not be judged without them). */
  makeProposed(): void {
    const n = this.proposed;
    this.proposed = 0;
    for (let k = 0; k < n; k++) this.set(this.proposedSlots[k]!, this.proposedTo[k]!);
  }

  /** Undoes the current move. */
  rollback(): void {
    this.state.rollback();
    this.changes = 0;
    this.began = false;
  }

  /** Keeps the current move. */
  commit(): void {
    this.state.commit();
    this.changes = 0;
    this.began = false;
  }

  /** A slot to work on: often an empty one or one of a resource breaking a hard rule. */
  pickSlot(): number {
    const { state, rnd } = this;
    const x = rnd.next();
    if (x < 0.35 && state.emptySlots.size > 0) return state.emptySlots.at(rnd.int(state.emptySlots.size));
    if (x < 0.6 && state.conflicted.size > 0) {
      const r = state.conflicted.at(rnd.int(state.conflicted.size));
      const s = this.slotOfResource(r, -1);
      if (s >= 0) return s;
    }
    return this.movable[rnd.int(this.movable.length)]!;
  }

  /** A movable slot held by r (near demand `near` in time when given), or -1. */
  slotOfResource(r: number, near: number): number {
    const c = this.state.c;
    const tl = this.state.timelines[r]!;
    if (tl.length === 0) return -1;
    let d: number;
    if (near >= 0) {
      const at = tl.indexOf(near);
      const pick = at + (this.rnd.next() < 0.5 ? -1 : 1) * (1 + this.rnd.int(2));
      d = tl[Math.max(0, Math.min(tl.length - 1, pick))]!;
    } else d = tl[this.rnd.int(tl.length)]!;
    if (d >= c.D) return -1;
    return this.slotIn(d, r);
  }

  /** The movable slot of d that r holds, or -1. */
  slotIn(d: number, r: number): number {
    const c = this.state.c;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++)
      if (this.state.assign[s] === r) return this.movableSet[s] ? s : -1;
    return -1;
  }

  /**
   * True when r has no shift within its rest distance of d: a cheap look at the sorted timeline that
   * spares full rescoring of candidates who would surely break overlap or rest.
   */
  isFree(r: number, d: number): boolean {
    const c = this.state.c;
    const tl = this.state.timelines[r]!;
    const rest = c.contract[r]!.minRestMinutes;
    const start = c.start[d]!;
    const end = c.end[d]!;
    const lo = firstFrom(tl, c.start, start);
    const next = tl[lo];
    if (next !== undefined && next !== d && c.start[next]! < end + rest) return false;
    const prev = tl[lo - 1];
    return prev === undefined || c.end[prev]! + rest <= start;
  }

  /**
   * A resource eligible for d, other than those already on it; -1 if none found. With `free`, one
   * with no shift within rest distance is preferred (a few tries), which most moves need to be accepted.
   */
  private candidate(d: number, free = false): number {
    const c: Compiled = this.state.c;
    const list = c.eligible[d]!;
    if (list.length === 0) return -1;
    const state = this.state;
    // Continuity: often try someone already working at this location in this period, or last period.
    const x = this.rnd.next();
    if (x < 0.1) {
      const known = this.familiarAt[c.loc[d]!]!;
      if (known.length > 0) {
        const r = known[this.rnd.int(known.length)]!;
        if (!c.flags[r * c.D + d] && !state.works(d, r) && (!free || this.isFree(r, d))) return r;
      }
    } else if (x < 0.45) {
      const team = this.state.locCounts[c.locPeriod[d]!]!;
      if (team.size > 0) {
        let k = this.rnd.int(team.size);
        for (const r of team.keys()) {
          if (k-- > 0) continue;
          if (!c.flags[r * c.D + d] && !state.works(d, r) && (!free || this.isFree(r, d))) return r;
          break;
        }
      }
    }
    let fallback = -1;
    for (let tries = 0; tries < (free ? 10 : 4); tries++) {
      const r = list[this.rnd.int(list.length)]!;
      if (state.works(d, r)) continue;
      if (!free || this.isFree(r, d)) return r;
      fallback = r;
    }
    return fallback;
  }

  /** A slot someone works (the `giver`), with another person who could take it (the `taker`); -1 if none. */
  private pickHandover(free: boolean): number {
    const s = this.pickSlot();
    const r1 = this.state.assign[s]!;
    if (r1 < 0) return -1;
    const r2 = this.candidate(this.state.c.slotDemand[s]!, free);
    if (r2 < 0 || r2 === r1) return -1;
    this.giver = r1;
    this.taker = r2;
    return s;
  }

  /** r is eligible for d and not on it already. */
  private canJoin(r: number, d: number): boolean {
    const c = this.state.c;
    return !c.flags[r * c.D + d] && !this.state.works(d, r);
  }

  /** Assign, reassign or (rarely) unassign one slot. */
  change(): boolean {
    const s = this.pickSlot();
    const d = this.state.c.slotDemand[s]!;
    if (this.state.assign[s]! >= 0 && this.rnd.next() < 0.1) {
      this.set(s, -1);
      return true;
    }
    const r = this.candidate(d, true);
    if (r < 0) return false;
    this.set(s, r);
    return true;
  }

  /** Exchange the people of two slots, each eligible for the other's demand. */
  swap(): boolean {
    const s1 = this.pickHandover(false);
    if (s1 < 0) return false;
    const { state, giver: r1, taker: r2 } = this;
    const c = state.c;
    const d1 = c.slotDemand[s1]!;
    const s2 = this.slotOfResource(r2, -1);
    if (s2 < 0) return false;
    const d2 = c.slotDemand[s2]!;
    if (d2 === d1 || !this.canJoin(r1, d2) || !this.canJoin(r2, d1)) return false;
    this.set(s1, r2);
    this.set(s2, r1);
    return true;
  }

  /** Put a resource on a slot and eject it from a nearby shift of its own, which goes to someone else. */
  chain(): boolean {
    const { state, rnd } = this;
    const c = state.c;
    const s = this.pickSlot();
    const d = c.slotDemand[s]!;
    const r = this.candidate(d);
    if (r < 0) return false;
    this.set(s, r);
    const e = this.slotOfResource(r, d);
    if (e < 0 || e === s) return true;
    const de = c.slotDemand[e]!;
    const r2 = rnd.next() < 0.15 ? -1 : this.candidate(de, true);
    if (r2 === r) return true;
    this.set(e, r2);
    return true;
  }

  /**
   * Hands all of one person's shifts at a location in a period to another person: builds small,
   * stable teams in one step where single changes would each look worse on their own.
   */
  transfer(): boolean {
    const s = this.pickHandover(true);
    if (s < 0) return false;
    const { c, timelines } = this.state;
    const lp = c.locPeriod[c.slotDemand[s]!]!;
    // A copy: the giver's timeline changes as the shifts go.
    for (const e of timelines[this.giver]!.filter((e) => e < c.D && c.locPeriod[e] === lp)) {
      if (!this.canJoin(this.taker, e)) continue;
      const slot = this.slotIn(e, this.giver);
      if (slot >= 0) this.set(slot, this.taker);
    }
    return this.changes > 0;
  }

  /**
   * Exchanges two people's work over a block of 1-7 consecutive days (each takes the other's shifts
   * there): keeps both people's run patterns whole where single changes would break a run, a weekend
   * or a minimum of days off on the way. From the Curtois engine's block swap.
   */
  swapBlock(): boolean {
    const { state, rnd } = this;
    const c = state.c;
    if (c.R < 2) return false;
    // Picked from people, not slots: an empty slot (most optional slots are) has no one to swap.
    const r1 =
      state.conflicted.size > 0 && rnd.next() < 0.3
        ? state.conflicted.at(rnd.int(state.conflicted.size))
        : rnd.int(c.R);
    let r2 = rnd.int(c.R - 1);
    if (r2 >= r1) r2++;
    const length = 1 + rnd.int(Math.min(7, c.H));
    const from = rnd.int(c.H - length + 1);
    const to = from + length;
    return this.exchange(
      r1,
      r2,
      this.blockSlots(r1, from, to, this.mine),
      this.blockSlots(r2, from, to, this.theirs),
    );
  }

  /**
   * Exchanges two people's work on day x and, unless it is -1, day y (each takes the other's shifts
   * there): where
   * one works x and the other y, a shift moves each way and neither's workload changes, which a block
   * swap of consecutive days cannot do.
   */
  swapDays(r1: number, r2: number, x: number, y: number): boolean {
    let mine = this.blockSlots(r1, x, x + 1, this.mine);
    let theirs = this.blockSlots(r2, x, x + 1, this.theirs);
    if (y >= 0) {
      mine = this.blockSlots(r1, y, y + 1, this.mine, mine);
      theirs = this.blockSlots(r2, y, y + 1, this.theirs, theirs);
    }
    return this.exchange(r1, r2, mine, theirs);
  }

  /** r1 takes r2's slots in `theirs` and r2 takes r1's in `mine` (a count of -1: a slot may not move). */
  private exchange(r1: number, r2: number, mineCount: number, theirCount: number): boolean {
    const c = this.state.c;
    const { mine, theirs } = this;
    if (mineCount < 0 || theirCount < 0) return false;
    for (let i = 0; i < mineCount; i++) if (c.flags[r2 * c.D + c.slotDemand[mine[i]!]!]) return false;
    for (let i = 0; i < theirCount; i++) if (c.flags[r1 * c.D + c.slotDemand[theirs[i]!]!]) return false;
    // Both lists are read before either changes: a slot whose demand the other already works stays.
    const giveCount = this.keepUnshared(mine, mineCount, r2);
    const takeCount = this.keepUnshared(theirs, theirCount, r1);
    for (let i = 0; i < giveCount; i++) this.propose(mine[i]!, r2);
    for (let i = 0; i < takeCount; i++) this.propose(theirs[i]!, r1);
    return this.changes > 0 || this.proposed > 0;
  }

  /** Moves to the front of `slots[0..count)` those whose demand `other` does not work; returns how many. */
  private keepUnshared(slots: number[], count: number, other: number): number {
    const c = this.state.c;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const x = slots[i]!;
      if (!this.state.works(c.slotDemand[x]!, other)) slots[n++] = x;
    }
    return n;
  }

  /**
   * r's slots on demands of days [from, to), written into `out` from index n (`out` keeps its storage
   * between moves): the count so far, or -1 when one of them may not move (or n was -1 already).
   */
  private blockSlots(r: number, from: number, to: number, out: number[], n = 0): number {
    if (n < 0) return n;
    const c = this.state.c;
    const tl = this.state.timelines[r]!;
    for (let i = firstFrom(tl, c.day, from); i < tl.length && c.day[tl[i]!]! < to; i++) {
      const e = tl[i]!;
      if (e >= c.D) continue;
      const slot = this.slotIn(e, r);
      if (slot < 0) return -1;
      out[n++] = slot;
    }
    return n;
  }

  /** Several random changes at once, to leave a local optimum. */
  kick(size: number): void {
    for (let k = 0; k < size; k++) {
      if (this.rnd.next() < 0.5) this.chain();
      else if (!this.swap()) this.change();
      this.commit();
    }
  }
}
