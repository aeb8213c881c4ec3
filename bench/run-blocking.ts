import { monitorEventLoopDelay } from 'node:perf_hooks';
import { explain } from '../src/scheduler/index.js';
import { startSolve } from '../src/solving/index.js';
import { formatLocal, loadRotaProblem } from '../src/rota/problem.js';
import { seedNationalScenario } from './national-scenario.js';
import { openScratchDatabase } from './scratch-database.js';

/**
 * `npm run bench:blocking [-- --weeks 9]`: how long a large rota run holds the event loop. Seeds the
 * national scenario (60 placements, 360 people; 9 weeks is 7,560 shifts), then times each step a run
 * takes (load the problem on the main thread; solve and explain in the solver thread) and the longest
 * event-loop stall during each (monitorEventLoopDelay). `--main-explain` also times the explanation made
 * on the main thread, as it was before. On PostgreSQL when DATABASE_URL is set.
 */
const args = new Map(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])),
);
const weeks = Number(args.get('weeks') ?? 9);
const TZ = 'Europe/London';
const FROM = '2027-01-04';

const database = await openScratchDatabase('blocking', process.env.DATABASE_URL);
const scenario = await seedNationalScenario(database.db, {
  seed: 1,
  from: FROM,
  weeks,
  people: 360,
  placements: 60,
  timezone: TZ,
});

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t = performance.now();
  const out = await fn();
  const ms = performance.now() - t;
  h.disable();
  console.log(
    `${name.padEnd(34)} ${Math.round(ms).toString().padStart(6)} ms   longest stall ${Math.round(h.max / 1e6)} ms`,
  );
  return out;
}

console.log(
  `care-rota run blocking bench (${database.kind}, ${scenario.placements} placements, ${weeks} weeks)`,
);
const loaded = await step('load the problem', () =>
  loadRotaProblem(database.db, { from: scenario.from, to: scenario.to, timezone: TZ, now: new Date(0) }),
);
console.log(`  (${loaded.problem.demands.length} shifts, ${loaded.problem.resources.length} practitioners)`);
const report = await step('solve 1 s, explain, in the thread', async () => {
  const job = startSolve(
    loaded.problem,
    { seed: 1, timeLimitMs: 1000 },
    { timezone: TZ, firstDate: loaded.firstDate, placementOf: loaded.placementOf },
  );
  await job.result;
  return job.report;
});
console.log(`  (${report?.unassigned.length ?? 0} shifts short, explained in words)`);
if (args.has('main-explain')) {
  // The way it was: the explanation made on the HTTP event loop.
  const solution = await startSolve(loaded.problem, { seed: 1, timeLimitMs: 1000 }).result;
  await step('explain on the main thread (before)', async () =>
    explain(loaded.problem, solution.assignments, { formatInstant: formatLocal(TZ) }),
  );
}
console.log(`heap used ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
await database.close();
