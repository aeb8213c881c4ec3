import type { Compiled } from './compile.js';

/* A resource's timeline: its demand indices (prior shifts included) sorted by (start, index). */

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
  timeline.splice(i, 0, d);
}
