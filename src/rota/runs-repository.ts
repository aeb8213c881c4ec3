import type { UnfilledGroupDto } from './unfilled-summary.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RotaRunStatus } from '../db/schema.js';
import type { Score } from '../scheduler/index.js';

export interface RunResult {
  assignments: Record<string, string[]>;
  unassigned: { shiftId: string; missing: number; reasons: string[] }[];
  /** Missing from runs solved before it existed. */
  unfilledSummary?: UnfilledGroupDto[];
  breakdown: { constraint: string; label: string; level: string; penalty: number; count: number }[];
  stats: Record<string, unknown>;
  summary: Record<string, unknown>;
}

export interface RunRow {
  id: string;
  from_date: string;
  to_date: string;
  status: RotaRunStatus;
  time_limit_seconds: number;
  seed: number;
  base_revision: number | null;
  score_hard: number | null;
  score_medium: number | null;
  score_soft: number | null;
  progress: unknown;
  result: unknown;
  error: string | null;
  cancel_requested: boolean;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  published_at: Date | null;
}

export const TERMINAL: RotaRunStatus[] = ['completed', 'failed', 'cancelled', 'published'];

export async function insertRun(
  db: Kysely<DB>,
  v: { from: string; to: string; timeLimitSeconds: number; seed: number; createdBy: string | null },
): Promise<RunRow> {
  return (await db
    .insertInto('rota_runs')
    .values({
      from_date: v.from,
      to_date: v.to,
      time_limit_seconds: v.timeLimitSeconds,
      seed: v.seed,
      created_by: v.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()) as RunRow;
}

export async function findRun(db: Kysely<DB>, id: string): Promise<RunRow | undefined> {
  return (await db.selectFrom('rota_runs').selectAll().where('id', '=', id).executeTakeFirst()) as
    RunRow | undefined;
}

/** The run, locked until the transaction ends. */
export async function lockRun(trx: Transaction<DB>, id: string): Promise<RunRow | undefined> {
  return (await trx
    .selectFrom('rota_runs')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()) as RunRow | undefined;
}

/** A queued run ends at once; a solving one is asked to stop and keeps its best rota so far. */
export async function requestCancel(trx: Transaction<DB>, run: RunRow, now: Date): Promise<void> {
  await trx
    .updateTable('rota_runs')
    .set(
      run.status === 'queued'
        ? { status: 'cancelled', cancel_requested: true, finished_at: now }
        : { cancel_requested: true },
    )
    .where('id', '=', run.id)
    .execute();
}

/** Takes the oldest queued run for this worker; SKIP LOCKED lets several workers share one database. */
export async function claimNextRun(db: Kysely<DB>, workerId: string): Promise<RunRow | undefined> {
  const row = await db
    .updateTable('rota_runs')
    .set((eb) => ({
      status: 'solving',
      worker_id: workerId,
      heartbeat_at: sql`now()`,
      started_at: sql`now()`,
      attempts: eb('attempts', '+', 1),
    }))
    .where(
      'id',
      '=',
      (eb) =>
        eb
          .selectFrom('rota_runs')
          .select('id')
          .where('status', '=', 'queued')
          .orderBy('created_at')
          .limit(1)
          .forUpdate()
          .skipLocked() as never,
    )
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row as RunRow | undefined;
}

export async function heartbeat(
  db: Kysely<DB>,
  id: string,
  workerId: string,
  progress: { score: Score; elapsedMs: number }[],
): Promise<{ cancelRequested: boolean } | undefined> {
  const row = await db
    .updateTable('rota_runs')
    .set({ heartbeat_at: sql`now()`, progress: JSON.stringify(progress) })
    .where('id', '=', id)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'solving')
    .returning('cancel_requested')
    .executeTakeFirst();
  return row ? { cancelRequested: row.cancel_requested } : undefined;
}

export async function finishRun(
  db: Kysely<DB>,
  id: string,
  workerId: string,
  v: {
    status: 'completed' | 'cancelled';
    score: Score;
    baseRevision: number;
    result: RunResult;
    progress: unknown;
  },
): Promise<void> {
  await db
    .updateTable('rota_runs')
    .set({
      status: v.status,
      score_hard: v.score.hard,
      score_medium: v.score.medium,
      score_soft: v.score.soft,
      base_revision: v.baseRevision,
      result: JSON.stringify(v.result),
      progress: JSON.stringify(v.progress),
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('worker_id', '=', workerId)
    .execute();
}

export async function failRun(db: Kysely<DB>, id: string, error: string): Promise<void> {
  await db
    .updateTable('rota_runs')
    .set({ status: 'failed', error, finished_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'solving'])
    .execute();
}

/**
 * Runs left "solving" by a process that stopped (no heartbeat for `staleSeconds`) go back to the queue
 * once; after that they are marked failed, so no run is ever left solving for ever.
 */
export async function recoverStaleRuns(
  db: Kysely<DB>,
  staleSeconds: number,
  maxAttempts = 2,
): Promise<number> {
  const stale = db
    .updateTable('rota_runs')
    .where('status', '=', 'solving')
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleSeconds})`);
  const failed = await stale
    .set({
      status: 'failed',
      error: 'The worker solving this run stopped; it was not finished.',
      finished_at: sql`now()`,
    })
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  const requeued = await db
    .updateTable('rota_runs')
    .set({ status: 'queued', worker_id: null })
    .where('status', '=', 'solving')
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleSeconds})`)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(requeued.numUpdatedRows);
}
