import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite } from '../src/db/database.js';

/** The OpenAPI document as the code describes it, built from a throw-away embedded database. */
export async function openapiDocument(): Promise<string> {
  const database = await openPglite('memory');
  const app = await buildApp(loadConfig({}, { logLevel: 'silent' }), { database, logger: false });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await database.close();
  }
}
