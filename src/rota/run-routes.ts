import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { operations, routes } from '../http/operation.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { listRunSummaries } from './run-summary.js';
import { CreateRun, RotaRun } from './run-model.js';
import { toRunDto } from './run-view.js';
import { cancelRun, publish, startRun } from './run-service.js';
import { findRun } from './runs-repository.js';
import { streamRunEvents } from './run-events.js';
import {
  PublishOptions,
  Published,
  RunEvents,
  RunPage,
  RunParams,
  RunsQuery,
  RunStarted,
} from './run-schemas.js';

const op = operations('rota');

const START =
  'Start a rota run for a period of local dates (both included); solving happens in the background';

function start(app: App, { database: { db }, config, rotaWorker }: Deps): void {
  const schema = op(START, { body: CreateRun, response: { 202: RunStarted } }, [429]);
  app.post('/rota-runs', { schema }, async (request, reply) => {
    const run = await startRun({ db, timezone: config.timezone, request }, request.body);
    rotaWorker?.wake();
    reply.status(202).header('location', `/v1/rota-runs/${run.id}`);
    return { id: run.id, status: run.status };
  });
}

const LIST = 'List rota runs, newest first, as summaries (read one run for its rota and reasons)';

function list(app: App, { database: { db } }: Deps): void {
  app.get(
    '/rota-runs',
    { schema: op(LIST, { querystring: RunsQuery, response: { 200: RunPage } }) },
    async (request) => {
      const { limit = 100, offset = 0 } = request.query;
      return { ...(await listRunSummaries(db, limit, offset)), limit, offset };
    },
  );
}

const ONE = 'A run: status, score, the proposed rota, and the unassigned shifts with reasons';

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(ONE, { params: RunParams, response: { 200: RotaRun } }, [404]);
  app.get('/rota-runs/:id', { schema }, async (request) => {
    const run = await findRun(db, request.params.id);
    if (!run) throw problems.notFound('rota run', request.params.id);
    return toRunDto(run);
  });
}

const EVENTS = 'Progress as server-sent events: `progress` (best score so far) until `done` (the final run)';

function events(app: App, { database: { db } }: Deps): void {
  const schema = op(EVENTS, { params: RunParams, response: { 200: RunEvents } }, [404]);
  app.get('/rota-runs/:id/events', { schema }, async (request, reply) => {
    const { id } = request.params;
    if (!(await findRun(db, id))) throw problems.notFound('rota run', id);
    await streamRunEvents(db, id, request, reply);
  });
}

const CANCEL =
  'Stop a run: a queued run is cancelled at once; a solving run stops and keeps its best rota so far';

function cancel(app: App, { database: { db }, config }: Deps): void {
  const schema = op(CANCEL, { params: RunParams, response: { 200: RotaRun } }, [404, 409]);
  app.post('/rota-runs/:id/cancel', { schema }, async (request) =>
    toRunDto(await cancelRun({ db, timezone: config.timezone, request }, request.params.id)),
  );
}

const PUBLISH =
  'Write the run into the shifts (a completed run, or one cancelled while solving: its best rota; locked, hand-made and started shifts are kept); 409 if the rota changed since. Optionally designate standby practitioners for the period too';

function publishRun(app: App, { database: { db }, config }: Deps): void {
  const input = { params: RunParams, body: PublishOptions };
  const schema = op(PUBLISH, { ...input, response: { 200: Published } }, [404, 409]);
  app.post('/rota-runs/:id/publish', { preValidation: emptyBodyAsObject, schema }, async (request) =>
    publish({ db, timezone: config.timezone, request }, request.params.id, request.body ?? {}),
  );
}

/** Rota runs: start, list, read, follow, cancel and publish; the rules and transactions are in run-service. */
export const rotaRunRoutes = routes(start, list, one, events, cancel, publishRun);
