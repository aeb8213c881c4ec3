import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { shiftWords } from './types.js';
import { formatDuration, plural } from '../words.js';

/** Minutes of uncovered work: each missing person counts the shift's length. */
export function unfilled(c: Compiled, d: number, people: readonly number[], emit?: Emit): number {
  const missing = c.required[d]! - people.length;
  // A demand with an under-cover weight is scored by `underCover` instead.
  if (missing <= 0 || c.underWeight[d]! >= 0) return 0;
  const minutes = missing * (c.end[d]! - c.start[d]!);
  emit?.({
    penalty: minutes,
    demands: [d],
    message: `${shiftWords(c, d)} needs ${plural(missing, 'more person', 'more people')} (${formatDuration(minutes)} uncovered)`,
  });
  return minutes;
}

/** Soft cover: each person missing from a demand that has an under-cover weight costs that weight. */
export function underCover(c: Compiled, d: number, people: readonly number[], emit?: Emit): number {
  const weight = c.underWeight[d]!;
  const missing = c.required[d]! - people.length;
  if (weight <= 0 || missing <= 0) return 0;
  emit?.({
    penalty: missing * weight,
    demands: [d],
    message: `${shiftWords(c, d)} is ${plural(missing, 'person', 'people')} short`,
  });
  return missing * weight;
}

/** Each person beyond a demand's requirement (in an optional slot) costs its over-cover weight. */
export function overCover(c: Compiled, d: number, people: readonly number[], emit?: Emit): number {
  const weight = c.overWeight[d]!;
  const extra = people.length - c.required[d]!;
  if (weight <= 0 || extra <= 0) return 0;
  emit?.({
    penalty: extra * weight,
    demands: [d],
    message: `${shiftWords(c, d)} has ${plural(extra, 'person', 'people')} more than needed`,
  });
  return extra * weight;
}

/** People taken off or put on a demand against its published assignment. */
export function changes(c: Compiled, d: number, people: readonly number[], emit?: Emit): number {
  const published = c.published[d]!;
  if (published.length === 0) return 0;
  let n = 0;
  for (const r of published) if (!people.includes(r)) n++;
  for (const r of people) if (!published.includes(r)) n++;
  if (n > 0)
    emit?.({
      penalty: n,
      demands: [d],
      message: `${shiftWords(c, d)} changes ${plural(n, 'person', 'people')} against the published rota`,
    });
  return n;
}

/** Distinct people beyond the first at a location in a period: a small stable team per family. */
export function continuity(
  c: Compiled,
  lp: number,
  byResource: ReadonlyMap<number, number>,
  emit?: Emit,
): number {
  const penalty = Math.max(0, byResource.size - 1);
  if (penalty > 0 && emit) {
    const l = Math.floor(lp / c.periodCount);
    const names = [...byResource.keys()].map((r) => c.resourceNames[r]).join(', ');
    emit({
      penalty,
      demands: [],
      message: `${byResource.size} different people work at ${c.locationIds[l]} in one period: ${names}`,
    });
  }
  return penalty;
}
