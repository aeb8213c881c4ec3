import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { DB } from './schema.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// Both drivers return the same JS shapes: int8 and numeric as numbers (our counts and hours are small),
// dates as 'YYYY-MM-DD' strings (a local date must never turn into a UTC midnight instant).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
};

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (a restart, a failover, an admin) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error: Error & { code?: string }) => {
    process.stderr.write(
      `[db] idle PostgreSQL connection lost (${error.code ?? error.message}); it will be replaced\n`,
    );
  });
  // Fail fast with a clear message rather than on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * `dir` is a data directory, or `memory` for a throw-away in-memory database. `snapshot`, a data directory
 * dumped by `dumpDataDir`, starts it from that state: the tests load one migrated database so that each
 * file skips initdb and the migrations.
 */
export async function openPglite(dir: string, snapshot?: Blob): Promise<Database> {
  return pgliteDatabase(await createPglite(dir, snapshot));
}

/** The embedded engine itself, with the extensions and type parsers the service uses. */
export function createPglite(dir: string, snapshot?: Blob): Promise<PGlite> {
  return PGlite.create(dir === 'memory' ? undefined : dir, {
    extensions: { btree_gist },
    parsers,
    ...(snapshot ? { loadDataDir: snapshot } : {}),
  });
}

/** A database over an open embedded engine; closing it closes the engine. */
export function pgliteDatabase(pglite: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export async function openDatabase(options: { databaseUrl?: string; pgliteDir: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.pgliteDir !== 'memory') {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(options.pgliteDir, { recursive: true });
  }
  return openPglite(options.pgliteDir);
}
