import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { sharedSolverThread } from '../solving/index.js';
import { loadCoverProblem, type CoverTarget } from './cover-problem.js';
import { partsOfShifts } from '../rota/assignments.js';
import { shortFrom } from '../rules/coverage.js';
import { shiftRevisions, shiftsToCover } from './plan-repository.js';
import type { CoverPlanBody } from './plan-solve.js';

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

/**
 * From reading the rota to the plan's answer, as a coordinator waits for it: a second stage of the
 * search gets what the reads and the hand-over to the thread leave of it (never less than its minimum).
 * On a quiet machine the stages end well within it; on a loaded one a slow read of the rota had come on
 * top of a full search budget.
 */
const PLAN_MS = 600;

/**
 * A joint plan for all the shifts an absence uncovered (see `solveCoverPlan`), made in the warm solver
 * thread from the rota read here; the revisions it was made from are read back for accepting it.
 */
export async function makeCoverPlan(
  db: Kysely<DB>,
  targets: CoverTarget[],
  timezone: string,
  now: Date,
): Promise<{ body: CoverPlanBody; revisions: Record<string, number>; timings: CoverPlanTimings }> {
  const started = performance.now();
  const answerBy = Date.now() + PLAN_MS;
  const loaded = await loadCoverProblem(db, targets, timezone, now);
  const loadedAt = performance.now();
  // The targets' revisions are read while the thread works; only shifts a second stage changed are read
  // after it.
  const targetIds = loaded.problem.solveOnly ?? [];
  const [solved, targetRevisions] = await Promise.all([
    sharedSolverThread.coverPlan(
      loaded.problem,
      { timezone, firstDate: loaded.firstDate, placementOf: loaded.placementOf },
      answerBy,
    ),
    shiftRevisions(db, [...targetIds]),
  ]);
  const back = performance.now();
  const body: CoverPlanBody = { ...solved.body, solveMs: Math.round(back - started) };
  const others = body.changes.map((c) => c.shiftId).filter((id) => !(id in targetRevisions));
  const revisions = { ...targetRevisions, ...(others.length > 0 ? await shiftRevisions(db, others) : {}) };
  const timings: CoverPlanTimings = {
    loadMs: Math.round(loadedAt - started),
    solveMs: solved.solveMs,
    compileMs: solved.compileMs,
    stage1Ms: solved.stageMs[0] ?? 0,
    stage2Ms: solved.stageMs[1] ?? 0,
    explainMs: solved.explainMs,
    threadMs: Math.round(back - loadedAt) - solved.solveMs - solved.explainMs,
    revisionsMs: Math.round(performance.now() - back),
    stages: solved.stages,
  };
  return { body, revisions, timings };
}

/** Where a plan's time went (benchmarks print it). */
export interface CoverPlanTimings {
  /** Reading the rota around the targets. */
  loadMs: number;
  /** Solving: the compile and both stages (in the solver thread). */
  solveMs: number;
  /** Parts of `solveMs`: the problem compiled once, then each stage's construction and search. */
  compileMs: number;
  stage1Ms: number;
  /** 0 when the first stage covered everything. */
  stage2Ms: number;
  /** Ranking every practitioner for each target, in words (in the solver thread). */
  explainMs: number;
  /** Handing the problem to the thread and the plan back, and waiting for the thread. */
  threadMs: number;
  /** Reading the revisions of shifts a second stage changed (the targets' are read during the solve). */
  revisionsMs: number;
  stages: 1 | 2;
}

export function ensureSomethingToCover(targets: CoverTarget[], what: string): void {
  if (targets.length === 0) {
    throw problems.conflict(
      `There is no uncovered shift left to cover for ${what}: they are covered already or have ended.`,
      'nothing-to-cover',
    );
  }
}
