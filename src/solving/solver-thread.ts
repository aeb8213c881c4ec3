import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn.js';
import type { Problem } from '../scheduler/index.js';
import type { CoverWords, SolvedCover } from '../cover/plan-solve.js';
import type { HubRota } from '../osr/rota-generate.js';
import type { HubFacts, PlanWeek } from '../osr/rota-problem.js';
import type { ThreadInput, ThreadMessage } from './protocol.js';

interface Pending {
  resolve: (message: ThreadMessage) => void;
  reject: (e: Error) => void;
}

/**
 * One warm solver thread for sickness cover plans and OSR hub weeks: jobs queue and are done one after
 * another off the event loop. Long rota runs use `startSolve`, a thread each.
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
      if (message.type === 'error') job.reject(new Error(message.message));
      else job.resolve(message);
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
  async coverPlan(problem: Problem, words: CoverWords, answerBy?: number): Promise<SolvedCover> {
    const answer = await this.run({
      cover: { problem, words, ...(answerBy !== undefined ? { answerBy } : {}) },
    });
    if (answer.type !== 'cover') throw new Error(`solver thread answered ${answer.type} to a cover plan`);
    return answer.plan;
  }

  /** A hub's OSR lead-responder weeks, solved in the thread (`generateHubRota`). */
  async hubRota(facts: HubFacts, weeks: PlanWeek[]): Promise<HubRota> {
    const answer = await this.run({ hubRota: { facts, weeks } });
    if (answer.type !== 'hub-rota') throw new Error(`solver thread answered ${answer.type} to a hub rota`);
    return answer.rota;
  }

  private run(input: ThreadInput): Promise<ThreadMessage> {
    const worker = this.ensure();
    const id = this.nextId++;
    // Keep the process alive while a job is under way; an idle thread lets it exit.
    worker.ref();
    return new Promise<ThreadMessage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  /**
   * Starts the thread ahead of the first solve (at boot) and has it make a few plans on a small generated
   * rota (`warmUpCoverPlans`), so the first cover plan asked for runs warm code too. Nobody waits for
   * that answer, and it does not keep the process alive.
   */
  warm(): void {
    this.ensure().postMessage({ id: this.nextId++, input: { warmUp: true } });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** The process-wide warm thread. */
export const sharedSolverThread = new SolverThread();
