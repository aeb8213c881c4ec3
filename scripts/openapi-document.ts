import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite, type Database } from '../src/db/database.js';

/**
 * The OpenAPI document as the code describes it, built from a throw-away embedded database (or the given
 * one, which is left open: the tests pass their migrated one rather than wait for initdb and migrations).
 */
export async function openapiDocument(given?: Database): Promise<string> {
  const database = given ?? (await openPglite('memory'));
  const app = await buildApp(loadConfig({}, { logLevel: 'silent' }), { database, logger: false });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    if (!given) await database.close();
  }
}
