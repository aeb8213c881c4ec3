import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PGliteDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';

/**
 * Migrates one embedded database and dumps its data directory to a tar file, which each test file loads
 * instead of running initdb and every migration itself (those took most of a file's set-up on PGlite).
 * Returns the file and its removal.
 */
export async function dumpMigratedPglite(): Promise<{ path: string; remove: () => Promise<void> }> {
  const pglite = await PGlite.create({ extensions: { btree_gist } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  const path = join(tmpdir(), `care-rota-pglite-${process.pid}.tar`);
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  return { path, remove: () => rm(path, { force: true }) };
}
