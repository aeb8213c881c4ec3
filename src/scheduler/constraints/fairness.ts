import type { Compiled } from '../compile.js';
import type { Emit, ResourceConstraint } from './types.js';
import { formatDuration, plural } from '../words.js';

function horizonDemands(c: Compiled, tl: readonly number[]): number[] {
  return tl.filter((d) => d < c.D);
}

/** Squared deviation keeps the spread even: two people 6 h off target cost less than one 12 h off. */
export const fairMinutes: ResourceConstraint = {
  name: 'fairMinutes',
  label: 'Fair share of hours for the contract',
  level: 'soft',
  defaultWeight: 1,
  scope: 'resource',
  evaluate(c, r, tl, emit) {
    let minutes = 0;
    for (const d of tl) if (d < c.D) minutes += c.end[d]! - c.start[d]!;
    const target = c.targetMinutes[r]!;
    const penalty = Math.round(((minutes - target) / 60) ** 2);
    if (penalty > 0)
      emit?.({
        penalty,
        resource: r,
        demands: horizonDemands(c, tl),
        message: `${c.resourceNames[r]} would work ${formatDuration(minutes)} against a fair share of ${formatDuration(target)}`,
      });
    return penalty;
  },
};

function fairCount(
  c: Compiled,
  r: number,
  tl: readonly number[],
  emit: Emit | undefined,
  of: Uint8Array,
  target: number,
  what: string,
): number {
  let n = 0;
  for (const d of tl) if (d < c.D && of[d]) n++;
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

export const fairNights: ResourceConstraint = {
  name: 'fairNights',
  label: 'Fair share of nights',
  level: 'soft',
  defaultWeight: 3,
  scope: 'resource',
  evaluate: (c, r, tl, emit) => fairCount(c, r, tl, emit, c.night, c.targetNights[r]!, 'night'),
};

export const fairWeekends: ResourceConstraint = {
  name: 'fairWeekends',
  label: 'Fair share of weekend shifts',
  level: 'soft',
  defaultWeight: 3,
  scope: 'resource',
  evaluate: (c, r, tl, emit) => fairCount(c, r, tl, emit, c.weekend, c.targetWeekends[r]!, 'weekend shift'),
};
