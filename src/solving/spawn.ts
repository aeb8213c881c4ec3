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

/** Starts `<entry>.ts` (from source) or `<entry>.js` (from dist/) beside this file as a worker thread. */
export function spawnWorker(entry: string, workerData?: unknown): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`./${entry}.js`, import.meta.url), { workerData });
  const url = new URL(`./${entry}.ts`, import.meta.url).href;
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { ...(workerData as object), tsxApi: tsxEsmApi(), entry: url },
  });
}
