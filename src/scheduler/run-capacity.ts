/**
 * The most days a row can still work from each day on under its run and weekend rules (at most
 * `maxRun` days in a row, working runs of at least `minRun` and runs off of at least `minOff` between two
 * working days, runs touching day 0 exempt, as `RowBuilder` keeps them; at most `maxWeekends` weeks with
 * weekend work) and the days it may work. Row construction prunes with it. Counting only the longest
 * runs (a week of 5 on and 1 off reads as 6 of 7 where 2 days off must come together, so 5 of 7 is the
 * most) and no weekends let the search run deep into a tight year before it found the minimum out of
 * reach, too late for its node budget to undo: Instance22 (232 to 234 shifts in 328 free days, at
 * most 5 of every 7, 26 weekends of 52) left 7 of 50 rows to the repair, and 6 with runs counted alone.
 *
 * Run states before a day: 0 free to work or rest (after enough days off, or at the start); 1 ..
 * minOff-1 a run off that must go on; then a working run of k days whose minimum is met, then one
 * whose minimum is not. Each comes with the weekends still allowed (0 .. maxWeekends).
 */
export class RunCapacity {
  private readonly maxRun: number;
  private readonly minRun: number;
  private readonly minOff: number;
  private readonly runStates: number;
  /** False when the weekend limit cannot bind (or a week's weekend days are not together). */
  private readonly weekendsTracked: boolean;
  private readonly maxWeekends: number;
  private readonly states: number;
  private readonly table: Int32Array;
  /** The run state after a day off or worked, from each state (-1: not allowed); day 0 apart. */
  private readonly offNext: Int32Array;
  private readonly workNext: Int32Array;
  private readonly startWork: number;
  /** Weeks with a weekend day on or after each day. */
  private readonly weeksLeft: Int32Array;

  constructor(
    private readonly H: number,
    private readonly weekendDay: Uint8Array,
    limits: { maxRun: number; minRun?: number; minOff?: number; maxWeekends?: number },
  ) {
    this.maxRun = Math.max(1, Math.min(limits.maxRun, H));
    this.minRun = Math.max(1, Math.min(limits.minRun ?? 1, H));
    this.minOff = Math.max(1, Math.min(limits.minOff ?? 1, H));
    this.runStates = this.minOff + 2 * this.maxRun;
    const weeks = weekendWeeks(H, weekendDay);
    const maxW = limits.maxWeekends ?? weeks;
    this.weekendsTracked = weeks >= 0 && maxW < weeks;
    this.maxWeekends = this.weekendsTracked ? Math.max(0, maxW) : 0;
    this.states = this.runStates * (this.maxWeekends + 1);
    this.table = new Int32Array((H + 1) * this.states);
    this.offNext = Int32Array.from({ length: this.runStates }, (_, s) => this.afterOff(s));
    this.workNext = Int32Array.from({ length: this.runStates }, (_, s) => this.afterWork(s, 1));
    this.startWork = this.afterWork(0, 0);
    this.weeksLeft = new Int32Array(H + 1);
    let counted = -1;
    for (let x = H - 1; x >= 0; x--) {
      const fresh = weekendDay[x] === 1 && Math.floor(x / 7) !== counted;
      if (fresh) counted = Math.floor(x / 7);
      this.weeksLeft[x] = this.weeksLeft[x + 1]! + (fresh ? 1 : 0);
    }
  }

  /** Fills the table for a row whose workable days are those with `workable(x)` true. */
  fill(workable: (x: number) => boolean): void {
    const { H, states, runStates, table, weekendDay } = this;
    const offNext = this.offNext;
    const workNext = this.workNext;
    table.fill(0, H * states);
    for (let x = H - 1; x >= 0; x--) {
      const here = x * states;
      const next = here + states;
      const canWork = workable(x);
      const weekend = this.weekendsTracked && weekendDay[x] === 1;
      const sameWeekend = x > 0 && weekendDay[x - 1] === 1 && Math.floor((x - 1) / 7) === Math.floor(x / 7);
      // Weekends allowed beyond those left in the horizon change nothing: those rows are not filled.
      const top = this.top(x);
      const nextTop = this.top(x + 1);
      for (let w = 0; w <= top; w++) {
        const nextW = next + Math.min(w, nextTop) * runStates;
        const nextWorkW = next + Math.min(w - 1, nextTop) * runStates;
        for (let s = 0; s < runStates; s++) {
          const off = offNext[s]!;
          let best = off >= 0 ? table[nextW + off]! : -1;
          const work = !canWork ? -1 : s === 0 && x === 0 ? this.startWork : workNext[s]!;
          // A weekend is used by the first weekend day worked in its week (weekend days come together).
          const cost = weekend && !(s >= this.minOff && sameWeekend) ? 1 : 0;
          if (work >= 0 && w >= cost) {
            const then = table[(cost === 0 ? nextW : nextWorkW) + work]!;
            if (then >= 0 && then >= best) best = then + 1;
          }
          table[here + w * runStates + s] = best;
        }
      }
    }
  }

  /**
   * Days of work still possible from day x (-1: the row cannot go on from there), the day before
   * worked or not, in a run of `run` days (from day 0 or not), with `weekendsLeft` weekends allowed.
   */
  at(x: number, prevWorked: boolean, run: number, fromStart: boolean, weekendsLeft: number): number {
    if (weekendsLeft < 0) return -1;
    const w = Math.min(weekendsLeft, this.top(x));
    return this.table[x * this.states + w * this.runStates + this.state(x, prevWorked, run, fromStart)]!;
  }

  /** The most weekends that could still be used from day x on (within the limit). */
  private top(x: number): number {
    return Math.min(this.maxWeekends, this.weeksLeft[x]!);
  }

  private state(x: number, prevWorked: boolean, run: number, fromStart: boolean): number {
    if (x === 0) return 0;
    if (!prevWorked) return fromStart || run >= this.minOff ? 0 : run;
    return this.worked(Math.min(run, this.maxRun), fromStart || run >= this.minRun);
  }

  private worked(k: number, met: boolean): number {
    return this.minOff - 1 + k + (met ? 0 : this.maxRun);
  }

  private afterOff(s: number): number {
    if (s === 0) return 0;
    if (s < this.minOff) return s + 1 >= this.minOff ? 0 : s + 1;
    if (s >= this.minOff + this.maxRun) return -1;
    return this.minOff <= 1 ? 0 : 1;
  }

  private afterWork(s: number, x: number): number {
    if (s === 0) return this.worked(1, x === 0 || this.minRun <= 1);
    if (s < this.minOff) return -1;
    const met = s < this.minOff + this.maxRun;
    const k = s - (this.minOff - 1) - (met ? 0 : this.maxRun);
    if (k >= this.maxRun) return -1;
    return this.worked(k + 1, met || k + 1 >= this.minRun);
  }
}

/**
 * Weeks (`floor(day / 7)`) with a weekend day, or -1 when a week's weekend days are not one stretch
 * (then one weekend could be counted twice, and the limit is left out of the bound).
 */
function weekendWeeks(H: number, weekendDay: Uint8Array): number {
  let weeks = 0;
  for (let from = 0; from < H; from += 7) {
    let stretches = 0;
    for (let x = from; x < Math.min(H, from + 7); x++)
      if (weekendDay[x] && (x === from || !weekendDay[x - 1])) stretches++;
    if (stretches > 1) return -1;
    weeks += stretches;
  }
  return weeks;
}
