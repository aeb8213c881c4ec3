import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { hubWeekView } from './figures.js';
import { proposeFrom } from './lead-service.js';
import { overrideLead } from './override-service.js';
import { changeContext } from './route-context.js';
import { generateRota, issueRota, readRotaOf } from './rota-service.js';
import { emptyBodyAsObject } from '../http/optional-body.js';
import { HubWeek, Override, OverrideResult, Proposal, ProposalRequest } from './lead-schemas.js';
import { CreateRota, HubWeekParams, Issued, IssueRota, Rota, RotaQuery } from './schemas.js';

const op = operations('osr');

export const rotaRoutes = routes(generate, list, issue, override, propose, hubWeek);

const GENERATE = 'Generate the lead-responder rota of every hub (or one) for a run of weeks';
const KEPT =
  'Keeps weeks already issued, overridden or started; fills the others with the scheduler core and says why a hub-week could not be filled.';

function generate(app: App, deps: Deps): void {
  const schema = op(GENERATE, { description: KEPT, body: CreateRota, response: { 201: Rota } }, [404]);
  app.post('/osr/rotas', { schema }, async (request, reply) => {
    assertHubScopeIfNarrowed(request, request.body.hub);
    const rota = await generateRota(changeContext(deps, request), request.body);
    reply.status(201);
    return rota;
  });
}

const LIST = 'The stored rota between two weeks (both included), optionally for one hub';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: RotaQuery, response: { 200: Rota } }, [404]);
  app.get('/osr/rotas', { schema }, async (request) => readRotaOf(db, request.query, config.timezone));
}

const ISSUE = 'Issue the rota to social workers: issued weeks are kept by later runs';

function issue(app: App, deps: Deps): void {
  const schema = op(ISSUE, { body: IssueRota, response: { 200: Issued } }, [404]);
  app.post('/osr/rotas/issue', { schema }, async (request) => {
    assertHubScopeIfNarrowed(request, request.body.hub);
    return issueRota(changeContext(deps, request), request.body);
  });
}

const OVERRIDE = "A hub manager's override of a week's lead responder, with a reason";
const OVERRIDE_RULES =
  'The practitioner must be a current 0-19 practitioner of the hub, of grade H or I, and not absent in the working days. Active bookings of the week move to them.';

function override(app: App, deps: Deps): void {
  const schema = op(
    OVERRIDE,
    {
      description: OVERRIDE_RULES,
      params: HubWeekParams,
      headers: IfMatchHeaders,
      body: Override,
      response: { 200: OverrideResult },
    },
    [404, 412, 422],
  );
  app.put('/osr/lead-responders/:hub/:week', { schema }, async (request, reply) => {
    const { hub, week } = request.params;
    return overrideLead(changeContext(deps, request, reply), hub, week, request.body);
  });
}

const PROPOSE = 'Propose who could lead the rest of the week (e.g. the lead responder is off sick)';
const PROPOSE_HOW =
  'Ranks every practitioner of the hub with the scheduler core; changes nothing. Apply a choice with PUT /v1/osr/lead-responders/{hub}/{week}.';

function propose(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    PROPOSE,
    { description: PROPOSE_HOW, params: HubWeekParams, body: ProposalRequest, response: { 200: Proposal } },
    [404, 409],
  );
  app.post(
    '/osr/lead-responders/:hub/:week/replacement-proposal',
    { preValidation: emptyBodyAsObject, schema },
    async (request) => {
      const { hub, week } = request.params;
      assertHubScope(request, hub);
      return proposeFrom(db, hub, week, request.body?.from, config.timezone);
    },
  );
}

const HUB_WEEK = "A hub's OSR week: the lead responder, the case cap and cases booked, the DAT team";

function hubWeek(app: App, { database: { db }, config }: Deps): void {
  const schema = op(HUB_WEEK, { params: HubWeekParams, response: { 200: HubWeek } }, [404]);
  app.get('/osr/hubs/:hub/weeks/:week', { schema }, async (request) =>
    hubWeekView(db, request.params.hub, request.params.week, config.timezone),
  );
}

/** A hub manager's key must name one of its hubs (the whole service's rota is not theirs to write). */
function assertHubScopeIfNarrowed(request: FastifyRequest, hub: string | undefined): void {
  if (hubScopeOf(request) !== null) assertHubScope(request, hub);
}
