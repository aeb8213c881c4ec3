import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { applyChange } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { suggestStandby } from '../cover/standby.js';
import { fromJson } from '../db/json.js';
import { problems } from '../http/problem.js';
import { publishRun } from './publish.js';
import { lockRun, requestCancel, TERMINAL, type RunRow } from './runs-repository.js';

interface Context {
  db: Kysely<DB>;
  timezone: string;
  request: FastifyRequest;
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
