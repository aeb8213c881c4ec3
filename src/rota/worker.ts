import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Score } from '../scheduler/index.js';
import { startSolve, type SolveJob } from '../solving/index.js';
import { loadRotaProblem } from './problem.js';
import {
  claimNextRun,
  failRun,
  finishRun,
  heartbeat,
  recoverStaleRuns,
  type RunRow,
} from './runs-repository.js';

export interface RotaWorkerOptions {
  timezone: string;
  log: FastifyBaseLogger;
  pollMs?: number;
  /** A run whose worker has not written for this long is taken to be abandoned. */
  staleSeconds?: number;
}

const MAX_PROGRESS_POINTS = 240;

/**
 * Takes queued rota runs from the database and solves them in a worker thread, one at a time. Any
 * number of these (in the API process or `npm run worker` processes) may share one database.
 */
export class RotaRunWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private stopped = false;
  private current: { run: RunRow; job: SolveJob } | undefined;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: RotaWorkerOptions,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Called when a run is queued in this process, to start without waiting for the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    // The run may end (or be cancelled) while this waits: hold on to the one being handed back.
    const current = this.current;
    if (current) {
      // Hand the run back so the next worker (or this service after a restart) solves it again.
      await current.job.terminate();
      await this.db
        .updateTable('rota_runs')
        .set({ status: 'queued', worker_id: null })
        .where('id', '=', current.run.id)
        .where('status', '=', 'solving')
        .execute()
        .catch(() => undefined);
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    const { pollMs = 1000, staleSeconds = 30, log } = this.options;
    while (!this.stopped) {
      try {
        await recoverStaleRuns(this.db, staleSeconds);
        const run = await claimNextRun(this.db, this.id);
        if (run) {
          await this.solve(run);
          continue;
        }
      } catch (error) {
        if (this.stopped) break;
        log.error({ err: error }, 'rota worker loop error');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async solve(run: RunRow): Promise<void> {
    const { timezone, log } = this.options;
    try {
      const loaded = await loadRotaProblem(this.db, {
        from: run.from_date,
        to: run.to_date,
        timezone,
        now: new Date(),
      });
      const job = startSolve(
        loaded.problem,
        { seed: run.seed, timeLimitMs: run.time_limit_seconds * 1000 },
        { timezone, firstDate: loaded.firstDate, placementOf: loaded.placementOf },
      );
      this.current = { run, job };
      const progress: { score: Score; elapsedMs: number }[] = [];
      job.events.on('progress', (p: { best: Score; elapsedMs: number }) => {
        progress.push({ score: p.best, elapsedMs: Math.round(p.elapsedMs) });
        if (progress.length > MAX_PROGRESS_POINTS) progress.splice(1, 1);
      });
      const beat = setInterval(() => {
        heartbeat(this.db, run.id, this.id, progress)
          .then((state) => {
            if (!state || state.cancelRequested) job.cancel();
          })
          .catch((err) => log.warn({ err }, 'rota run heartbeat failed'));
      }, 1000);
      let solution;
      let report;
      try {
        solution = await job.result;
        report = (await job.report) ?? { unfilledSummary: [], unassigned: [], breakdown: [] };
      } finally {
        clearInterval(beat);
        this.current = undefined;
      }
      if (this.stopped) return;
      const cancelled = solution.stats.stoppedBy === 'cancelled';
      progress.push({ score: solution.score, elapsedMs: Math.round(solution.stats.elapsedMs) });
      await finishRun(this.db, run.id, this.id, {
        status: cancelled ? 'cancelled' : 'completed',
        score: solution.score,
        baseRevision: loaded.revision,
        progress,
        result: {
          assignments: solution.assignments,
          // Explained in words in the solver thread (see solving/report.ts).
          unfilledSummary: report.unfilledSummary,
          unassigned: report.unassigned,
          breakdown: report.breakdown,
          stats: { ...solution.stats },
          summary: { shifts: loaded.shiftIds.length, practitioners: loaded.problem.resources.length },
        },
      });
      log.info(
        { runId: run.id, score: solution.score, stoppedBy: solution.stats.stoppedBy },
        'rota run finished',
      );
    } catch (error) {
      if (this.stopped) return;
      log.error({ err: error, runId: run.id }, 'rota run failed');
      await failRun(this.db, run.id, 'The solver failed on this run; see the service log.');
    }
  }
}
