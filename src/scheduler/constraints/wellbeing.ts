import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { shiftWords } from './types.js';

/** Unwanted: per started hour of overlap x weight. Wanted: weight when no shift touches the interval. */
export function preferences(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const prefs = c.preferences[r]!;
  if (prefs.length === 0) return 0;
  let penalty = 0;
  for (const p of prefs) {
    const weight = p.weight ?? 1;
    let minutes = 0;
    const touching: number[] = [];
    for (const d of tl) {
      if (d >= c.D) continue;
      const m = Math.min(p.end, c.end[d]!) - Math.max(p.start, c.start[d]!);
      if (m > 0) {
        minutes += m;
        touching.push(d);
      }
    }
    if (p.kind === 'unwanted' && minutes > 0) {
      const n = Math.round(Math.ceil(minutes / 60) * weight);
      penalty += n;
      emit?.({
        penalty: n,
        resource: r,
        demands: touching,
        message: `${c.resourceNames[r]} asked not to work from ${c.fmt(p.start)} to ${c.fmt(p.end)}`,
      });
    } else if (p.kind === 'wanted' && minutes === 0) {
      const n = Math.round(weight);
      penalty += n;
      emit?.({
        penalty: n,
        resource: r,
        demands: [],
        message: `${c.resourceNames[r]} asked to work from ${c.fmt(p.start)} to ${c.fmt(p.end)}`,
      });
    }
  }
  return penalty;
}

/** Shifts outside the resource's home region. */
export function travel(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const home = c.homeRegion[r]!;
  if (home < 0) return 0;
  let penalty = 0;
  for (const d of tl) {
    if (d >= c.D || c.region[d] === home) continue;
    penalty++;
    emit?.({
      penalty: 1,
      resource: r,
      demands: [d],
      message: `${c.resourceNames[r]} would travel from ${c.regionNames[home]} to ${c.regionNames[c.region[d]!]} for ${shiftWords(c, d)}`,
    });
  }
  return penalty;
}

/** Shifts at a location the resource did not work at last period (only where someone did). */
export function familiarity(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const L = c.locationIds.length;
  let penalty = 0;
  for (const d of tl) {
    if (d >= c.D) continue;
    const l = c.loc[d]!;
    if (!c.locKnown[l] || c.familiar[r * L + l]) continue;
    penalty++;
    emit?.({
      penalty: 1,
      resource: r,
      demands: [d],
      message: `${c.resourceNames[r]} did not work at ${c.locationIds[l]} last period`,
    });
  }
  return penalty;
}
