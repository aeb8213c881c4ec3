import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { solve } from '../scheduler/index.js';
import type { WorkerInput, WorkerMessage } from './protocol.js';

// A long-lived solver thread: one solve per message, in order. It saves the thread's start-up (about
// half a second under tsx) on every short repair, which matters when cover must come in seconds.
parentPort?.on('message', ({ id, input }: { id: number; input: WorkerInput }) => {
  const flag = new Int32Array(input.cancel);
  const post = (message: WorkerMessage): void => parentPort?.postMessage({ id, message });
  try {
    const solution = solve(input.problem, {
      ...input.options,
      now: () => performance.now(),
      shouldStop: () => Atomics.load(flag, 0) === 1,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', solution });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
});
