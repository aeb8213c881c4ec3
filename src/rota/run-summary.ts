import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { RotaRun } from './run-model.js';

/**
 * Bounded work for rota runs: the list gives summaries (a run's result can be megabytes; read one run for
 * it), and each key may have only a few runs waiting or solving at once.
 */
export const RotaRunSummary = Type.Pick(RotaRun, [
  'id',
  'from',
  'to',
  'status',
  'timeLimitSeconds',
  'score',
  'error',
  'createdAt',
  'startedAt',
  'finishedAt',
  'publishedAt',
]);
export type RotaRunSummaryDto = Static<typeof RotaRunSummary>;

/** A run's summary (for examples). */
export const summaryOf = (run: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(run).filter(([k]) => k in RotaRunSummary.properties));

/** Runs a key may have queued or solving at once; one more is refused with 429. */
export const MAX_ACTIVE_RUNS_PER_KEY = 3;

export async function listRunSummaries(
  db: Kysely<DB>,
  limit: number,
  offset: number,
): Promise<{ items: RotaRunSummaryDto[]; total: number }> {
  const rows = await db
    .selectFrom('rota_runs')
    .select([
      'id',
      'from_date',
      'to_date',
      'status',
      'time_limit_seconds',
      'score_hard',
      'score_medium',
      'score_soft',
      'error',
      'created_at',
      'started_at',
      'finished_at',
      'published_at',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await db
    .selectFrom('rota_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id,
      from: String(r.from_date),
      to: String(r.to_date),
      status: r.status,
      timeLimitSeconds: r.time_limit_seconds,
      score:
        r.score_hard === null
          ? null
          : { hard: Number(r.score_hard), medium: Number(r.score_medium), soft: Number(r.score_soft) },
      error: r.error,
      createdAt: r.created_at.toISOString(),
      startedAt: r.started_at?.toISOString() ?? null,
      finishedAt: r.finished_at?.toISOString() ?? null,
      publishedAt: r.published_at?.toISOString() ?? null,
    })),
    total: Number(total.n),
  };
}

/** 429 when this key already has its share of runs waiting or solving; call inside the run's transaction. */
export async function limitActiveRuns(trx: Kysely<DB>, keyId: string): Promise<void> {
  // Locking the key's row makes two concurrent requests of one key count one after the other.
  await trx.selectFrom('api_keys').select('id').where('id', '=', keyId).forUpdate().execute();
  const active = await trx
    .selectFrom('rota_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', keyId)
    .where('status', 'in', ['queued', 'solving'])
    .executeTakeFirstOrThrow();
  if (Number(active.n) >= MAX_ACTIVE_RUNS_PER_KEY) {
    throw problems.tooManyRequests(
      `This key already has ${MAX_ACTIVE_RUNS_PER_KEY} rota runs queued or solving; wait for one to finish or cancel one.`,
      'too-many-runs',
    );
  }
}
