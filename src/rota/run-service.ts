import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { applyChange } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { suggestStandby } from '../cover/standby.js';
import { fromJson } from '../db/json.js';
import { problems } from '../http/problem.js';
import { publishRun } from './publish.js';
import { insertRun, lockRun, requestCancel, TERMINAL, type RunRow } from './runs-repository.js';
import { limitActiveRuns } from './run-summary.js';
import type { CreateRunBody } from './run-model.js';
import { actorOf } from '../http/auth.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { localPeriod } from '../time/period.js';
import { DateTime } from 'luxon';

const MAX_RUN_DAYS = 62;

interface Context {
  db: Kysely<DB>;
  timezone: string;
  request: FastifyRequest;
}

/** Queues a run (at most a few per key at once), audited; the worker solves it in the background. */
export async function startRun(ctx: Context, body: CreateRunBody): Promise<RunRow> {
  localPeriod(body.from, body.to, ctx.timezone, MAX_SPAN_DAYS.rotaRun);
  const days =
    DateTime.fromISO(body.to, { zone: ctx.timezone }).diff(
      DateTime.fromISO(body.from, { zone: ctx.timezone }),
      'days',
    ).days + 1;
  if (days > MAX_RUN_DAYS) {
    throw problems.badRequest(
      `A run covers at most ${MAX_RUN_DAYS} days; ${body.from} to ${body.to} is ${Math.round(days)}.`,
      [{ field: '/body/to', message: `at most ${MAX_RUN_DAYS} days after from` }],
    );
  }
  const keyId = actorOf(ctx.request).keyId;
  const { after } = await applyChange(ctx, {
    entity: 'rota_run',
    action: 'create',
    write: async (trx) => {
      await limitActiveRuns(trx, keyId);
      return insertRun(trx, {
        from: body.from,
        to: body.to,
        timeLimitSeconds: body.timeLimitSeconds ?? 30,
        seed: body.seed ?? 1,
        createdBy: keyId,
      });
    },
    entityId: (run) => run.id,
    audited: (run) => ({ from: body.from, to: body.to, timeLimitSeconds: run.time_limit_seconds }),
  });
  return after;
}

/** Stops a run: queued ones at once, solving ones at their next heartbeat (keeping their best rota). */
export async function cancelRun(ctx: Context, id: string): Promise<RunRow> {
  const { after } = await applyChange(ctx, {
    entity: 'rota_run',
    action: 'cancel',
    lock: async (trx) => {
      const run = await lockRun(trx, id);
      if (!run) throw problems.notFound('rota run', id);
      return run;
    },
    write: async (trx, run) => {
      if (TERMINAL.includes(run.status))
        throw problems.conflict(`The run has already ended (${run.status}).`, 'run-ended');
      await requestCancel(trx, run, new Date());
      return (await lockRun(trx, id))!;
    },
    entityId: () => id,
    audited: (run) => ({ status: run.status, cancelRequested: true }),
  });
  return after;
}

export interface PublishOptions {
  designateStandby?: boolean;
  leaveBrokenUncovered?: boolean;
}

/**
 * Writes a run into the shifts through the change pipeline: whoever the run puts on a shift is judged
 * against the facts as they are now (they may have changed since the run), then audited and announced.
 */
export async function publish(ctx: Context, id: string, options: PublishOptions) {
  const { after, uncoveredShifts } = await applyChange(ctx, {
    entity: 'rota_run',
    action: 'publish',
    lock: async (trx) => {
      const run = await lockRun(trx, id);
      if (!run) throw problems.notFound('rota run', id);
      const result = fromJson<{ assignments?: Record<string, string[]> } | null>(run.result);
      const shiftIds = Object.keys(result?.assignments ?? {});
      await lockFactsForAssigning(trx, shiftIds, Object.values(result?.assignments ?? {}).flat());
      return run;
    },
    write: async (trx, run) => {
      const outcome = await publishRun(trx, run, new Date());
      const standby = options.designateStandby
        ? await suggestStandby(trx, run.from_date, run.to_date, ctx.timezone)
        : [];
      return { run, outcome, standby };
    },
    entityId: () => id,
    assigns: ({ outcome }) => (options.leaveBrokenUncovered ? [] : outcome.added),
    recheck: ({ outcome }) =>
      options.leaveBrokenUncovered
        ? { practitionerIds: [...new Set(outcome.added.map((a) => a.practitionerId))] }
        : undefined,
    audited: ({ run, outcome, standby }) => ({
      from: run.from_date,
      to: run.to_date,
      changedShifts: outcome.changedShifts,
      keptLocked: outcome.keptLocked,
      keptStarted: outcome.keptStarted,
      standby,
    }),
    event: ({ run, outcome }) => ({
      type: 'rota.published',
      subjectId: id,
      payload: { runId: id, from: run.from_date, to: run.to_date, changedShifts: outcome.changedShifts },
    }),
  });
  const { changedShifts, keptLocked, keptStarted } = after.outcome;
  return {
    id,
    status: 'published',
    changedShifts,
    keptLocked,
    keptStarted,
    standby: after.standby,
    uncoveredShifts,
  };
}
