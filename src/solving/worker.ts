import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '../scheduler/index.js';
import type { WorkerInput, WorkerMessage } from './protocol.js';
import { runReport } from './report.js';

const { problem, options, cancel, reportIn } = workerData as WorkerInput;
const flag = new Int32Array(cancel);

// A rota run is background work: its thread gives way to the one answering requests whenever that one
// wants the CPU (on Linux a nice value is per thread, so only this thread is lowered).
try {
  setPriority(0, 10);
} catch {
  // Not permitted here: the run simply competes as before.
}
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

try {
  const solution = solve(problem, {
    ...options,
    now: () => performance.now(),
    shouldStop: () => Atomics.load(flag, 0) === 1,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  const report = reportIn === undefined ? undefined : runReport(problem, solution, reportIn);
  post({ type: 'result', solution, ...(report ? { report } : {}) });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
}
