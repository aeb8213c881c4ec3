import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openScratchDatabase } from './scratch-database.js';
import { loadRotaProblem } from '../src/rota/problem.js';
import { publishRun } from '../src/rota/publish.js';
import { insertRun, type RunRow } from '../src/rota/runs-repository.js';
import { explain, type Score } from '../src/scheduler/index.js';
import { sharedSolverThread, startSolve } from '../src/solving/index.js';
import { keepRules } from '../src/rules/enforce.js';
import { coverTargets, makeCoverPlan, type CoverPlanTimings } from '../src/cover/plan.js';
import { insertAbsence } from '../src/panel/absence-repository.js';
import { seedNationalScenario } from './national-scenario.js';
import { measureRecheck } from './recheck.js';

/**
 * `npm run bench [-- --seconds 60 --seed 1 --covers 20]`: the national 24/7 scenario solved as a rota
 * run would be, then sickness cover latency on the published rota. Uses DATABASE_URL when set (a fresh
 * database of its own, dropped at the end), else an in-memory embedded database.
 */
const args = new Map(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])),
);
const seconds = Number(args.get('seconds') ?? 60);
const seed = Number(args.get('seed') ?? 1);
const covers = Number(args.get('covers') ?? 20);
const TZ = 'Europe/London';
const FROM = '2027-01-04';

// As the service does at boot: the warm solver thread is started long before anyone reports sickness
// (started just before the first plan, its start-up under tsx was part of that plan's time).
sharedSolverThread.warm();
const database = await openScratchDatabase('national', process.env.DATABASE_URL);
const db = database.db;
const setupStart = performance.now();
const scenario = await seedNationalScenario(db, {
  seed,
  from: FROM,
  weeks: 4,
  people: 360,
  placements: 60,
  timezone: TZ,
});
const loaded = await loadRotaProblem(db, {
  from: scenario.from,
  to: scenario.to,
  timezone: TZ,
  now: new Date('2027-01-01T00:00:00Z'),
});
console.log(
  `National scenario: ${scenario.placements} placements, ${scenario.practitioners} practitioners, ${loaded.problem.demands.length} shifts, ${scenario.from} to ${scenario.to} (${database.kind}); set up in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
);

// Peak memory of this process (the worker thread shares the heap statistics of the process RSS).
let peakRss = process.memoryUsage().rss;
const memoryTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

const started = performance.now();
let firstHardZero: number | undefined;
let firstComplete: number | undefined;
const job = startSolve(loaded.problem, { seed, timeLimitMs: seconds * 1000 });
job.events.on('progress', (p: { best: Score; elapsedMs: number }) => {
  const t = (performance.now() - started) / 1000;
  if (p.best.hard === 0 && firstHardZero === undefined) firstHardZero = t;
  if (p.best.hard === 0 && p.best.medium === 0 && firstComplete === undefined) firstComplete = t;
});
const solution = await job.result;
const solveSeconds = (performance.now() - started) / 1000;
if (solution.score.hard === 0 && firstHardZero === undefined) firstHardZero = solveSeconds;
if (solution.score.hard === 0 && solution.score.medium === 0 && firstComplete === undefined)
  firstComplete = solveSeconds;
clearInterval(memoryTimer);

const explanation = explain(loaded.problem, solution.assignments);
const breakdown = Object.fromEntries(
  explanation.constraints
    .filter((c) => c.penalty > 0)
    .map((c) => [c.name, { penalty: c.penalty, matches: c.matches.length }]),
);
const perLocationWeek = new Map<string, Set<string>>();
const minutes = new Map<string, number>();
for (const d of loaded.problem.demands) {
  for (const p of solution.assignments[d.id] ?? []) {
    const key = `${d.location}|${Math.floor(d.day / 7)}`;
    perLocationWeek.set(key, (perLocationWeek.get(key) ?? new Set()).add(p));
    minutes.set(p, (minutes.get(p) ?? 0) + d.end - d.start);
  }
}
const teamSizes = [...perLocationWeek.values()].map((s) => s.size);
const hoursPerWeek = [...minutes.values()].map((m) => m / 60 / 4);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const national = {
  shifts: loaded.problem.demands.length,
  practitioners: scenario.practitioners,
  secondsLimit: seconds,
  secondsToNoHardViolation: firstHardZero ?? null,
  secondsToAllCovered: firstComplete ?? null,
  finalScore: solution.score,
  unfilledShifts: solution.unfilled.length,
  moves: solution.stats.moves,
  peakRssMb: Math.round(peakRss / 1_048_576),
  continuity: {
    meanPeoplePerPlacementWeek: +mean(teamSizes).toFixed(2),
    maxPeoplePerPlacementWeek: Math.max(...teamSizes),
  },
  fairness: {
    practitionersUsed: minutes.size,
    meanHoursPerWeek: +mean(hoursPerWeek).toFixed(1),
    sdHoursPerWeek: +sd(hoursPerWeek).toFixed(1),
    maxHoursPerWeek: +Math.max(...hoursPerWeek).toFixed(1),
  },
  breakdown,
};
console.table({
  ...national,
  finalScore: JSON.stringify(national.finalScore),
  continuity: JSON.stringify(national.continuity),
  fairness: JSON.stringify(national.fairness),
  breakdown: undefined,
});
console.log('score by rule:', breakdown);

// Publish it, as a coordinator would, then time sickness cover for practitioners with a week of shifts.
const run = (await insertRun(db, {
  from: scenario.from,
  to: scenario.to,
  timeLimitSeconds: seconds,
  seed,
  createdBy: null,
})) as RunRow;
await db
  .updateTable('rota_runs')
  .set({
    status: 'completed',
    base_revision: loaded.revision,
    result: JSON.stringify({
      assignments: solution.assignments,
      unassigned: [],
      breakdown: [],
      stats: {},
      summary: {},
    }),
  })
  .where('id', '=', run.id)
  .execute();
const publishStart = performance.now();
await db
  .transaction()
  .execute(async (trx) =>
    publishRun(
      trx,
      (await trx
        .selectFrom('rota_runs')
        .selectAll()
        .where('id', '=', run.id)
        .executeTakeFirstOrThrow()) as RunRow,
      new Date('2027-01-01T00:00:00Z'),
    ),
  );
const publishSeconds = +((performance.now() - publishStart) / 1000).toFixed(2);
console.log(`published ${national.shifts} shifts in ${publishSeconds} s`);

const weekStart = new Date('2027-01-11T00:00:00Z');
const weekEnd = new Date('2027-01-18T00:00:00Z');
const busy = await sql<{ practitioner_id: string; n: number }>`
  SELECT a.practitioner_id, count(*)::int AS n FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
  WHERE s.starts_at >= ${weekStart} AND s.starts_at < ${weekEnd}
  GROUP BY a.practitioner_id HAVING count(*) >= 3 ORDER BY count(*) DESC, a.practitioner_id LIMIT ${covers}`.execute(
  db,
);
const latencies: number[] = [];
const coverRows: ({
  practitioner: string;
  shifts: number;
  covered: number;
  uncoverable: number;
  movedOthers: boolean;
  ms: number;
  /** Recording the absence, taking the sick person off and finding the shifts to cover. */
  recordMs: number;
} & CoverPlanTimings)[] = [];
for (const row of busy.rows) {
  const now = new Date('2027-01-10T12:00:00Z');
  const rollback = new Error('rollback');
  await db
    .transaction()
    .execute(async (trx) => {
      const t = performance.now();
      const absence = await insertAbsence(trx, {
        practitionerId: row.practitioner_id,
        kind: 'sickness',
        start: weekStart,
        end: weekEnd,
        note: 'bench',
      });
      await keepRules(trx, { practitionerIds: [row.practitioner_id] }, { now, timezone: TZ });
      const targets = await coverTargets(trx, { absenceId: absence.id }, now);
      const recordMs = Math.round(performance.now() - t);
      const { body, timings } = await makeCoverPlan(trx, targets, TZ, now);
      const ms = performance.now() - t;
      latencies.push(ms);
      coverRows.push({
        practitioner: row.practitioner_id.slice(0, 8),
        shifts: targets.length,
        covered: body.assignments.length,
        uncoverable: body.uncovered.length,
        movedOthers: body.movedOthers,
        ms: Math.round(ms),
        recordMs,
        ...timings,
      });
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
}
latencies.sort((a, b) => a - b);
const cover = {
  plans: latencies.length,
  medianMs: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
  worstMs: Math.round(latencies.at(-1) ?? 0),
  shifts: coverRows.reduce((n, r) => n + r.shifts, 0),
  covered: coverRows.reduce((n, r) => n + r.covered, 0),
  uncoverable: coverRows.reduce((n, r) => n + r.uncoverable, 0),
};
console.table(coverRows);
console.log('cover-plan latency:', cover);

const recheck = await measureRecheck(db, TZ, new Date('2027-01-01T00:00:00Z'), 20);
console.log('re-check of a practitioner change:', recheck);

await mkdir('bench-results', { recursive: true });
await writeFile(
  'bench-results/national.json',
  JSON.stringify({ national, publishSeconds, cover, coverRows, recheck }, null, 2),
);
await database.close();
