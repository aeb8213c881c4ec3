import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { rankCandidatesMany, type Problem, type Solution } from '../scheduler/index.js';
import { sharedSolverThread } from '../solving/index.js';
import { wordsIn, type RotaProblem } from '../rota/problem.js';
import { candidateView, reasonsInWords, type CandidateView } from '../rota/reasons.js';
import { loadCoverProblem, type CoverTarget } from './cover-problem.js';
import { partsOfShifts } from '../rota/assignments.js';
import { shortFrom } from '../rules/coverage.js';
import { shiftRevisions, shiftsToCover } from './plan-repository.js';
import { unfilledSummary, type UnfilledGroupDto } from '../rota/unfilled-summary.js';

export interface CoverPlanBody {
  assignments: { shiftId: string; practitionerId: string; name: string }[];
  alternatives: { shiftId: string; candidates: CandidateView[] }[];
  uncovered: { shiftId: string; reasons: string[] }[];
  uncoveredSummary: UnfilledGroupDto[];
  changes: { shiftId: string; removed: string[]; added: string[] }[];
  score: { hard: number; medium: number; soft: number };
  movedOthers: boolean;
  solveMs: number;
}

const ALTERNATIVES = 3;

/** What a cover plan is for: an absence's shifts, chosen shifts, or every uncovered shift of a period. */
export type CoverTargetSpec =
  { absenceId: string } | { shiftIds: string[] } | { period: { start: Date; end: Date } };

/** The shifts a plan should cover: short of people at some moment still to come. */
export async function coverTargets(db: Kysely<DB>, spec: CoverTargetSpec, now: Date): Promise<CoverTarget[]> {
  const rows = await shiftsToCover(db, spec, now);
  const parts = await partsOfShifts(
    db,
    rows.map((r) => r.id),
  );
  const out: CoverTarget[] = [];
  for (const r of rows) {
    const gap = shortFrom(
      parts.get(r.id) ?? [],
      r.starts_at.getTime(),
      r.ends_at.getTime(),
      r.required,
      now.getTime(),
    );
    if (gap === null) continue;
    out.push({
      shiftId: r.id,
      localDate: r.local_date,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      shortFrom: new Date(Math.max(gap, now.getTime())),
    });
  }
  return out;
}

// A repair is small: a short search after construction settles it; the time limit is a safety net.
const solveRepair = (problem: Problem, seconds: number): Promise<Solution> =>
  sharedSolverThread.solve(problem, { seed: 7, timeLimitMs: seconds * 1000, unimprovedLimit: 20_000 });

/**
 * A joint plan for all the shifts an absence uncovered: first with everything else fixed; only if that
 * leaves shifts short, again allowing other not-yet-started unlocked shifts to move, at a high price
 * per change so the published rota changes as little as it can.
 */
export async function makeCoverPlan(
  db: Kysely<DB>,
  targets: CoverTarget[],
  timezone: string,
  now: Date,
): Promise<{ body: CoverPlanBody; revisions: Record<string, number> }> {
  const started = performance.now();
  const { loaded, solution, movedOthers, targetIds } = await solveCover(db, targets, timezone, now);
  const body: CoverPlanBody = {
    ...planChanges(loaded.problem, solution, targetIds),
    ...explainCover(loaded, solution, targetIds, timezone),
    score: solution.score,
    movedOthers,
    solveMs: 0,
  };
  body.solveMs = Math.round(performance.now() - started);
  const touched = new Set([...targetIds, ...body.changes.map((c) => c.shiftId)]);
  return { body, revisions: await shiftRevisions(db, [...touched]) };
}

/** The repair: the targets alone first; others may move only when that leaves fewer people short. */
async function solveCover(db: Kysely<DB>, targets: CoverTarget[], timezone: string, now: Date) {
  let loaded = await loadCoverProblem(db, targets, timezone, now, false);
  let solution = await solveRepair(loaded.problem, 0.5);
  const targetIds = new Set(loaded.problem.solveOnly ?? []);
  let movedOthers = false;
  if (solution.unfilled.some((u) => targetIds.has(u.demandId))) {
    const narrow = loaded;
    loaded = await loadCoverProblem(db, targets, timezone, now, true);
    const wider = await solveRepair(loaded.problem, 0.8);
    const short = (s: Solution) =>
      s.unfilled.filter((u) => targetIds.has(u.demandId)).reduce((n, u) => n + u.missing, 0);
    if (wider.score.hard === 0 && short(wider) < short(solution)) {
      solution = wider;
      movedOthers = true;
    } else loaded = narrow;
  }
  return { loaded, solution, movedOthers, targetIds };
}

/** Who the plan puts on each target, and what it changes elsewhere to make that possible. */
function planChanges(problem: Problem, solution: Solution, targetIds: Set<string>) {
  const names = new Map(problem.resources.map((r) => [r.id, r.name ?? r.id]));
  const assignments: CoverPlanBody['assignments'] = [];
  const changes: CoverPlanBody['changes'] = [];
  for (const d of problem.demands) {
    const was = new Set(d.published ?? []);
    const after = solution.assignments[d.id] ?? [];
    const added = after.filter((p) => !was.has(p));
    const removed = [...was].filter((p) => !after.includes(p));
    if (targetIds.has(d.id)) {
      for (const p of added) assignments.push({ shiftId: d.id, practitionerId: p, name: names.get(p) ?? p });
    } else if (added.length || removed.length) {
      changes.push({ shiftId: d.id, removed, added });
    }
  }
  return { assignments, changes };
}

/** The next best people for each target, and for those no one can take, who was considered and why not. */
function explainCover(loaded: RotaProblem, solution: Solution, targetIds: Set<string>, timezone: string) {
  const { problem } = loaded;
  // One compiled state answers both: the next best for covered shifts, and who was considered (and
  // why not) for shifts no one can take.
  const ranked = rankCandidatesMany(
    problem,
    solution.assignments,
    [...targetIds].map((demandId) => ({ demandId })),
    wordsIn(timezone, loaded.firstDate),
  );
  const short = new Map(solution.unfilled.map((u) => [u.demandId, u.missing]));
  const labels = new Map(problem.demands.map((d) => [d.id, d.label ?? d.id]));
  const uncovered: CoverPlanBody['uncovered'] = [];
  const alternatives: CoverPlanBody['alternatives'] = [];
  for (const [shiftId, candidates] of ranked) {
    const missing = short.get(shiftId);
    if (missing)
      uncovered.push({
        shiftId,
        reasons: reasonsInWords({ demandId: shiftId, label: labels.get(shiftId)!, missing, candidates }),
      });
    alternatives.push({
      shiftId,
      candidates: candidates
        .filter((c) => c.allowed)
        .slice(0, ALTERNATIVES)
        .map(candidateView),
    });
  }
  const uncoveredSummary =
    uncovered.length === 0
      ? []
      : unfilledSummary(problem, solution.assignments, {
          timezone,
          firstDate: loaded.firstDate,
          placementOf: (id) => loaded.placementOf[id]!,
          only: uncovered.map((u) => u.shiftId),
        });
  return { uncovered, alternatives, uncoveredSummary };
}

export function ensureSomethingToCover(targets: CoverTarget[], what: string): void {
  if (targets.length === 0) {
    throw problems.conflict(
      `There is no uncovered shift left to cover for ${what}: they are covered already or have ended.`,
      'nothing-to-cover',
    );
  }
}
