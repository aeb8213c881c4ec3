import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { errorResponses, Page, PageQuery, Uuid } from '../http/schemas.js';
import { listRunSummaries, RotaRunSummary, summaryOf } from './run-summary.js';
import { CreateRun, RotaRun, runExample } from './run-model.js';
import { toRunDto } from './run-view.js';
import { cancelRun, publish, startRun } from './run-service.js';
import { Shift } from '../placements/shift-model.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { StandbyEntry } from '../cover/model.js';
import { findRun, TERMINAL } from './runs-repository.js';

const IdParams = Type.Object({ id: Uuid });

/** Rota runs: start, list, read, follow, cancel and publish; the rules and transactions are in run-service. */
export async function rotaRunRoutes(app: App, deps: Deps): Promise<void> {
  startRunRoute(app, deps);
  listRunsRoute(app, deps);
  readRunRoute(app, deps);
  runEventsRoute(app, deps);
  cancelRunRoute(app, deps);
  publishRunRoute(app, deps);
}

function startRunRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
      const run = await startRun({ db, timezone: deps.config.timezone, request }, request.body);
      deps.rotaWorker?.wake();
      reply.status(202).header('location', `/v1/rota-runs/${run.id}`);
      return { id: run.id, status: run.status };
    },
  );
}

function listRunsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
}

function readRunRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
}

function runEventsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
}

function cancelRunRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
    async (request) =>
      toRunDto(await cancelRun({ db, timezone: deps.config.timezone, request }, request.params.id)),
  );
}

function publishRunRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
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
    async (request) =>
      publish({ db, timezone: deps.config.timezone, request }, request.params.id, request.body ?? {}),
  );
}
