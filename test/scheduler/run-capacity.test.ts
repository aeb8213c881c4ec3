import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunCapacity } from '../../src/scheduler/run-capacity.js';

interface Rules {
  maxRun: number;
  minRun: number;
  minOff: number;
  maxWeekends: number;
}

/**
 * The most days worked over every pattern of the horizon, under the rules as row construction keeps
 * them: runs touching day 0 are exempt from the minimums, a last run from the minimum days off only if
 * no work follows, a last working run from its minimum (the construction does not look past the end).
 */
function bruteForce(H: number, workable: boolean[], weekend: Uint8Array, rules: Rules): number {
  let best = -1;
  for (let mask = 0; mask < 1 << H; mask++) {
    const worked = (x: number) => ((mask >> x) & 1) === 1;
    let ok = true;
    let days = 0;
    const weeks = new Set<number>();
    for (let x = 0; x < H && ok; x++) {
      if (!worked(x)) continue;
      if (!workable[x]) ok = false;
      days++;
      if (weekend[x]) weeks.add(Math.floor(x / 7));
    }
    for (let x = 0; x < H && ok;) {
      let y = x;
      while (y < H && worked(y) === worked(x)) y++;
      const length = y - x;
      if (worked(x) && length > rules.maxRun) ok = false;
      if (worked(x) && x > 0 && y < H && length < rules.minRun) ok = false;
      if (!worked(x) && x > 0 && y < H && length < rules.minOff) ok = false;
      x = y;
    }
    if (ok && weeks.size <= rules.maxWeekends) best = Math.max(best, days);
  }
  return best;
}

describe('the run capacity of a row', () => {
  it('is the most days any pattern keeping the run and weekend rules can work', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
        fc.record({
          maxRun: fc.integer({ min: 1, max: 6 }),
          minRun: fc.integer({ min: 1, max: 3 }),
          minOff: fc.integer({ min: 1, max: 3 }),
          maxWeekends: fc.integer({ min: 0, max: 3 }),
        }),
        (H, free, rules) => {
          const weekend = Uint8Array.from({ length: H }, (_, x) => (x % 7 >= 5 ? 1 : 0));
          const capacity = new RunCapacity(H, weekend, rules);
          capacity.fill((x) => free[x]!);
          expect(capacity.at(0, false, 0, true, rules.maxWeekends)).toBe(bruteForce(H, free, weekend, rules));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('counts 5 days of every 7 where 2 days off must come together, not 6', () => {
    const H = 70;
    const capacity = new RunCapacity(H, new Uint8Array(H), { maxRun: 5, minRun: 2, minOff: 2 });
    capacity.fill(() => true);
    expect(capacity.at(0, false, 0, true, Infinity)).toBe(50);
    // After 5 days' work, day 5 must be off and day 6 too.
    expect(capacity.at(5, true, 5, false, Infinity)).toBe(45);
    expect(capacity.at(6, false, 1, false, Infinity)).toBe(45);
  });

  it('leaves weekends out where one week has two apart (one weekend could be counted twice)', () => {
    const weekend = Uint8Array.from({ length: 14 }, (_, x) => (x % 7 === 1 || x % 7 === 5 ? 1 : 0));
    const capacity = new RunCapacity(14, weekend, { maxRun: 14, maxWeekends: 0 });
    capacity.fill(() => true);
    expect(capacity.at(0, false, 0, true, 0)).toBe(14);
  });
});
