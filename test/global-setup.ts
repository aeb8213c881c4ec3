import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../src/db/migrate.js';
import { WORKER_BUNDLES_ENV } from '../src/solving/spawn.js';
import { dumpMigratedPglite } from './helpers/pglite-snapshot.js';
import { bundleSolverWorkers } from './helpers/worker-bundles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a real PostgreSQL server, or '' when the tests run on embedded PGlite only. */
    pgUrl: string;
    /** A migrated database that each test file clones, so files are isolated and migrate once. */
    pgTemplate: string;
    pgSource: string;
    /** A migrated embedded database's data directory (a tar file) that each test file loads. */
    pgliteSnapshot: string;
  }
}

let stopContainer: (() => Promise<unknown>) | undefined;

async function findPostgres(): Promise<{ url: string; source: string } | undefined> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'DATABASE_URL' };
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    stopContainer = () => container.stop();
    return { url: container.getConnectionUri(), source: 'testcontainers (postgres:15-alpine)' };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.log(`[db] testcontainers unavailable: ${reason}`);
    return undefined;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [snapshot, workers] = await Promise.all([dumpMigratedPglite(), bundleSolverWorkers()]);
  project.provide('pgliteSnapshot', snapshot.path);
  // Set before the test workers start, so every process they run (and its solver threads) inherits it.
  process.env[WORKER_BUNDLES_ENV] = workers.dir;
  const removeFiles = async () => {
    await snapshot.remove();
    await workers.remove();
  };
  const found = await findPostgres();
  if (!found) {
    console.log(
      '[db] No PostgreSQL server: integration tests run on embedded PGlite only. Set DATABASE_URL to add PostgreSQL.',
    );
    project.provide('pgUrl', '');
    project.provide('pgTemplate', '');
    project.provide('pgSource', '');
    return removeFiles;
  }
  const template = `care_rota_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: found.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: withDatabase(found.url, template), max: 1 }),
    }),
  });
  await migrateToLatest(db);
  await db.destroy();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  console.log(
    `[db] Integration tests run on embedded PGlite and on PostgreSQL ${version} from ${found.source}.`,
  );
  project.provide('pgUrl', found.url);
  project.provide('pgTemplate', template);
  project.provide('pgSource', found.source);
  return async () => {
    const leftovers = await admin.query(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `care_rota_t_${process.pid}_%`],
    );
    for (const row of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
    await stopContainer?.();
    await removeFiles();
  };
}
