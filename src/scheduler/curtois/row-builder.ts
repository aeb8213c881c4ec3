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
  const { H, V } = m;
  const base = e * H;
  const cmax = m.maxConsecutive[e]!;
  const cmin = m.minConsecutive[e]!;
  const rmin = m.minDaysOff[e]!;
  const maxMinutes = m.maxMinutes[e]!;
  const minMinutes = m.minMinutes[e]!;
  const allowed = m.allowed[e]!;
  let longest = 0;
  for (const v of allowed) longest = Math.max(longest, m.length[v]!);
  const count = new Int32Array(V);
  const weekendWorked = new Uint8Array(Math.max(1, m.W));
  let weekends = 0;
  let minutes = 0;
  let nodes = 0;
  const row = new Uint8Array(H);
  const options = new Uint8Array(V);
  const scores = new Float64Array(V);

  // Suffix counts for the capacity bound: days that are not fixed off, and weekend days, from d on.
  const workable = new Int32Array(H + 1);
  const weekendDays = new Int32Array(H + 1);
  for (let d = H - 1; d >= 0; d--) {
    workable[d] = workable[d + 1]! + (m.fixedOff[base + d] ? 0 : 1);
    weekendDays[d] = weekendDays[d + 1]! + (m.weekendOf[d]! >= 0 ? 1 : 0);
  }
  // The pace to keep: the target minutes spread over the days by how workable each is, so that long
  // runs of fixed days off (holidays) and the weekend limit are planned for, not discovered late.
  const weekendShare = m.W > 0 ? Math.min(1, m.maxWeekends[e]! / m.W) : 1;
  const pace = new Float64Array(H + 1);
  for (let d = 0; d < H; d++) {
    pace[d + 1] = pace[d]! + (m.fixedOff[base + d] ? 0 : m.weekendOf[d]! >= 0 ? weekendShare : 1);
  }
  const target = workFirst ? Infinity : (minMinutes + maxMinutes) / 2 / Math.max(pace[H]!, 1);

  const visit = (d: number, runLength: number, runFromStart: boolean): boolean => {
    if (d === H) return minutes >= minMinutes;
    if (++nodes > nodeBudget) return false;
    // Prune when even the most work still possible cannot reach the minimum minutes.
    const left = H - d;
    let capacity = Math.min(workable[d]!, left - Math.floor(left / (cmax + 1)));
    if (weekends >= m.maxWeekends[e]!) {
      const nextSaturday = d + ((12 - (d % 7)) % 7);
      capacity = Math.min(capacity, left - (nextSaturday < H ? weekendDays[nextSaturday]! : 0));
    }
    if (minutes + capacity * longest < minMinutes) return false;
    const prev = d > 0 ? row[d - 1]! : 0;
    const prevWorked = d > 0 && prev !== 0;
    const behind = minutes < target * pace[d + 1]!;
    let n = 0;
    for (const v of allowed) {
      if (!allowedHere(d, v, prev, prevWorked, runLength, runFromStart)) continue;
      options[n] = v;
      scores[n] = v === 0 ? (behind ? -1 : 2) + rng.next() : need[d * V + v]! + (behind ? 1 : 0) + rng.next();
      n++;
    }
    for (let k = 0; k < n; k++) {
      let bestAt = k;
      for (let j = k + 1; j < n; j++) if (scores[j]! > scores[bestAt]!) bestAt = j;
      const v = options[bestAt]!;
      options[bestAt] = options[k]!;
      scores[bestAt] = scores[k]!;
      options[k] = v;
      const weekend = m.weekendOf[d]!;
      const newWeekend = v !== 0 && weekend >= 0 && weekendWorked[weekend] === 0;
      row[d] = v;
      count[v]!++;
      minutes += m.length[v]!;
      if (newWeekend) {
        weekendWorked[weekend] = 1;
        weekends++;
      }
      const continues = d > 0 && (v !== 0) === prevWorked;
      const ok = visit(d + 1, continues ? runLength + 1 : 1, continues ? runFromStart : d === 0);
      if (ok) return true;
      if (newWeekend) {
        weekendWorked[weekend] = 0;
        weekends--;
      }
      minutes -= m.length[v]!;
      count[v]!--;
      // Once the budget is gone, unwind without trying alternatives.
      if (nodes > nodeBudget) return false;
    }
    return false;
  };

  function allowedHere(
    d: number,
    v: number,
    prev: number,
    prevWorked: boolean,
    run: number,
    fromStart: boolean,
  ): boolean {
    if (v === 0) return !(prevWorked && !fromStart && run < cmin);
    if (m.fixedOff[base + d]) return false;
    if (count[v]! >= m.maxShifts[e * V + v]! || minutes + m.length[v]! > maxMinutes) return false;
    if (m.forbidden[prev * V + v]) return false;
    if (prevWorked && run >= cmax) return false;
    if (d > 0 && !prevWorked && !fromStart && run < rmin) return false;
    const weekend = m.weekendOf[d]!;
    if (weekend >= 0 && weekendWorked[weekend] === 0 && weekends >= m.maxWeekends[e]!) return false;
    return true;
  }

  if (!visit(0, 0, true)) return false;
  out.set(row, base);
  return true;
}
