import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn.js';
import type { Problem } from '../scheduler/index.js';
import type { CoverWords, SolvedCover } from '../cover/plan-solve.js';
import type { CoverInput, ThreadMessage } from './protocol.js';

interface Pending {
  resolve: (plan: SolvedCover) => void;
  reject: (e: Error) => void;
}

/**
 * One warm solver thread for sickness cover plans: plans queue and are made one after another off the
 * event loop. Long rota runs use `startSolve`, a thread each.
 */
export class SolverThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('thread-worker');
    worker.on('message', ({ id, message }: { id: number; message: ThreadMessage }) => {
      const job = this.pending.get(id);
      if (!job) return;
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (message.type === 'cover') job.resolve(message.plan);
      else job.reject(new Error(message.message));
    });
    const fail = (error: Error) => {
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`solver thread exited with code ${code}`)));
    // An idle warm thread must not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** A sickness cover plan, solved and put in words in the thread (`solveCoverPlan`). */
  coverPlan(problem: Problem, words: CoverWords): Promise<SolvedCover> {
    const worker = this.ensure();
    const id = this.nextId++;
    const input: CoverInput = { cover: { problem, words } };
    // Keep the process alive while a plan is under way; an idle thread lets it exit.
    worker.ref();
    return new Promise<SolvedCover>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  /** Starts the thread ahead of the first solve (at boot), so the first cover plan is fast too. */
  warm(): void {
    this.ensure();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** The process-wide warm thread. */
export const sharedSolverThread = new SolverThread();
