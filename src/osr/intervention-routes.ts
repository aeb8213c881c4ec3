import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders, Page } from '../http/schemas.js';
import { IdParams } from './booking-schemas.js';
import { Intervention, interventionExample, MAX_TOTAL_SESSIONS } from './intervention-model.js';
import { findIntervention } from './intervention-repository.js';
import { Close, Extend, InterventionQuery, Reassign, StartIntervention } from './intervention-schemas.js';
import { close, extend, interventionsOf, reassign, startIntervention } from './intervention-service.js';
import { changeContext } from './route-context.js';

const op = operations('osr');

const REASSIGN =
  'The hub manager gives an open intervention to another practitioner of the hub, with a reason';
const EXTEND = `Extend an open intervention, with a recorded reason; any number of times while it stays within ${MAX_TOTAL_SESSIONS} sessions`;
const CLOSE =
  'Close an intervention with its outcome, the sessions delivered and the family’s feedback; closing is final';

export const interventionRoutes = routes(start, list, one, reassignTo, extendBy, closeWith);

const START = 'Start the intervention that follows a visit; the lead responder who did the visit delivers it';

function start(app: App, deps: Deps): void {
  const schema = op(START, { body: StartIntervention, response: { 201: Intervention } }, [409, 422]);
  app.post('/osr/interventions', { schema }, async (request, reply) => {
    const created = await startIntervention(changeContext(deps, request, reply), request.body);
    reply.status(201);
    return created;
  });
}

const LIST = 'List interventions by hub, OSR weeks, practitioner, case or status';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, {
    querystring: InterventionQuery,
    response: { 200: Page(Intervention, interventionExample) },
  });
  app.get('/osr/interventions', { schema }, async (request) =>
    interventionsOf(db, request.query, config.timezone),
  );
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('Get an intervention', { params: IdParams, response: { 200: Intervention } }, [404]);
  app.get('/osr/interventions/:id', { schema }, async (request, reply) => {
    const { id } = request.params;
    const found = await findIntervention(db, id);
    if (!found) throw problems.notFound('intervention', id);
    setEtag(reply, found.version);
    return found;
  });
}

function reassignTo(app: App, deps: Deps): void {
  const schema = change(REASSIGN, Reassign, [404, 409, 412, 422]);
  app.post('/osr/interventions/:id/reassign', { schema }, async (request, reply) =>
    reassign(changeContext(deps, request, reply), request.params.id, request.body),
  );
}

function extendBy(app: App, deps: Deps): void {
  const schema = change(EXTEND, Extend, [404, 409, 412]);
  app.post('/osr/interventions/:id/extend', { schema }, async (request, reply) =>
    extend(changeContext(deps, request, reply), request.params.id, request.body),
  );
}

function closeWith(app: App, deps: Deps): void {
  const schema = change(CLOSE, Close, [404, 409, 412, 422]);
  app.post('/osr/interventions/:id/close', { schema }, async (request, reply) =>
    close(changeContext(deps, request, reply), request.params.id, request.body),
  );
}

/** The writes on one intervention: its id, If-Match, a body, and the intervention as it now is. */
function change<B>(summary: string, body: B, errors: number[]) {
  return op(
    summary,
    { params: IdParams, headers: IfMatchHeaders, body, response: { 200: Intervention } },
    errors,
  );
}
