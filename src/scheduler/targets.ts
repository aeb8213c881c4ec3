import type { Compiled } from './compile.js';

const WEEK = 7 * 24 * 60;

function ownTarget(c: Compiled, r: number): number | undefined {
  const contract = c.contract[r]!;
  if (contract.targetMinutes !== undefined) return contract.targetMinutes;
  return contract.targetMinutesPerWeek === undefined ? undefined : (contract.targetMinutesPerWeek * c.H) / 7;
}

/**
 * Fairness targets: each resource's share of demanded minutes, and the share of demanded shifts that
 * are nights and weekend shifts. An explicit `targetMinutes` wins; otherwise the share follows capacity
 * (the 7-day maximum scaled by the minutes of the horizon the resource is not absent), so part-time and
 * on-leave people get less.
 */
export function computeTargets(c: Compiled): void {
  let first = Infinity;
  let last = -Infinity;
  let demandedMinutes = 0;
  let nights = 0;
  let weekends = 0;
  let shifts = 0;
  for (let d = 0; d < c.D; d++) {
    const s = c.start[d]!;
    const e = c.end[d]!;
    first = Math.min(first, s);
    last = Math.max(last, e);
    const req = c.required[d]!;
    demandedMinutes += (e - s) * req;
    shifts += req;
    if (c.night[d]) nights += req;
    if (c.weekend[d]) weekends += req;
  }
  if (c.D === 0) return;
  const span = last - first;
  const capacity = new Float64Array(c.R);
  let totalCapacity = 0;
  for (let r = 0; r < c.R; r++) {
    let absent = 0;
    for (const a of c.unavailable[r]!)
      absent += Math.max(0, Math.min(a.end, last) - Math.max(a.start, first));
    const available = Math.max(0, span - absent);
    const own = ownTarget(c, r);
    capacity[r] = own ?? (c.contract[r]!.maxMinutesPer7Days * available) / WEEK;
    totalCapacity += capacity[r]!;
  }
  const share = (r: number): number => (totalCapacity > 0 ? capacity[r]! / totalCapacity : 0);
  for (let r = 0; r < c.R; r++) {
    const own = ownTarget(c, r);
    c.targetMinutes[r] = own ?? Math.min(capacity[r]!, demandedMinutes * share(r));
  }
  let targets = 0;
  for (let r = 0; r < c.R; r++) targets += c.targetMinutes[r]!;
  // Targets that share out the work (about as many hours as demanded, e.g. the OSR duty shares) are
  // owed: a shortfall counts squared. Contracts worth more hours than the rota needs are availability:
  // nobody is owed hours, a shortfall counts one point per hour (see fairMinutes).
  c.shortfallSquared = targets <= demandedMinutes * 1.1;
  c.nightShare = shifts > 0 ? nights / shifts : 0;
  c.weekendShare = shifts > 0 ? weekends / shifts : 0;
}
