import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
const database = await openDatabase(config);
try {
  const applied = await migrateToLatest(database.db);
  console.log(
    applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.',
    `(${database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite at ${config.pgliteDir}`})`,
  );
} finally {
  await database.close();
}
