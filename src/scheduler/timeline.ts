import type { Compiled } from './compile.js';

/*
 * A resource's timeline: its demand indices (prior shifts included) sorted by (start, index), and what
 * can be read off it around one shift or one day.
 */

/** The first position in the timeline whose demand's key (start, day) is at least `value`. */
export function firstFrom(timeline: readonly number[], key: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key[timeline[mid]!]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts d keeping the timeline sorted by (start, index). */
export function insertSorted(c: Compiled, timeline: number[], d: number): void {
  const s = c.start[d]!;
  let i = firstFrom(timeline, c.start, s);
  while (i < timeline.length && c.start[timeline[i]!] === s && timeline[i]! < d) i++;
  // In place: splice allocates the array of removed elements even when it removes none.
  timeline.push(d);
  for (let j = timeline.length - 1; j > i; j--) timeline[j] = timeline[j - 1]!;
  timeline[i] = d;
}

/**
 * Minutes shift d overlaps the other shifts of the timeline, looking back only as far as the longest
 * shift. `inTimeline`: d is in it, once more than the shifts it overlaps (a person put twice on one
 * demand overlaps themselves).
 */
export function overlapOf(
  c: Compiled,
  d: number,
  tl: readonly number[],
  inTimeline: boolean,
  longest: number,
): number {
  const start = c.start[d]!;
  const end = c.end[d]!;
  let minutes = 0;
  let self = inTimeline;
  for (let i = firstFrom(tl, c.start, start - longest); i < tl.length; i++) {
    const e = tl[i]!;
    const s = c.start[e]!;
    if (s >= end) break;
    if (e === d && self) {
      self = false;
      continue;
    }
    const m = Math.min(end, c.end[e]!) - Math.max(start, s);
    if (m > 0) minutes += m;
  }
  return minutes;
}

/** Forbidden successions of a shift starting the day before `day` and one starting on it. */
export function successionsOn(c: Compiled, tl: readonly number[], day: number): number {
  const T = c.shiftTypeIds.length;
  let n = 0;
  const i = firstFrom(tl, c.day, day - 1);
  let j = i;
  while (j < tl.length && c.day[tl[j]!] === day - 1) j++;
  for (let b = j; b < tl.length && c.day[tl[b]!] === day; b++) {
    const tb = c.shiftType[tl[b]!]!;
    if (tb < 0) continue;
    for (let a = i; a < j; a++) {
      const ta = c.shiftType[tl[a]!]!;
      if (ta >= 0 && c.forbiddenNext[ta * T + tb]) n++;
    }
  }
  return n;
}
