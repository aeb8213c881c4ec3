import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { shiftWords } from './types.js';
import { formatDuration } from '../words.js';

const WEEK = 7 * 24 * 60;

/** Minutes during which the resource would be in two places at once. */
export function overlap(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  let penalty = 0;
  for (let i = 0; i < tl.length; i++) {
    const a = tl[i]!;
    const endA = c.end[a]!;
    for (let j = i + 1; j < tl.length; j++) {
      const b = tl[j]!;
      const startB = c.start[b]!;
      if (startB >= endA) break;
      const minutes = Math.min(endA, c.end[b]!) - startB;
      penalty += minutes;
      emit?.({
        penalty: minutes,
        resource: r,
        demands: [a, b],
        message: `${c.resourceNames[r]} would work ${shiftWords(c, a)} and ${shiftWords(c, b)} at the same time (${formatDuration(minutes)})`,
      });
    }
  }
  return penalty;
}

/** Minutes short of the contract's rest between the end of one shift and the start of the next. */
export function minimumRest(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const min = c.contract[r]!.minRestMinutes;
  let penalty = 0;
  let lastEnd = -Infinity;
  let last = -1;
  for (const d of tl) {
    const gap = c.start[d]! - lastEnd;
    if (gap < min) {
      const short = min - Math.max(0, gap);
      penalty += short;
      emit?.({
        penalty: short,
        resource: r,
        demands: [last, d],
        message: `${c.resourceNames[r]} would have only ${formatDuration(Math.max(0, gap))} rest after the shift ending ${c.fmt(lastEnd)} before ${shiftWords(c, d)} (needs ${formatDuration(min)})`,
      });
    }
    if (c.end[d]! > lastEnd) {
      lastEnd = c.end[d]!;
      last = d;
    }
  }
  return penalty;
}

/**
 * Minutes over the 7-day maximum, summed over the 7 x 24 h windows that begin at each shift's start
 * (shifts count whole when they start inside the window), so the penalty grows with every extra hour.
 */
export function maxMinutesPer7Days(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const max = c.contract[r]!.maxMinutesPer7Days;
  let penalty = 0;
  let j = 0;
  let sum = 0;
  for (let i = 0; i < tl.length; i++) {
    const from = c.start[tl[i]!]!;
    while (j < tl.length && c.start[tl[j]!]! < from + WEEK) {
      sum += c.end[tl[j]!]! - c.start[tl[j]!]!;
      j++;
    }
    if (sum > max) {
      penalty += sum - max;
      emit?.({
        penalty: sum - max,
        resource: r,
        demands: tl.slice(i, j),
        message: `${c.resourceNames[r]} would work ${formatDuration(sum)} in the 7 days from ${c.fmt(from)} (at most ${formatDuration(max)})`,
      });
    }
    sum -= c.end[tl[i]!]! - c.start[tl[i]!]!;
  }
  return penalty;
}
