import type { Assignments, ConstraintName, Demand, Problem, Resource } from '../../src/scheduler/index.js';
import { scoreAssignments } from '../../src/scheduler/index.js';

/** Monday 2026-03-02 00:00 UTC in epoch minutes. */
export const T0 = 29_540_160;
export const HOUR = 60;
export const DAY = 1440;

export function person(id: string, extra: Partial<Resource> = {}): Resource {
  return {
    id,
    name: id,
    regions: ['north-east'],
    homeRegion: 'north-east',
    skills: [],
    gender: 'female',
    ...extra,
  };
}

/** A 12-hour shift: day 08:00-20:00 or night 20:00-08:00 on the given day. */
export function shift(
  id: string,
  day: number,
  kind: 'day' | 'night' = 'day',
  extra: Partial<Demand> = {},
): Demand {
  const start = T0 + day * DAY + (kind === 'day' ? 8 : 20) * HOUR;
  return {
    id,
    start,
    end: start + 12 * HOUR,
    day,
    night: kind === 'night',
    weekend: day % 7 >= 5,
    location: 'home-1',
    region: 'north-east',
    ...extra,
  };
}

export function breakdown(
  problem: Problem,
  assignments: Assignments,
  name: ConstraintName,
): { penalty: number; messages: string[] } {
  const b = scoreAssignments(problem, assignments).constraints.find((c) => c.name === name);
  if (!b) throw new Error(`no constraint ${name}`);
  return { penalty: b.penalty, messages: b.matches.map((m) => m.message) };
}

export function penalty(problem: Problem, assignments: Assignments, name: ConstraintName): number {
  return breakdown(problem, assignments, name).penalty;
}

/** Everyone on every listed demand: `{ a: ['s1', 's2'] }` -> `{ s1: ['a'], s2: ['a'] }`. */
export function working(byPerson: Record<string, string[]>): Assignments {
  const out: Record<string, string[]> = {};
  for (const [p, ds] of Object.entries(byPerson)) for (const d of ds) (out[d] ??= []).push(p);
  return out;
}
