import type { Random } from './random.js';

/** Decides whether the search keeps a worse (or equal) neighbour. Scores are [hard, medium, soft]. */
export interface Acceptor {
  accept(current: Float64Array, candidate: Float64Array, progress: number, rnd: Random): boolean;
  reset(current: Float64Array): void;
}

function lexLeq(a: Float64Array, b: Float64Array, at = 0): boolean {
  return (
    a[0]! < b[at]! || (a[0] === b[at] && (a[1]! < b[at + 1]! || (a[1] === b[at + 1] && a[2]! <= b[at + 2]!)))
  );
}

/** Late acceptance hill climbing: accept when no worse than the current or the score L moves ago. */
export function lateAcceptance(length = 1000): Acceptor {
  const history = new Float64Array(length * 3);
  let i = 0;
  return {
    reset(current) {
      for (let k = 0; k < length; k++) history.set(current, k * 3);
      i = 0;
    },
    accept(current, candidate) {
      const v = (i % length) * 3;
      const ok = lexLeq(candidate, current) || lexLeq(candidate, history, v);
      history.set(ok ? candidate : current, v);
      i++;
      return ok;
    },
  };
}

/** Levels folded into one energy: a hard minute outweighs any medium, a medium minute any soft move. */
function energy(s: Float64Array): number {
  return s[0]! * 1e7 + s[1]! * 1e3 + s[2]!;
}

export interface AnnealingOptions {
  startTemperature?: number;
  endTemperature?: number;
}

/**
 * Simulated annealing on the folded energy, cooling geometrically with the search's progress (0..1).
 * (An adaptive hard weight in place of the fold, as the Curtois engine has, was tried on the benchmark
 * through the core and did not help: Instances 5, 8, 11 at 600k moves, 2734/4557(7 hard)/5553(7 hard)
 * against 2705/4362(10 hard)/6150(5 hard) without it.)
 */
export function simulatedAnnealing(options: AnnealingOptions = {}): Acceptor {
  const start = options.startTemperature ?? 200;
  const end = options.endTemperature ?? 0.5;
  return {
    reset() {},
    accept(current, candidate, progress, rnd) {
      const delta = energy(candidate) - energy(current);
      if (delta <= 0) return true;
      const t = start * (end / start) ** Math.min(1, progress);
      return rnd.next() < Math.exp(-delta / t);
    },
  };
}
