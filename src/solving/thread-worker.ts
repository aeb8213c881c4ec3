import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { solve } from '../scheduler/index.js';
import { solveCoverPlan } from '../cover/plan-solve.js';
import type { CoverInput, WorkerInput, ThreadMessage } from './protocol.js';

// A long-lived solver thread: one job per message, in order. It saves the thread's start-up (about
// half a second under tsx) on every short repair, which matters when cover must come in seconds.
parentPort?.on('message', ({ id, input }: { id: number; input: WorkerInput | CoverInput }) => {
  const post = (message: ThreadMessage): void => parentPort?.postMessage({ id, message });
  try {
    if ('cover' in input) {
      const { problem, words } = input.cover;
      post({ type: 'cover', plan: solveCoverPlan(problem, words, () => performance.now()) });
      return;
    }
    const flag = new Int32Array(input.cancel);
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
