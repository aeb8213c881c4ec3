import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

/**
 * A migrated database a benchmark may fill and throw away: a fresh PostgreSQL database of its own
 * (dropped by `close`) when `postgresUrl` is given, else an in-memory PGlite. Benchmarks never touch the
 * data behind DATABASE_URL.
 */
export async function openScratchDatabase(label: string, postgresUrl?: string): Promise<Database> {
  let databaseUrl: string | undefined;
  let drop = async () => {};
  if (postgresUrl) {
    const name = `care_rota_bench_${label}_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase({ databaseUrl, pgliteDir: 'memory' });
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close().catch(() => undefined);
      await drop();
    },
  };
}
