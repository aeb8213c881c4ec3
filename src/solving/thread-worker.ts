import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { solveCoverPlan } from '../cover/plan-solve.js';
import type { CoverInput, ThreadMessage } from './protocol.js';

// A long-lived thread for cover plans: one job per message, in order. It saves the thread's start-up
// (about half a second under tsx) on every plan, which matters when cover must come in seconds.
parentPort?.on('message', ({ id, input }: { id: number; input: CoverInput }) => {
  const post = (message: ThreadMessage): void => parentPort?.postMessage({ id, message });
  try {
    const { problem, words } = input.cover;
    post({ type: 'cover', plan: solveCoverPlan(problem, words, () => performance.now()) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
});
