import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs inside the worker when we run from TypeScript source (tsx, vitest): on Node 20 `--import tsx` in
 * a worker's execArgv does not reach the worker's own entry, so the worker registers tsx first and
 * then imports the .ts entry. From dist/ the compiled entry is started directly.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
`;

/** tsx's ESM register API (its `import` export; the CommonJS one cannot load its ESM half here). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const file = pkg.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifest), file)).href;
}

/**
 * A folder of the entries bundled as `<entry>.mjs`, which the tests build once a run (test/global-setup.ts):
 * under tsx a new thread takes a second or two to compile the scheduler, and every rota run starts one.
 */
export const WORKER_BUNDLES_ENV = 'CARE_ROTA_WORKER_BUNDLES';

/**
 * Starts `<entry>.ts` (from source) or `<entry>.js` (from dist/) beside this file as a worker thread, or
 * `<entry>.mjs` from the folder `CARE_ROTA_WORKER_BUNDLES` names.
 */
export function spawnWorker(entry: string, workerData?: unknown): Worker {
  const bundles = process.env[WORKER_BUNDLES_ENV];
  if (bundles) return new Worker(join(bundles, `${entry}.mjs`), { workerData });
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`./${entry}.js`, import.meta.url), { workerData });
  return spawnFromSource(entry, workerData);
}

/** Starts `<entry>.ts` beside this file under tsx (`npm start`, `npm run dev`). */
export function spawnFromSource(entry: string, workerData?: unknown): Worker {
  const url = new URL(`./${entry}.ts`, import.meta.url).href;
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { ...(workerData as object), tsxApi: tsxEsmApi(), entry: url },
  });
}
