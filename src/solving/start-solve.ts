import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem, Progress, Solution } from '../scheduler/index.js';
import { Channel } from './channel.js';
import type { WorkerInput, WorkerMessage, WorkerSolveOptions } from './protocol.js';

export interface SolveJob {
  /** Best score so far and elapsed time, as they come; ends when the solve ends. One reader. */
  progress: AsyncIterable<Progress>;
  /** The same progress for any number of listeners: `events.on('progress', fn)`. */
  events: EventEmitter;
  /** The best solution found; after `cancel()`, the best so far (stoppedBy 'cancelled'). */
  result: Promise<Solution>;
  /** Asks the solve to stop now and return its best. */
  cancel(): void;
  /** Kills the worker without a result (the result rejects); for shutdown. */
  terminate(): Promise<void>;
}

/**
 * Runs inside the worker when we run from TypeScript source (tsx, vitest): on Node 20 `--import tsx` in
 * a worker's execArgv does not reach the worker's own entry, so the worker registers tsx first and
 * then imports the .ts entry. From dist/ the compiled worker.js is started directly.
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

function spawn(input: WorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
  const tsxApi = tsxEsmApi();
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { ...input, tsxApi, entry } });
}

/** Runs a solve in a worker thread, off the HTTP event loop; the worker brings performance.now as the clock. */
export function startSolve(problem: Problem, options: WorkerSolveOptions = {}): SolveJob {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const worker = spawn({ problem, options, cancel });
  const channel = new Channel<Progress>();
  const events = new EventEmitter();
  let settled = false;
  const result = new Promise<Solution>((resolve, reject) => {
    const finish = (): void => {
      settled = true;
      channel.close();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        channel.push(message.progress);
        events.emit('progress', message.progress);
      } else if (message.type === 'result') {
        finish();
        resolve(message.solution);
      } else {
        finish();
        const error = new Error(message.message);
        if (message.stack) error.stack = message.stack;
        reject(error);
      }
    });
    worker.on('error', (error) => {
      finish();
      reject(error);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      finish();
      reject(new Error(`solver worker exited with code ${code} before a result`));
    });
  });
  // A rejected result nobody awaits must not crash the process.
  result.catch(() => undefined);
  return {
    progress: channel,
    events,
    result,
    cancel: () => Atomics.store(flag, 0, 1),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
