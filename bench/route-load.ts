import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createApiKey } from '../src/keys/repository.js';
import { seedNationalScenario } from './national-scenario.js';
import { openScratchDatabase } from './scratch-database.js';
/**
 * `npm run bench:route [-- '/v1/shifts?from=2027-01-04&to=2027-01-10']`: one GET route under load (autocannon
 * in its own thread, 10 connections, 8 s, gzip asked) on one seeded national week, for profiling a route
 * alone (`node --import tsx --cpu-prof bench/route-load.ts <path>`). On PostgreSQL when DATABASE_URL is set.
 */
const database = await openScratchDatabase('route', process.env.DATABASE_URL);
await seedNationalScenario(database.db, {
  seed: 1,
  from: '2027-01-04',
  weeks: 1,
  people: 360,
  placements: 60,
  timezone: 'Europe/London',
});
const config = loadConfig(
  {},
  { logLevel: 'warn', rateLimitPerMinute: 0, solveInProcess: false, timezone: 'Europe/London' },
);
const app = await buildApp(config, { database, logger: false });
const key = (await createApiKey(database.db, 'k', 'coordinator')).key;
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const path = process.argv[2] ?? '/v1/shifts?from=2027-01-04&to=2027-01-10';
const r = await autocannon({
  url: base + path,
  connections: 10,
  duration: 8,
  workers: Number(process.env.WORKERS ?? 1),
  headers: { authorization: `Bearer ${key}`, 'accept-encoding': 'gzip' },
} as autocannon.Options);
console.log(
  path,
  Math.round(r.requests.average),
  'req/s p50',
  r.latency.p50,
  'p99',
  r.latency.p99,
  'non2xx',
  r.non2xx,
);
await app.close();
await database.close();
