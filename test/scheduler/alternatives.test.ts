import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compile,
  rankCandidatesMany,
  rankCandidatesOn,
  searchCompiled,
  solve,
} from '../../src/scheduler/index.js';
import { problemArb } from './arbitrary.js';

describe('ranking many demands at once', () => {
  it('asking only for the allowed gives exactly the allowed of the whole ranking, in its order', () => {
    // People a standing rule rules out must come up, or the shortcut past them is never exercised.
    const standing = new Set(['absence', 'region', 'skill', 'gender', 'exclusion']);
    let ruledOut = 0;
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const { assignments } = solve(problem, { seed, maxMoves: 500 });
        const requests = problem.demands.map((d) => ({ demandId: d.id }));
        const full = rankCandidatesMany(problem, assignments, requests);
        const allowed = rankCandidatesMany(problem, assignments, requests, { allowedOnly: true });
        // Asked per request in one call (as a cover plan does), each gets what it asked for.
        const mixed = rankCandidatesMany(
          problem,
          assignments,
          requests.map((r, i) => (i % 2 ? { ...r, allowedOnly: true, limit: 2 } : r)),
        );
        const ids = (list: { resourceId: string }[] | undefined) => list!.map((r) => r.resourceId);
        requests.forEach(({ demandId }, i) =>
          expect(ids(mixed.get(demandId))).toEqual(
            i % 2 ? ids(allowed.get(demandId)).slice(0, 2) : ids(full.get(demandId)),
          ),
        );
        for (const { demandId } of requests) {
          const expected = full.get(demandId)!.filter((r) => r.allowed);
          for (const r of full.get(demandId)!) if (r.hard.some((x) => standing.has(x.constraint))) ruledOut++;
          expect(allowed.get(demandId)!.map((r) => r.resourceId)).toEqual(expected.map((r) => r.resourceId));
          // Messages may list a team in another order (who was tried before changes a map's order).
          const gist = (r: (typeof expected)[number]) => ({
            id: r.resourceId,
            delta: r.delta,
            rules: [...r.hard, ...r.soft].map((x) => x.constraint),
          });
          expect(allowed.get(demandId)!.map(gist)).toEqual(expected.map(gist));
        }
      }),
      { numRuns: 60, seed: 3 },
    );
    expect(ruledOut).toBeGreaterThan(0);
  });

  it('ranking on the state a solve ended in gives what ranking a fresh state of its solution gives', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const { solution, state } = searchCompiled(compile(problem, { forSearch: true }), {
          seed,
          maxMoves: 500,
        });
        const requests = problem.demands.map((d, i) =>
          i % 2 ? { demandId: d.id, allowedOnly: true, limit: 2 } : { demandId: d.id },
        );
        const fresh = rankCandidatesMany(problem, solution.assignments, requests);
        const reused = rankCandidatesOn(state, requests);
        // Messages may list a team in another order (who was tried before changes a map's order).
        const gist = (list: ReturnType<typeof fresh.get>) =>
          list!.map((r) => ({
            id: r.resourceId,
            allowed: r.allowed,
            delta: r.delta,
            rules: [...r.hard, ...r.soft].map((x) => x.constraint),
          }));
        for (const { demandId } of requests)
          expect(gist(reused.get(demandId))).toEqual(gist(fresh.get(demandId)));
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});
