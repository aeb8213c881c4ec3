import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '../scheduler/index.js';
import type { WorkerInput, WorkerMessage } from './protocol.js';
import { runReport } from './report.js';

const { problem, options, cancel, reportIn } = workerData as WorkerInput;
const flag = new Int32Array(cancel);
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
