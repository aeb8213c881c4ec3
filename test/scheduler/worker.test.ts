import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/scheduler/index.js';
import { startSolve } from '../../src/solving/index.js';
import type { ThreadInput, ThreadMessage } from '../../src/solving/protocol.js';
import { spawnFromSource } from '../../src/solving/spawn.js';
import { generateProblem } from '../../src/scheduler/testing/generate.js';

describe('solving in a worker thread', () => {
  const problem = generateProblem({ seed: 7, people: 44, locations: 8, weeks: 2 });

  it('finishes a solve and streams progress', async () => {
    const job = startSolve(problem, { seed: 1, timeLimitMs: 1500, progressEveryMs: 100 });
    const seen: Progress[] = [];
    for await (const p of job.progress) seen.push(p);
    const solution = await job.result;
    expect(solution.score.hard).toBe(0);
    expect(solution.unfilled).toEqual([]);
    expect(solution.stats.stoppedBy).toBe('time');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)!.best).toEqual(solution.score);
    expect(seen.at(-1)!.elapsedMs).toBeGreaterThan(1000);
  });

  it('stops when cancelled and returns the best so far', async () => {
    const job = startSolve(problem, { seed: 1, timeLimitMs: 60_000, progressEveryMs: 50 });
    const first = await new Promise<Progress>((resolve) => job.events.once('progress', resolve));
    expect(first.best.hard).toBeGreaterThanOrEqual(0);
    const t = performance.now();
    job.cancel();
    const solution = await job.result;
    expect(performance.now() - t).toBeLessThan(2000);
    expect(solution.stats.stoppedBy).toBe('cancelled');
    expect(Object.keys(solution.assignments)).toHaveLength(problem.demands.length);
  });

  it('rejects the result when the problem is invalid', async () => {
    const job = startSolve({
      resources: [],
      demands: [{ id: 'x', start: 10, end: 5, day: 0, location: 'l', region: 'r' }],
    });
    await expect(job.result).rejects.toThrow('ends before it starts');
  });

  // The suite's threads start from bundles (test/global-setup.ts); npm start and npm run dev start them so.
  it('starts the cover plan thread from the TypeScript source under tsx, and it makes a plan', async () => {
    const small = generateProblem({ seed: 3, people: 6, locations: 1, weeks: 1 });
    const target = small.demands[0]!;
    const worker = spawnFromSource('thread-worker');
    try {
      const answer = await new Promise<ThreadMessage>((resolve, reject) => {
        worker.on('message', ({ message }: { message: ThreadMessage }) => resolve(message));
        worker.once('error', reject);
        const input: ThreadInput = {
          cover: {
            problem: { ...small, solveOnly: [target.id] },
            words: {
              timezone: 'Europe/London',
              firstDate: '2026-11-30',
              placementOf: Object.fromEntries(small.demands.map((d) => [d.id, d.location])),
            },
          },
        };
        worker.postMessage({ id: 1, input });
      });
      expect(answer.type).toBe('cover');
      if (answer.type === 'cover')
        expect(answer.plan.body.alternatives.map((a) => a.shiftId)).toEqual([target.id]);
    } finally {
      await worker.terminate();
    }
  });
});
