import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { actorOf } from '../http/auth.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { problems } from '../http/problem.js';
import { errorResponses, Page, PageQuery, Uuid } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { limitActiveRuns, listRunSummaries, RotaRunSummary, summaryOf } from './run-summary.js';
import { CreateRun, RotaRun, runExample } from './run-model.js';
import { toRunDto } from './run-view.js';
import { publishRun } from './publish.js';
import { applyChange } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { fromJson } from '../db/json.js';
import { Shift } from '../placements/shift-model.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { StandbyEntry } from '../cover/model.js';
import { suggestStandby } from '../cover/standby.js';
import { findRun, insertRun, TERMINAL } from './runs-repository.js';

const MAX_RUN_DAYS = 62;

export async function rotaRunRoutes(app: App, deps: Deps): Promise<void> {
  const { db } = deps.database;
  const IdParams = Type.Object({ id: Uuid });

  app.post(
    '/rota-runs',
    {
      schema: {
        tags: ['rota'],
        summary:
          'Start a rota run for a period of local dates (both included); solving happens in the background',
        body: CreateRun,
        response: {
          202: Type.Object(
            { id: Uuid, status: Type.String() },
            { examples: [{ id: runExample.id, status: 'queued' }] },
          ),
          ...errorResponses(429),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const period = localPeriod(body.from, body.to, deps.config.timezone, MAX_SPAN_DAYS.rotaRun);
      const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000);
      if (days > MAX_RUN_DAYS) {
        throw problems.badRequest(
          `A run covers at most ${MAX_RUN_DAYS} days; ${body.from} to ${body.to} is ${days}.`,
          [{ field: '/body/to', message: `at most ${MAX_RUN_DAYS} days after from` }],
        );
      }
      const run = await db.transaction().execute(async (trx) => {
        await limitActiveRuns(trx, actorOf(request).keyId);
        const created = await insertRun(trx, {
          from: body.from,
          to: body.to,
          timeLimitSeconds: body.timeLimitSeconds ?? 30,
          seed: body.seed ?? 1,
          createdBy: actorOf(request).keyId,
        });
        await recordAudit(trx, auditContextOf(request), {
          entity: 'rota_run',
          entityId: created.id,
          action: 'create',
          after: { from: body.from, to: body.to, timeLimitSeconds: created.time_limit_seconds },
        });
        return created;
      });
      deps.rotaWorker?.wake();
      reply.status(202).header('location', `/v1/rota-runs/${run.id}`);
      return { id: run.id, status: run.status };
    },
  );

  app.get(
    '/rota-runs',
    {
      schema: {
        tags: ['rota'],
        summary: 'List rota runs, newest first, as summaries (read one run for its rota and reasons)',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(RotaRunSummary, summaryOf(runExample)), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit = 100, offset = 0 } = request.query;
      return { ...(await listRunSummaries(db, limit, offset)), limit, offset };
    },
  );

  app.get(
    '/rota-runs/:id',
    {
      schema: {
        tags: ['rota'],
        summary: 'A run: status, score, the proposed rota, and the unassigned shifts with reasons',
        params: IdParams,
        response: { 200: RotaRun, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const run = await findRun(db, id);
      if (!run) throw problems.notFound('rota run', id);
      return toRunDto(run);
    },
  );

  app.get(
    '/rota-runs/:id/events',
    {
      schema: {
        tags: ['rota'],
        summary:
          'Progress as server-sent events: `progress` (best score so far) until `done` (the final run)',
        params: IdParams,
        response: {
          200: Type.String({
            description: 'text/event-stream',
            examples: [
              'event: progress\ndata: {"status":"solving","score":{"hard":0,"medium":3,"soft":2100},"elapsedMs":1500}\n\n',
            ],
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await findRun(db, id))) throw problems.notFound('rota run', id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-request-id': request.id,
      });
      let closed = false;
      request.raw.on('close', () => {
        closed = true;
      });
      let lastKey = '';
      // Polling the row (not an in-process emitter) works whichever process or machine is solving.
      while (!closed) {
        const run = await findRun(db, id);
        if (!run) break;
        const dto = toRunDto(run);
        const last = dto.progress.at(-1);
        const key = `${dto.status}:${dto.progress.length}:${last?.elapsedMs ?? ''}`;
        if (key !== lastKey) {
          lastKey = key;
          raw.write(
            `event: progress\ndata: ${JSON.stringify({ status: dto.status, score: last?.score ?? dto.score, elapsedMs: last?.elapsedMs ?? 0 })}\n\n`,
          );
        }
        if (TERMINAL.includes(run.status)) {
          raw.write(`event: done\ndata: ${JSON.stringify(dto)}\n\n`);
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      raw.end();
    },
  );

  app.post(
    '/rota-runs/:id/cancel',
    {
      schema: {
        tags: ['rota'],
        summary:
          'Stop a run: a queued run is cancelled at once; a solving run stops and keeps its best rota so far',
        params: IdParams,
        response: { 200: RotaRun, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const run = await db.transaction().execute(async (trx) => {
        const found = await findRun(trx, id, true);
        if (!found) throw problems.notFound('rota run', id);
        if (TERMINAL.includes(found.status)) {
          throw problems.conflict(`The run has already ended (${found.status}).`, 'run-ended');
        }
        await trx
          .updateTable('rota_runs')
          .set(
            found.status === 'queued'
              ? { status: 'cancelled', cancel_requested: true, finished_at: new Date() }
              : { cancel_requested: true },
          )
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, auditContextOf(request), {
          entity: 'rota_run',
          entityId: id,
          action: 'cancel',
        });
        return (await findRun(trx, id))!;
      });
      return toRunDto(run);
    },
  );

  app.post(
    '/rota-runs/:id/publish',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['rota'],
        summary:
          'Write the run into the shifts (a completed run, or one cancelled while solving: its best rota; locked, hand-made and started shifts are kept); 409 if the rota changed since. Optionally designate standby practitioners for the period too',
        params: IdParams,
        body: Type.Object(
          {
            designateStandby: Type.Optional(
              Type.Boolean({
                description: 'Also name an on-call practitioner per region and day, where none is named',
              }),
            ),
            leaveBrokenUncovered: Type.Optional(
              Type.Boolean({
                description:
                  'Facts may have changed since the run (someone fell sick or left): by default any assignment that now breaks a hard rule refuses the publish (409, listing them); with true the rest is published and those shifts are left uncovered, ready for a cover plan',
              }),
            ),
          },
          {
            additionalProperties: false,
            examples: [{ designateStandby: true }, { leaveBrokenUncovered: true }],
          },
        ),
        response: {
          200: Type.Object(
            {
              id: Uuid,
              status: Type.String(),
              changedShifts: Type.Integer(),
              keptLocked: Type.Integer(),
              keptStarted: Type.Integer(),
              standby: Type.Array(StandbyEntry, {
                description: 'Standby practitioners designated with this publish',
              }),
              uncoveredShifts: Type.Array(Shift, {
                description:
                  'With leaveBrokenUncovered: shifts left uncovered because their assignment broke a rule',
              }),
            },
            {
              examples: [
                {
                  id: runExample.id,
                  status: 'published',
                  changedShifts: 320,
                  keptLocked: 2,
                  keptStarted: 0,
                  standby: [],
                  uncoveredShifts: [],
                },
              ],
            },
          ),
          ...errorResponses(404, 409),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = (request.body ?? {}) as { designateStandby?: boolean; leaveBrokenUncovered?: boolean };
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: deps.config.timezone, request },
        {
          entity: 'rota_run',
          action: 'publish',
          lock: async (trx) => {
            const run = await findRun(trx, id, true);
            if (!run) throw problems.notFound('rota run', id);
            const result = fromJson<{ assignments?: Record<string, string[]> } | null>(run.result);
            const shiftIds = Object.keys(result?.assignments ?? {});
            await lockFactsForAssigning(trx, shiftIds, Object.values(result?.assignments ?? {}).flat());
            return run;
          },
          write: async (trx, run) => {
            const outcome = await publishRun(trx, run, new Date());
            const standby = body.designateStandby
              ? await suggestStandby(trx, run.from_date, run.to_date, deps.config.timezone)
              : [];
            return { run, outcome, standby };
          },
          entityId: () => id,
          // A run is made from the facts of its day; whoever it puts on a shift is judged again now.
          assigns: ({ outcome }) => (body.leaveBrokenUncovered ? [] : outcome.added),
          recheck: ({ outcome }) =>
            body.leaveBrokenUncovered
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
            payload: {
              runId: id,
              from: run.from_date,
              to: run.to_date,
              changedShifts: outcome.changedShifts,
            },
          }),
        },
      );
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
    },
  );
}
