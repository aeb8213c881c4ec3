import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/scheduler/index.js';
import { compile, recompileSlots, searchCompiled, solve } from '../../src/scheduler/index.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';
import { hardViolations } from './checker.js';
import { DAY, T0 } from './helpers.js';

/** One person's sickness for a week, over a published roster: the shape of a sickness repair. */
function sicknessRepair(size: { people: number; locations: number; weeks: number }, seed: number) {
  const base = generateProblem({ seed, ...size });
  const first = solve(base, { seed: 1, maxMoves: 40_000 });
  const published: Problem = {
    ...base,
    demands: base.demands.map((d) => ({ ...d, published: first.assignments[d.id] ?? [] })),
  };
  const from = T0 + 3 * DAY;
  const to = T0 + 10 * DAY;
  const counts = new Map<string, number>();
  for (const d of base.demands)
    if (d.start >= from && d.start < to)
      for (const id of first.assignments[d.id] ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  const sick = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const uncovered = base.demands
    .filter((d) => d.start < to && d.end > from && (first.assignments[d.id] ?? []).includes(sick))
    .map((d) => d.id);
  const problem: Problem = {
    ...published,
    resources: published.resources.map((r) =>
      r.id === sick
        ? {
            ...r,
            unavailable: [...(r.unavailable ?? []), { start: from, end: to, kind: 'sickness' as const }],
          }
        : r,
    ),
    assignments: first.assignments,
    solveOnly: uncovered,
  };
  return { problem, first, sick, uncovered };
}

describe('partial repair (solveOnly)', () => {
  it("covers a sick person's week and keeps everything else as published", () => {
    const { problem, first, sick, uncovered } = sicknessRepair({ people: 44, locations: 8, weeks: 2 }, 7);
    expect(uncovered.length).toBeGreaterThan(1);
    const repaired = solve(problem, { seed: 1, maxMoves: 30_000, stopWhenFeasible: false });
    for (const d of problem.demands) {
      if (uncovered.includes(d.id)) expect(repaired.assignments[d.id]).not.toContain(sick);
      else expect(repaired.assignments[d.id]).toEqual(first.assignments[d.id]);
    }
    expect(repaired.score.hard).toBe(0);
    expect(repaired.unfilled).toEqual([]);
    expect(hardViolations(problem, repaired.assignments)).toEqual([]);
  });

  it('returns quickly on a national-size roster', () => {
    const { problem, uncovered } = sicknessRepair({ people: 360, locations: 60, weeks: 4 }, 1);
    const t = performance.now();
    const repaired = solve(problem, {
      seed: 1,
      now: () => performance.now(),
      timeLimitMs: 1000,
      unimprovedLimit: 20_000,
    });
    const ms = performance.now() - t;
    expect(ms).toBeLessThan(2000);
    expect(repaired.score.hard).toBe(0);
    expect(repaired.unfilled.filter((u) => uncovered.includes(u.demandId))).toEqual([]);
  });

  it('a compiled repair set for moving others is the one compiled from the wider problem', () => {
    const { problem } = sicknessRepair({ people: 44, locations: 8, weeks: 2 }, 7);
    const wide = { ...problem, allowMovingOthers: true };
    const shared = recompileSlots(compile(problem, { forSearch: true }), wide, { forSearch: true });
    const own = compile(wide, { forSearch: true });
    expect(shared.fixed).toEqual(own.fixed);
    expect(shared.initial).toEqual(own.initial);
    expect(shared.fixed).not.toEqual(compile(problem, { forSearch: true }).fixed);
    const options = { seed: 1, maxMoves: 5_000 };
    expect(searchCompiled(shared, options).solution).toEqual(searchCompiled(own, options).solution);
  });

  it('may move other shifts when allowed, at the cost of changes', () => {
    const { problem } = sicknessRepair({ people: 44, locations: 8, weeks: 2 }, 7);
    const repaired = solve({ ...problem, allowMovingOthers: true }, { seed: 1, maxMoves: 30_000 });
    expect(repaired.score.hard).toBe(0);
    expect(repaired.unfilled).toEqual([]);
  });
});
