import type { DemandConstraint, LocationConstraint } from './types.js';
import { shiftWords } from './types.js';
import { formatDuration, plural } from '../words.js';

/** Minutes of uncovered work: each missing person counts the shift's length. */
export const unfilled: DemandConstraint = {
  name: 'unfilled',
  label: 'Every demand filled',
  level: 'medium',
  defaultWeight: 1,
  scope: 'demand',
  evaluate(c, d, people, emit) {
    const missing = c.required[d]! - people.length;
    if (missing <= 0) return 0;
    const minutes = missing * (c.end[d]! - c.start[d]!);
    emit?.({
      penalty: minutes,
      demands: [d],
      message: `${shiftWords(c, d)} needs ${plural(missing, 'more person', 'more people')} (${formatDuration(minutes)} uncovered)`,
    });
    return minutes;
  },
};

/** People taken off or put on a demand against its published assignment. */
export const changes: DemandConstraint = {
  name: 'changes',
  label: 'Few changes to the published rota',
  level: 'soft',
  defaultWeight: 300,
  scope: 'demand',
  evaluate(c, d, people, emit) {
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
  },
};

/** Distinct people beyond the first at a location in a period: a small stable team per family. */
export const continuity: LocationConstraint = {
  name: 'continuity',
  label: 'A small, stable team per location',
  level: 'soft',
  defaultWeight: 40,
  scope: 'location',
  evaluate(c, lp, byResource, emit) {
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
  },
};
