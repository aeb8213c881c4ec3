import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { formatDuration, plural } from '../words.js';

function horizonDemands(c: Compiled, tl: readonly number[]): number[] {
  return tl.filter((d) => d < c.D);
}

/**
 * Fairness against what people are available for, not an even spread of every hour: hours over the
 * person's target (their contract, or their share of capacity) cost the square of the excess, so the
 * work goes to people with room for it. Hours under the target depend on what the targets are:
 * - shares of the work (targets add up to about the hours demanded, e.g. OSR duty shares, or the
 *   default capacity shares): everyone is owed their share, a shortfall counts squared too;
 * - contracts worth more than the rota needs (a panel with spare hours): nobody is owed hours, a
 *   shortfall costs one point per hour, which adds up to the same total however the work is shared
 *   while nobody is over, so continuity is free to give a family a small team who work more of its
 *   shifts.
 */
export function fairMinutes(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  let minutes = 0;
  for (const d of tl) if (d < c.D) minutes += c.end[d]! - c.start[d]!;
  const target = c.targetMinutes[r]!;
  const over = Math.max(0, minutes - target) / 60;
  const under = Math.max(0, target - minutes) / 60;
  const penalty = Math.round(over * over + (c.shortfallSquared ? under * under : under));
  if (penalty > 0)
    emit?.({
      penalty,
      resource: r,
      demands: horizonDemands(c, tl),
      message: `${c.resourceNames[r]} would work ${formatDuration(minutes)} against a fair share of ${formatDuration(target)}`,
    });
  return penalty;
}

/**
 * Nights (or weekend shifts) against the person's own share: the shifts they work times the share of
 * all demanded shifts that are nights, so whoever works more also takes their part of the nights.
 */
function fairCount(
  c: Compiled,
  r: number,
  tl: readonly number[],
  emit: Emit | undefined,
  of: Uint8Array,
  ratio: number,
  what: string,
): number {
  let n = 0;
  let worked = 0;
  for (const d of tl)
    if (d < c.D) {
      worked++;
      if (of[d]) n++;
    }
  const target = worked * ratio;
  // Tenths of a shift squared, so fractional targets still grade in integers.
  const penalty = Math.round(10 * (n - target) ** 2);
  if (penalty > 0)
    emit?.({
      penalty,
      resource: r,
      demands: tl.filter((d) => d < c.D && of[d]),
      message: `${c.resourceNames[r]} would work ${plural(n, what)} against a fair share of ${target.toFixed(1)}`,
    });
  return penalty;
}

export function fairNights(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  return fairCount(c, r, tl, emit, c.night, c.nightShare, 'night');
}

export function fairWeekends(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  return fairCount(c, r, tl, emit, c.weekend, c.weekendShare, 'weekend shift');
}
