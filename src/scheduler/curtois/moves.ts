import type { Random } from '../random.js';
import type { ScoreState } from './state.js';

/** Longest stretch of days a block move touches; runs of work are at most ~6-7 days in these instances. */
const MAX_BLOCK = 7;

/**
 * Neighbourhood moves on a ScoreState. Each move applies itself cell by cell through state.set (so the
 * score stays exact) and logs the old values; the search then calls commit() or undo().
 * A move returns false when it changed nothing, so no acceptance decision is needed.
 */
export class MoveEngine {
  private readonly log = new Int32Array(4 * MAX_BLOCK + 8);
  private logLength = 0;
  /** When >= 0, every single-employee move works on this employee only (row repair). */
  focus = -1;
  private readonly E: number;
  private readonly H: number;
  private readonly V: number;

  constructor(
    private readonly state: ScoreState,
    private readonly rng: Random,
  ) {
    this.E = state.model.E;
    this.H = state.model.H;
    this.V = state.model.V;
  }

  /** One move drawn from the mix below; false when it changed nothing. */
  randomMove(): boolean {
    const r = this.rng.next();
    if (r < 0.25) return this.change();
    if (r < 0.32) return this.fillShortage();
    if (r < 0.42) return this.relocate();
    if (r < 0.55) return this.swapDay();
    if (r < 0.7) return this.swapBlock();
    if (r < 0.78) return this.exchangeDays();
    if (r < 0.88) return this.exchangeBlocks();
    return this.setBlock();
  }

  commit(): void {
    this.logLength = 0;
  }

  undo(): void {
    const H = this.H;
    for (let j = this.logLength - 2; j >= 0; j -= 2) {
      const i = this.log[j]!;
      this.state.set((i / H) | 0, i % H, this.log[j + 1]!);
    }
    this.logLength = 0;
  }

  private put(e: number, d: number, v: number): void {
    const i = e * this.H + d;
    const old = this.state.cells[i]!;
    if (old === v) return;
    this.log[this.logLength++] = i;
    this.log[this.logLength++] = old;
    this.state.set(e, d, v);
  }

  /**
   * While the roster is infeasible, 30% of the picks go to an employee whose row breaks a hard rule:
   * rows are where all hard rules live, so that is where repairs must happen.
   */
  private pickEmployee(): number {
    const { E, rng, state } = this;
    if (this.focus >= 0) return this.focus;
    if (state.hard > 0 && rng.next() < 0.3) {
      for (let tries = 0; tries < 8; tries++) {
        const e = rng.int(E);
        if (state.hardOf[e]! > 0) return e;
      }
    }
    return rng.int(E);
  }

  private randomAllowed(e: number, not: number): number {
    const allowed = this.state.model.allowed[e]!;
    if (allowed.length < 2) return not;
    let v = allowed[this.rng.int(allowed.length - 1)]!;
    if (v === not) v = allowed[allowed.length - 1]!;
    return v;
  }

  /** One employee-day gets another value (off or a shift type the employee may work). */
  change(): boolean {
    const e = this.pickEmployee();
    const d = this.rng.int(this.H);
    const v = this.randomAllowed(e, this.state.cells[e * this.H + d]!);
    this.put(e, d, v);
    return this.logLength > 0;
  }

  /** Two employees exchange their assignments on one day: cover is unchanged. */
  swapDay(): boolean {
    return this.swapBlock(1);
  }

  /** Two employees exchange a stretch of 2..MAX_BLOCK days: cover is unchanged. */
  swapBlock(maxLength = MAX_BLOCK): boolean {
    const { E, H, rng } = this;
    if (E < 2 || (maxLength > 1 && H < 2)) return false;
    const e1 = this.pickEmployee();
    let e2 = rng.int(E - 1);
    if (e2 >= e1) e2++;
    let length = maxLength === 1 ? 1 : 2 + rng.int(Math.min(maxLength, H) - 1);
    let start = rng.int(H - length + 1);
    // A whole weekend changes hands now and then: weekend limits cannot be fixed one day at a time.
    if (length > 1 && this.state.model.W > 0 && rng.next() < 0.25) {
      length = 2;
      start = Math.min(H - 2, 7 * rng.int(this.state.model.W) + 5);
    }
    const cells = this.state.cells;
    for (let d = start; d < start + length; d++) {
      const a = cells[e1 * H + d]!;
      const b = cells[e2 * H + d]!;
      if (a === b) continue;
      this.put(e1, d, b);
      this.put(e2, d, a);
    }
    return this.logLength > 0;
  }

  /** One employee moves an assignment to another day (two of its days exchange values). */
  exchangeDays(): boolean {
    const { H, rng } = this;
    const e = this.pickEmployee();
    const d1 = rng.int(H);
    const d2 = rng.int(H);
    const cells = this.state.cells;
    const a = cells[e * H + d1]!;
    const b = cells[e * H + d2]!;
    if (a === b) return false;
    this.put(e, d1, b);
    this.put(e, d2, a);
    return true;
  }

  /**
   * One employee exchanges two equal, non-overlapping stretches of its own row (often two weekends):
   * counts and minutes stay the same while work moves in time.
   */
  exchangeBlocks(): boolean {
    const { H, rng } = this;
    const e = this.pickEmployee();
    const W = this.state.model.W;
    let length: number;
    let a: number;
    let b: number;
    if (W > 0 && rng.next() < 0.5) {
      // A weekend against any other two days: this is what moves work off (or onto) weekends.
      length = 2;
      a = 7 * rng.int(W) + 5;
      b = rng.int(H - 1);
      if (a + 1 >= H) return false;
    } else {
      length = 1 + rng.int(Math.min(MAX_BLOCK, H >> 1));
      a = rng.int(H - length + 1);
      b = rng.int(H - length + 1);
    }
    if (Math.abs(a - b) < length) return false;
    const cells = this.state.cells;
    for (let k = 0; k < length; k++) {
      const x = cells[e * H + a + k]!;
      const y = cells[e * H + b + k]!;
      if (x === y) continue;
      this.put(e, a + k, y);
      this.put(e, b + k, x);
    }
    return this.logLength > 0;
  }

  /** A stretch of 2..MAX_BLOCK days of one employee becomes all off or all one shift type. */
  setBlock(): boolean {
    const { H, rng } = this;
    if (H < 2) return false;
    const e = this.pickEmployee();
    const length = 2 + rng.int(Math.min(MAX_BLOCK, H) - 1);
    const start = rng.int(H - length + 1);
    const allowed = this.state.model.allowed[e]!;
    const v = allowed[rng.int(allowed.length)]!;
    for (let d = start; d < start + length; d++) this.put(e, d, v);
    return this.logLength > 0;
  }

  /**
   * Aims at a short (day, shift) without changing the employee's workload: an employee who is off that
   * day takes the shift and gives up one of its worked days, preferably one whose shift is over-covered.
   * One-cell changes cannot do this in the feasible region when minutes are at their limits.
   */
  relocate(): boolean {
    const { E, H, V, rng } = this;
    const m = this.state.model;
    const cells = this.state.cells;
    const count = this.state.coverCount;
    let k = -1;
    for (let tries = 0; tries < 4 && k < 0; tries++) {
      const c = rng.int(H) * V + 1 + rng.int(V - 1);
      if (count[c]! < m.coverRequirement[c]!) k = c;
    }
    if (k < 0) return this.exchangeDays();
    const d = (k / V) | 0;
    const v = k % V;
    let e = -1;
    for (let tries = 0; tries < 8 && e < 0; tries++) {
      const x = rng.int(E);
      if (cells[x * H + d] === 0 && m.maxShifts[x * V + v]! > 0 && !m.fixedOff[x * H + d]) e = x;
    }
    if (e < 0) return false;
    let drop = -1;
    for (let tries = 0; tries < 6; tries++) {
      const d2 = rng.int(H);
      const w = cells[e * H + d2]!;
      if (w === 0 || d2 === d) continue;
      drop = d2;
      if (count[d2 * V + w]! > m.coverRequirement[d2 * V + w]!) break;
    }
    if (drop < 0) return false;
    this.put(e, drop, 0);
    this.put(e, d, v);
    return true;
  }

  /**
   * Aims at a short (day, shift): an employee who is not on that shift that day takes it. Sampling
   * keeps it O(1); when the sampled cover is already met the move falls back to a plain change.
   */
  fillShortage(): boolean {
    const { E, H, V, rng } = this;
    const m = this.state.model;
    const d = rng.int(H);
    const v = 1 + rng.int(V - 1);
    const k = d * V + v;
    if (this.state.coverCount[k]! >= m.coverRequirement[k]!) return this.change();
    for (let tries = 0; tries < 8; tries++) {
      const e = rng.int(E);
      if (m.maxShifts[e * V + v]! > 0 && this.state.cells[e * H + d] !== v) {
        this.put(e, d, v);
        return true;
      }
    }
    return false;
  }
}
