import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { RotaRunWorker } from './rota/worker.js';

/**
 * A solve-worker process: takes queued rota runs from the shared database. Start several, on several
 * machines, against one PostgreSQL; run the API with SOLVE_IN_PROCESS=false to leave solving to them.
 */
const config = loadConfigOrExit();
const log = pino({ level: config.logLevel });
const database = await openDatabase(config);
await migrateToLatest(database.db);
const worker = new RotaRunWorker(database.db, { timezone: config.timezone, log });
worker.start();
log.info({ worker: worker.id, database: database.kind }, 'solve worker started');

closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'worker closing after an error');
  else log.info({ signal }, 'worker shutting down');
  await worker.stop();
  await database.close();
});
