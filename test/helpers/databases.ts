import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import {
  createPglite,
  openPostgres,
  pgliteDatabase,
  type Database,
  type DatabaseKind,
} from '../../src/db/database.js';

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

/**
 * The embedded database a test worker keeps from file to file (`isolate: false`), emptied before each
 * file takes it: loading the migrated snapshot took 1-3 s a file, emptying it takes about 0.1 s.
 */
interface SharedPglite {
  pglite: PGlite;
  /** TRUNCATE of every table but the migrator's, and a restart of every sequence. */
  empty: string;
  inUse: boolean;
}
let sharedPglite: Promise<SharedPglite> | undefined;

// Loaded from the migrated snapshot the global setup dumped (initdb and migrations once for the run).
const openMigratedPglite = async (): Promise<PGlite> =>
  createPglite('memory', await openAsBlob(inject('pgliteSnapshot')));

async function openSharedPglite(): Promise<SharedPglite> {
  const pglite = await openMigratedPglite();
  const tables = (
    await pglite.query<{ name: string }>(
      `SELECT quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'kysely\\_%'
       ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const sequences = (
    await pglite.query<{ name: string; fresh: boolean }>(
      `SELECT quote_ident(sequencename) AS name, last_value IS NULL AS fresh FROM pg_sequences
       WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).rows;
  // Emptying gives the migrated state only while the migrations leave every table empty and every
  // sequence unused; say so plainly if one ever does not.
  const filled = await pglite.query<{ name: string }>(
    tables.map((t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT FROM ${t})`).join(' UNION ALL '),
  );
  const used = sequences.filter((s) => !s.fresh).map((s) => s.name);
  if (filled.rows.length || used.length)
    throw new Error(
      `The migrated snapshot has rows in ${filled.rows.map((r) => r.name).join(', ') || 'no table'} and used ` +
        `sequences ${used.join(', ') || 'none'}: emptying it between test files would lose them (test/helpers/databases.ts).`,
    );
  const empty = [
    `TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`,
    ...sequences.map((s) => `ALTER SEQUENCE ${s.name} RESTART`),
  ].join(';\n');
  return { pglite, empty, inUse: false };
}

async function takePglite(): Promise<Database> {
  sharedPglite ??= openSharedPglite();
  const shared = await sharedPglite.catch((error: unknown) => {
    sharedPglite = undefined;
    throw error;
  });
  // A file that opens a second embedded database while the first is open gets one of its own.
  if (shared.inUse || shared.pglite.closed) return pgliteDatabase(await openMigratedPglite());
  shared.inUse = true;
  try {
    await shared.pglite.exec(shared.empty);
    // Session state (settings, advisory locks, prepared statements) back to a new connection's.
    await shared.pglite.exec('DISCARD ALL');
  } catch (error) {
    shared.inUse = false;
    throw error;
  }
  const database = pgliteDatabase(shared.pglite);
  let open = true;
  return {
    ...database,
    // Kept open for the worker's next file; the Kysely instance over it holds nothing else.
    close: async () => {
      if (open) shared.inUse = open = false;
    },
  };
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') return takePglite();
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
