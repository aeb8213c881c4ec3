import type { Model } from './model.js';

/**
 * How heavily the search punishes each hard rule, per unit (a day, a pair, a shift, a weekend, an hour
 * of minutes). Data, not constants in code, so a caller can tune them; the evaluator never uses them.
 * A minutes violation costs a fixed part plus one unit per started hour, so that even one hour over
 * weighs about as much as any other single violation (8), and a whole shift short about twice that.
 */
export interface HardWeights {
  readonly daysOff: number;
  readonly succession: number;
  readonly maxShifts: number;
  readonly minutes: number;
  readonly minutesPerHour: number;
  readonly maxConsecutive: number;
  readonly minConsecutive: number;
  readonly minDaysOff: number;
  readonly weekends: number;
}

export const DEFAULT_HARD_WEIGHTS: HardWeights = {
  daysOff: 8,
  succession: 8,
  maxShifts: 8,
  minutes: 6,
  minutesPerHour: 1,
  maxConsecutive: 8,
  minConsecutive: 8,
  minDaysOff: 8,
  weekends: 8,
};

export function minutesPenalty(m: Model, w: HardWeights, e: number, minutes: number): number {
  const over = minutes - m.maxMinutes[e]!;
  const under = m.minMinutes[e]! - minutes;
  const excess = over > 0 ? over : under > 0 ? under : 0;
  return excess > 0 ? w.minutes + w.minutesPerHour * Math.ceil(excess / 60) : 0;
}

export function weekendPenalty(m: Model, w: HardWeights, e: number, worked: number): number {
  const over = worked - m.maxWeekends[e]!;
  return over > 0 ? w.weekends * over : 0;
}

/**
 * Penalty of the maximal runs lying in cells[base+from .. base+to]; the caller guarantees that from and
 * to are run boundaries. Runs touching day 0 or H-1 are exempt from the minimum-length rules (FORMAT.md §4.7-8).
 */
export function runsPenalty(
  m: Model,
  w: HardWeights,
  cells: Uint8Array,
  e: number,
  from: number,
  to: number,
): number {
  const H = m.H;
  const base = e * H;
  const cmax = m.maxConsecutive[e]!;
  const cmin = m.minConsecutive[e]!;
  const rmin = m.minDaysOff[e]!;
  let pen = 0;
  let start = from;
  while (start <= to) {
    const worked = cells[base + start] !== 0;
    let end = start;
    while (end < to && (cells[base + end + 1] !== 0) === worked) end++;
    const n = end - start + 1;
    const inside = start > 0 && end < H - 1;
    if (worked) {
      if (n > cmax) pen += w.maxConsecutive * (n - cmax);
      if (inside && n < cmin) pen += w.minConsecutive * (cmin - n);
    } else if (inside && n < rmin) {
      pen += w.minDaysOff * (rmin - n);
    }
    start = end + 1;
  }
  return pen;
}

export function coverCost(m: Model, k: number, n: number): number {
  const diff = n - m.coverRequirement[k]!;
  return diff < 0 ? -diff * m.coverUnder[k]! : diff * m.coverOver[k]!;
}

/**
 * The whole hard penalty of one employee's row, computed from nothing. Used to (re)load the search state
 * and, in the tests, as the independent recount that the incremental score must equal.
 */
export function rowPenalty(m: Model, w: HardWeights, cells: Uint8Array, e: number): number {
  const { H, V } = m;
  const base = e * H;
  let pen = runsPenalty(m, w, cells, e, 0, H - 1);
  const count = new Int32Array(V);
  let minutes = 0;
  let weekends = 0;
  for (let d = 0; d < H; d++) {
    const v = cells[base + d]!;
    count[v]!++;
    minutes += m.length[v]!;
    if (v !== 0 && m.fixedOff[base + d]) pen += w.daysOff;
    if (d + 1 < H && m.forbidden[v * V + cells[base + d + 1]!]) pen += w.succession;
    const k = m.weekendOf[d]!;
    if (v !== 0 && k >= 0 && (m.weekendOf[d - 1] !== k || cells[base + d - 1] === 0)) weekends++;
  }
  for (let v = 1; v < V; v++) {
    const over = count[v]! - m.maxShifts[e * V + v]!;
    if (over > 0) pen += w.maxShifts * over;
  }
  return pen + minutesPenalty(m, w, e, minutes) + weekendPenalty(m, w, e, weekends);
}

/** Soft cost of a whole roster, computed from nothing (requests plus cover). */
export function softFromScratch(m: Model, cells: Uint8Array): number {
  const { E, H, V } = m;
  const n = new Int32Array(H * V);
  let soft = 0;
  for (let i = 0; i < E * H; i++) {
    const v = cells[i]!;
    soft += m.pref[i * V + v]!;
    if (v !== 0) n[(i % H) * V + v]!++;
  }
  for (let k = 0; k < H * V; k++) if (k % V !== 0) soft += coverCost(m, k, n[k]!);
  return soft;
}
