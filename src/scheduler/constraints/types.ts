import type { Compiled } from '../compile.js';
import type { ConstraintName, Level } from '../model.js';

/** One occurrence of a penalty: who and which demands, how much (before weight), and why in words. */
export interface Match {
  penalty: number;
  resource?: number;
  demands: number[];
  message: string;
}

/** Collects matches; the search passes none, so the hot path builds no strings. */
export type Emit = (match: Match) => void;

interface Described {
  name: ConstraintName;
  label: string;
  level: Level;
  defaultWeight: number;
}

/** Scored from one resource's timeline: its demand indices (prior shifts included) sorted by start. */
export interface ResourceConstraint extends Described {
  scope: 'resource';
  evaluate(c: Compiled, r: number, timeline: readonly number[], emit?: Emit): number;
}

/** Scored from one demand and the resources in its slots. */
export interface DemandConstraint extends Described {
  scope: 'demand';
  evaluate(c: Compiled, d: number, people: readonly number[], emit?: Emit): number;
}

/** Scored from one location-period and how many of its shifts each resource works. */
export interface LocationConstraint extends Described {
  scope: 'location';
  evaluate(
    c: Compiled,
    locPeriod: number,
    shiftsByResource: ReadonlyMap<number, number>,
    emit?: Emit,
  ): number;
}

export type Constraint = ResourceConstraint | DemandConstraint | LocationConstraint;

export function shiftWords(c: Compiled, d: number): string {
  const when = `${c.fmt(c.start[d]!)} to ${c.fmt(c.end[d]!)}`;
  return d < c.D ? `${c.demandLabels[d]} (${when})` : `an earlier shift (${when})`;
}
