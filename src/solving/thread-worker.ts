import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { solveCoverPlan } from '../cover/plan-solve.js';
import { generateHubRota } from '../osr/rota-generate.js';
import { warmUpCoverPlans } from '../cover/warm-up.js';
import type { ThreadInput, ThreadMessage } from './protocol.js';

// A long-lived thread for cover plans and OSR hub weeks: one job per message, in order. It saves the
// thread's start-up (about half a second under tsx) on every plan, which matters when cover must come
// in seconds, and keeps its compiled code warm (a hub's first solve in a cold thread took 100 ms, later
// ones 20 ms).
parentPort?.on('message', ({ id, input }: { id: number; input: ThreadInput }) => {
  const post = (message: ThreadMessage): void => parentPort?.postMessage({ id, message });
  if ('warmUp' in input) {
    try {
      warmUpCoverPlans(() => performance.now());
    } catch {
      // Only a head start: a plan asked for later runs whether or not it worked.
    }
    return;
  }
  try {
    if ('hubRota' in input) {
      post({ type: 'hub-rota', rota: generateHubRota(input.hubRota.facts, input.hubRota.weeks) });
      return;
    }
    const { problem, words, answerBy } = input.cover;
    // The deadline crosses threads as a wall-clock time; the search reads this thread's clock.
    const by = answerBy === undefined ? Infinity : performance.now() + (answerBy - Date.now());
    post({ type: 'cover', plan: solveCoverPlan(problem, words, () => performance.now(), by) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
});
