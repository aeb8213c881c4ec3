import { DateTime } from 'luxon';
import { DEFAULT_CONTRACT, solve, type Problem } from '../scheduler/index.js';
import { generateProblem } from '../scheduler/testing/generate.js';
import { solveCoverPlan, type SolvedCover } from './plan-solve.js';

const WEEK = 7 * 1440;
// A requirement nobody meets: one target stays short, so the second stage and the words for a shift
// no one can take are warmed too.
const NOBODY = 'warm-up: nobody has this';
const SICK = 3;

/**
 * Cover plans for a few sick people on a small generated rota, made in the warm thread at boot before
 * anyone asks for one. A thread's first plans ran its code cold: on the national bench the first plan of
 * the run took 0.9-1.3 s against 0.2-0.3 s for later ones (compiling, searching and ranking 3-5 times
 * slower), and the first to need its second stage 0.5 s more. It takes a few hundred milliseconds of the
 * thread's time, once.
 */
export function warmUpCoverPlans(clock: () => number, timezone = 'Europe/London'): SolvedCover[] {
  const base = likeALoadedRota(generateProblem({ seed: 1, people: 48, locations: 8, weeks: 3 }));
  const { assignments } = solve(base, { seed: 1, maxMoves: 2_000 });
  const t0 = Math.min(...base.demands.map((d) => d.start));
  const week = { start: t0 + WEEK, end: t0 + 2 * WEEK };
  const busiest = [...base.resources]
    .map((r) => ({
      id: r.id,
      shifts: base.demands.filter(
        (d) => d.start >= week.start && d.start < week.end && assignments[d.id]?.includes(r.id),
      ),
    }))
    .sort((a, b) => b.shifts.length - a.shifts.length || a.id.localeCompare(b.id))
    .slice(0, SICK);
  const words = {
    timezone,
    firstDate: DateTime.fromMillis(t0 * 60_000, { zone: timezone }).toISODate()!,
    placementOf: Object.fromEntries(base.demands.map((d) => [d.id, d.location])),
  };
  return busiest.map((sick, i) => {
    const targets = new Set(sick.shifts.map((d) => d.id));
    const problem: Problem = {
      ...base,
      resources: base.resources.map((r) =>
        r.id === sick.id
          ? { ...r, unavailable: [...(r.unavailable ?? []), { ...week, kind: 'sickness' as const }] }
          : r,
      ),
      demands: base.demands.map((d) => ({
        ...d,
        published: (assignments[d.id] ?? []).filter((p) => !targets.has(d.id) || p !== sick.id),
        ...(i === 0 && d.id === sick.shifts[0]?.id ? { requiredSkills: [NOBODY] } : {}),
      })),
      solveOnly: [...targets],
      fixedBefore: week.start,
      weights: { changes: 400 },
    };
    return solveCoverPlan(problem, words, clock);
  });
}

/**
 * The generated rota with the fields a rota read from the database has (shift kinds, empty lists,
 * full contracts with a target), so the code warmed is the code a real plan runs, not a variant of it.
 */
function likeALoadedRota(problem: Problem): Problem {
  return {
    ...problem,
    resources: problem.resources.map((r) => ({
      ...r,
      contract: { ...DEFAULT_CONTRACT, targetMinutes: 6_000, ...r.contract },
    })),
    demands: problem.demands.map((d) => ({
      ...d,
      requiredSkills: d.requiredSkills ?? [],
      excluded: d.excluded ?? [],
      shiftType: d.night ? 'night' : 'early',
      pinned: [],
    })),
    names: { regions: {}, skills: {} },
    forbiddenSuccessions: [],
  };
}
