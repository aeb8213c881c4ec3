import type { ReportContext } from './report.js';
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Problem, Progress, Solution } from '../scheduler/index.js';
import { Channel } from './channel.js';
import { spawnWorker } from './spawn.js';
import type { WorkerInput, WorkerMessage, WorkerSolveOptions } from './protocol.js';
import type { RunReport } from './report.js';

export interface SolveJob {
  /** Best score so far and elapsed time, as they come; ends when the solve ends. One reader. */
  progress: AsyncIterable<Progress>;
  /** The same progress for any number of listeners: `events.on('progress', fn)`. */
  events: EventEmitter;
  /** The best solution found; after `cancel()`, the best so far (stoppedBy 'cancelled'). */
  result: Promise<Solution>;
  /** Its explanation in words, made in the thread (when asked for with `reportIn`). */
  report: Promise<RunReport | undefined>;
  /** Asks the solve to stop now and return its best. */
  cancel(): void;
  /** Kills the worker without a result (the result rejects); for shutdown. */
  terminate(): Promise<void>;
}

function spawn(input: WorkerInput): Worker {
  return spawnWorker('worker', input);
}

/** Runs a solve in a worker thread, off the HTTP event loop; the worker brings performance.now as the clock. */
export function startSolve(
  problem: Problem,
  options: WorkerSolveOptions = {},
  reportIn?: ReportContext,
): SolveJob {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const worker = spawn({ problem, options, cancel, ...(reportIn === undefined ? {} : { reportIn }) });
  let report: RunReport | undefined;
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
        report = message.report;
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
    report: result.then(
      () => report,
      () => undefined,
    ),
    cancel: () => Atomics.store(flag, 0, 1),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
