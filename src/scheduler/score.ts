import type { Score } from './model.js';

export const ZERO: Score = { hard: 0, medium: 0, soft: 0 };

/** Negative when a is better (lower penalties), lexicographic over hard, medium, soft. */
export function compareScores(a: Score, b: Score): number {
  return a.hard - b.hard || a.medium - b.medium || a.soft - b.soft;
}

export function isFeasible(s: Score): boolean {
  return s.hard === 0;
}

export function formatScore(s: Score): string {
  return `${s.hard}hard/${s.medium}medium/${s.soft}soft`;
}
