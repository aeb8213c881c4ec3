import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { sharedSolverThread } from './solving/index.js';

const config = loadConfigOrExit();

const app = await buildApp(config);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
// Start the warm solver thread now, so the first sickness cover plan does not pay for it.
sharedSolverThread.warm();
app.log.info(
  `Database: ${app.deps.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite (${config.pgliteDir})`}; docs at http://${config.host}:${config.port}/docs`,
);
