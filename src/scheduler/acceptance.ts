import type { HardWeightSchedule } from './model.js';
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
function energy(s: Float64Array, hardWeight = 1e7): number {
  return s[0]! * hardWeight + s[1]! * 1e3 + s[2]!;
}

export interface AnnealingOptions {
  startTemperature?: number;
  endTemperature?: number;
  hardWeight?: HardWeightSchedule;
}

/**
 * Simulated annealing on the folded energy, cooling geometrically with the search's progress (0..1).
 * With a `hardWeight` schedule, hard points weigh an oscillating number of soft points instead.
 */
export function simulatedAnnealing(options: AnnealingOptions = {}): Acceptor {
  const start = options.startTemperature ?? 200;
  const end = options.endTemperature ?? 0.5;
  const weight = options.hardWeight ? oscillatingWeight(options.hardWeight) : () => 1e7;
  return {
    reset() {},
    accept(current, candidate, progress, rnd) {
      const w = weight(current, progress);
      const delta = energy(candidate, w) - energy(current, w);
      if (delta <= 0) return true;
      const t = start * (end / start) ** Math.min(1, progress);
      return rnd.next() < Math.exp(-delta / t);
    },
  };
}

/** The hard weight, raised while the current rota breaks a rule and lowered while it keeps them all. */
function oscillatingWeight(schedule: HardWeightSchedule) {
  const every = schedule.every ?? 2048;
  let weight = schedule.initial;
  let calls = 0;
  return (current: Float64Array, progress: number): number => {
    if (++calls % every === 0) {
      const floor = Math.max(schedule.initial / 20, schedule.final * Math.min(1, progress));
      const next = current[0]! > 0 ? Math.min(schedule.max, weight * 1.1) : weight / 1.1;
      weight = Math.max(floor, next);
    }
    return weight;
  };
}
