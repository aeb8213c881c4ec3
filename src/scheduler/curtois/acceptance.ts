import type { Random } from '../random.js';

/**
 * When a worse neighbour may replace the current roster. Scores are "search scores":
 * soft cost + hard weight x hard penalty.
 */
export interface Acceptance {
  /** Progress through the current annealing cycle, 0..1; called every few hundred moves. */
  setProgress(fraction: number): void;
  accept(candidate: number, current: number): boolean;
  /** Forget the past after a jump (restart or a change of hard weight). */
  reset(current: number): void;
}

export interface AnnealingOptions {
  readonly startTemperature: number;
  readonly endTemperature: number;
}

/** Simulated annealing with a geometric cooling from start to end temperature over one cycle. */
export function annealing(rng: Random, { startTemperature, endTemperature }: AnnealingOptions): Acceptance {
  let temperature = startTemperature;
  const ratio = endTemperature / startTemperature;
  return {
    setProgress(fraction) {
      temperature = startTemperature * Math.pow(ratio, Math.min(1, Math.max(0, fraction)));
    },
    accept(candidate, current) {
      return candidate <= current || rng.next() < Math.exp((current - candidate) / temperature);
    },
    reset() {},
  };
}

/** Late acceptance hill climbing (Burke & Bykov): compare with the score of `length` moves ago. */
export function lateAcceptance(length: number): Acceptance {
  const history = new Float64Array(length);
  let step = 0;
  return {
    setProgress() {},
    accept(candidate, current) {
      const slot = step++ % length;
      const ok = candidate <= current || candidate <= history[slot]!;
      const after = ok ? candidate : current;
      // Only lowering an entry (the 2017 variant) keeps the list from drifting up on plateaus.
      if (after < history[slot]!) history[slot] = after;
      return ok;
    },
    reset(current) {
      history.fill(current);
    },
  };
}
