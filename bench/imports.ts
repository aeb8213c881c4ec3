import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { createApiKey } from '../src/keys/repository.js';
import { openScratchDatabase } from './scratch-database.js';

/**
 * A coordinator's spreadsheet of 500 practitioners imported in one request, then the same file again
 * (a no-op), on the embedded database and, with DATABASE_URL, on a scratch PostgreSQL database.
 * Usage: npm run bench:imports [-- --rows 500]
 */
const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 500;

const header = 'externalRef,name,kind,grade,homeRegion,regions,hub,specialisms,gender,hoursPerWeek';
const row = (i: number) =>
  `HR-${i},Person ${i},parenting,,north-west,yorkshire|north-west,,newborn-care,${i % 2 ? 'female' : ''},37.5`;
const file = `${header}\r\n${Array.from({ length: ROWS }, (_, i) => row(i + 1)).join('\r\n')}\r\n`;

async function measure(label: string, database: Database): Promise<void> {
  const app = await buildApp(loadConfig({}, { logLevel: 'silent', solveInProcess: false }), {
    database,
    logger: false,
  });
  await app.ready();
  const { key } = await createApiKey(database.db, `bench ${Date.now()}`, 'admin');
  const auth = { authorization: `Bearer ${key}` };
  for (const [code, name] of [
    ['north-west', 'North West'],
    ['yorkshire', 'Yorkshire'],
  ])
    await app.inject({ method: 'PUT', url: `/v1/regions/${code}`, headers: auth, payload: { name } });
  await app.inject({
    method: 'PUT',
    url: '/v1/specialisms/newborn-care',
    headers: auth,
    payload: { name: 'Newborn care' },
  });
  const upload = async () => {
    const t = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/imports/practitioners',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: file,
    });
    if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body}`);
    return { ms: Math.round(performance.now() - t), body: res.json() };
  };
  const first = await upload();
  const again = await upload();
  console.log(
    `${label}: ${ROWS} rows imported in ${first.ms} ms (created ${first.body.created}); the same file again in ${again.ms} ms (unchanged ${again.body.unchanged})`,
  );
  await app.close();
}

for (const [label, url] of [
  ['PGlite', undefined],
  ['PostgreSQL', process.env.DATABASE_URL],
] as const) {
  if (label === 'PostgreSQL' && !url) continue;
  const database = await openScratchDatabase('imports', url);
  try {
    await measure(label, database);
  } finally {
    await database.close();
  }
}
