import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createApiKey } from '../src/keys/repository.js';
import { seedNationalScenario } from './national-scenario.js';
import { openScratchDatabase } from './scratch-database.js';

/**
 * `npm run bench:http [-- --seconds 10 --connections 10 --client-threads 2]`: HTTP load on loopback with autocannon, on a fresh
 * PostgreSQL database when DATABASE_URL is set (created and dropped here), else embedded PGlite in memory.
 * Reports requests/s, p50 and p99 for: a week of shifts, the panel, bookings under contention (one hub-week,
 * a cap of 3, many cases), and reads while a 60-placement rota run solves in the background.
 * Then one shifts.csv of every seeded week (`--weeks`, default 2) while /health/ready is polled: its time,
 * the process's peak memory growth, and the slowest health answer during it.
 * Targets (2 cores): >= 2,000 req/s and p99 <= 50 ms for a week of shifts; p99 <= 200 ms for reads while solving.
 */
const args = new Map(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])),
);
const seconds = Number(args.get('seconds') ?? 10);
const connections = Number(args.get('connections') ?? 10);
const weeks = Number(args.get('weeks') ?? 2);
// One client thread cannot take in 32 KB answers as fast as the server sends them: two do.
const clientThreads = Number(args.get('client-threads') ?? 2);
const TZ = 'Europe/London';
const FROM = '2027-01-04'; // a Monday
const WEEK = '2027-W01';

const database = await openScratchDatabase('http', process.env.DATABASE_URL);
const scenario = await seedNationalScenario(database.db, {
  seed: 1,
  from: FROM,
  weeks,
  people: 360,
  placements: 60,
  timezone: TZ,
});
const config = loadConfig(
  {},
  { logLevel: 'warn', rateLimitPerMinute: 0, solveInProcess: true, timezone: TZ },
);
const app = await buildApp(config, { database, logger: false });
const keys = {
  admin: (await createApiKey(database.db, 'bench admin', 'admin')).key,
  coordinator: (await createApiKey(database.db, 'bench coordinator', 'coordinator')).key,
  socialWorker: (await createApiKey(database.db, 'bench social worker', 'social_worker')).key,
};
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address() as { port: number };
const base = `http://127.0.0.1:${address.port}`;

async function call(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

// A hub with a lead responder for the week, for the bookings.
const regionCode = ((await call(keys.admin, 'GET', '/v1/regions')).items as { code: string }[])[0]!.code;
await call(keys.admin, 'PUT', '/v1/hubs/bench-hub', { name: 'Bench hub', weeklyCaseCap: 3 });
const lead = await call(keys.admin, 'POST', '/v1/practitioners', {
  name: 'Bench Lead',
  kind: 'zero_nineteen',
  grade: 'H',
  homeRegion: regionCode,
  hub: 'bench-hub',
});
await call(keys.admin, 'PUT', `/v1/osr/lead-responders/bench-hub/${WEEK}`, {
  practitionerId: lead.id,
  reason: 'bench',
});

interface Line {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}
const lines: Line[] = [];

async function load(name: string, path: string, options: Partial<autocannon.Options>): Promise<Line> {
  const result = await autocannon({
    url: base + path,
    connections,
    duration: seconds,
    ...options,
  } as autocannon.Options);
  const line = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
  lines.push(line);
  console.log(
    `${name.padEnd(44)} ${String(line.rps).padStart(6)} req/s  p50 ${line.p50} ms  p99 ${line.p99} ms  non-2xx ${line.non2xx}`,
  );
  return line;
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const weekOfShifts = `/v1/shifts?from=${FROM}&to=2027-01-10`;
console.log(
  `care-rota HTTP bench (${database.kind}, ${scenario.placements} placements, ${scenario.practitioners} practitioners; ${connections} connections, ${seconds} s each)`,
);
// The load generator runs in its own threads (autocannon's workers), so the server has this one to itself.
const reader = { headers: { ...auth(keys.coordinator), 'accept-encoding': 'gzip' }, workers: clientThreads };
// Warm up first (JIT, pools, the first answer made), as any measurement of a running service would.
await autocannon({ url: base + weekOfShifts, connections, duration: 3, ...reader } as autocannon.Options);
await load('GET a week of shifts', weekOfShifts, reader);
await load('GET a week of shifts (no gzip asked)', weekOfShifts, {
  ...reader,
  headers: auth(keys.coordinator),
});
await load('GET the panel (100 practitioners)', '/v1/practitioners?limit=100', reader);
let n = 0;
await load('POST bookings under contention (cap 3)', '/v1/osr/bookings', {
  method: 'POST',
  headers: { ...auth(keys.socialWorker), 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({
          hub: 'bench-hub',
          week: WEEK,
          caseReference: `CASE-${n++ % 50}`,
          kind: 'consultation',
          socialWorker: 'Bench',
        }),
      }),
    },
  ],
});
const run = await call(keys.coordinator, 'POST', '/v1/rota-runs', {
  from: FROM,
  to: '2027-01-17',
  timeLimitSeconds: seconds + 20,
});
await new Promise((r) => setTimeout(r, 2000)); // the worker picks it up
const during = await load('GET a week of shifts while a run solves', weekOfShifts, reader);
const status = await call(keys.coordinator, 'GET', `/v1/rota-runs/${String(run.id)}`);
console.log(`(the run was ${String(status.status)} during that load)`);
await call(keys.coordinator, 'POST', `/v1/rota-runs/${String(run.id)}/cancel`, {}).catch(() => undefined);

await exportWhileHealthPolled();

/** One shifts.csv of every seeded week, with /health/ready polled every 20 ms meanwhile. */
async function exportWhileHealthPolled(): Promise<void> {
  const to = DateTime.fromISO(FROM).plus({ weeks, days: -1 }).toISODate()!;
  // Server and client share this process: the heap's growth over the export is the server's buffering.
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const health: number[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      await fetch(`${base}/health/ready`);
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t = performance.now();
  const res = await fetch(`${base}/v1/shifts.csv?from=${FROM}&to=${to}`, { headers: auth(keys.coordinator) });
  const body = await res.text();
  const ms = Math.round(performance.now() - t);
  done = true;
  await poll;
  clearInterval(sample);
  const rows = body.trim().split('\r\n').length - 1;
  console.log(
    `GET shifts.csv of ${weeks} weeks (${rows} shifts)           ${ms} ms  heap +${Math.round((peak - heap0) / 1e6)} MB  /health/ready max ${Math.round(Math.max(0, ...health))} ms over ${health.length} polls`,
  );
}

const week = lines[0]!;
console.log(
  `\nTargets: a week of shifts >= 2000 req/s and p99 <= 50 ms: ${week.rps >= 2000 && week.p99 <= 50 ? 'met' : 'NOT met'}; reads while solving p99 <= 200 ms: ${during.p99 <= 200 ? 'met' : 'NOT met'}`,
);
await app.close();
await database.close();
