import type { Demand, Resource, Succession } from '../scheduler/index.js';

/**
 * Care-rota rules the core states in its own terms: which shift kinds may not follow each other, and
 * how a contract's "at most N weekends in 4 weeks" becomes the core's cap on weekends over a horizon.
 * Days off together need no translation (`contract.minConsecutiveDaysOff`; the core counts a run of
 * days off after work before the horizon, as the re-check of published work does).
 */

/** No early shift the day after a late or a night shift (shift kinds: `placements/shift-types.ts`). */
export const NO_EARLY_AFTER_LATE_OR_NIGHT: readonly Succession[] = [
  { first: 'late', next: 'early' },
  { first: 'night', next: 'early' },
];

interface Worked {
  day: number;
  start: number;
  end: number;
  shiftType?: string;
}

/**
 * The forbidden successions someone could work without already breaking their rest: a pair is kept when
 * some shift of the first kind (or prior work of it) ends at least the panel's least rest before some
 * shift of the next kind starts on the next day. Where rest rules every such pair out (the 24/7
 * pattern: a night ends at 08:00, the next early starts then), stating the rule changes no rota and cost
 * the search a quarter of its moves on the national benchmark.
 */
export function successionsRestAllows(
  successions: readonly Succession[],
  demands: readonly Demand[],
  resources: readonly Resource[],
): Succession[] {
  const leastRest = Math.min(...resources.map((r) => r.contract?.minRestMinutes ?? 0));
  if (!Number.isFinite(leastRest)) return [];
  const firstEnd = new Map<string, number>();
  const lastStart = new Map<string, number>();
  const note = (w: Worked) => {
    if (!w.shiftType) return;
    const key = `${w.shiftType}|${w.day}`;
    firstEnd.set(key, Math.min(firstEnd.get(key) ?? Infinity, w.end));
    lastStart.set(key, Math.max(lastStart.get(key) ?? -Infinity, w.start));
  };
  demands.forEach(note);
  for (const r of resources) r.history?.priorWork?.forEach(note);
  const days = new Set([...firstEnd.keys()].map((k) => Number(k.split('|')[1])));
  return successions.filter(({ first, next }) =>
    [...days].some(
      (day) =>
        (lastStart.get(`${next}|${day + 1}`) ?? -Infinity) - (firstEnd.get(`${first}|${day}`) ?? Infinity) >=
        leastRest,
    ),
  );
}

/**
 * "At most N weekends in 4 weeks" is a window of 4 weeks running: the core keeps it in every such window
 * of a plan, however long, and in every re-check of published work, with the weekends worked in the 3
 * weeks before counted.
 */
export const WEEKEND_WINDOW_WEEKS = 4;

/**
 * The weeks (`floor(day / 7)` from day 0) with weekend work on these local dates, each once, as far back
 * as a window of 4 weeks reaching day 0 looks.
 */
export function weekendWeeks(dates: readonly string[], dayOf: (localDate: string) => number): number[] {
  const weeks = new Set(dates.map((date) => Math.floor(dayOf(date) / 7)));
  return [...weeks].filter((week) => week > -WEEKEND_WINDOW_WEEKS);
}
