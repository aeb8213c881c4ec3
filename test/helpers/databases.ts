import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database, type DatabaseKind } from '../../src/db/database.js';

/** Every integration test runs on the embedded database, and on PostgreSQL when one is available. */
export function databaseTargets(): DatabaseKind[] {
  return inject('pgUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export const hasPostgres = (): boolean => Boolean(inject('pgUrl'));

function urlFor(database: string): string {
  const u = new URL(inject('pgUrl'));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  // Loaded from the migrated snapshot the global setup dumped (initdb and migrations once for the run).
  if (kind === 'pglite') return openPglite('memory', await openAsBlob(inject('pgliteSnapshot')));
  // Named after the vitest main process, so its teardown can drop what a crashed file left behind.
  const pgName = `care_rota_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pgName} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(urlFor(pgName));
  return {
    ...database,
    close: async () => {
      await database.close();
      // Not waited for: a drop takes about a second on a busy server and the next file needs nothing
      // from it. The worker process outlives the file (isolate: false), and the global teardown drops
      // whatever is still there when the run ends.
      void dropDatabase(pgName).catch(() => undefined);
    },
  };
}

async function dropDatabase(name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: inject('pgUrl') });
  await dropper.connect();
  try {
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await dropper.end();
  }
}
