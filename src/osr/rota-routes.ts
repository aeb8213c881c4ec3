import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf } from '../audit/record.js';
import { errorResponses, IfMatchHeaders } from '../http/schemas.js';
import { hubWeekView } from './figures.js';
import { proposeReplacement, weekContext } from './lead-service.js';
import { hubExists } from './rota-repository.js';
import { generateRota, issueRota, readRota } from './rota-service.js';
import { overrideLead } from './override-service.js';
import {
  CreateRota,
  emptyBodyAsObject,
  HubWeek,
  HubWeekParams,
  Issued,
  IssueRota,
  Override,
  OverrideResult,
  Proposal,
  ProposalRequest,
  Rota,
  RotaQuery,
} from './schemas.js';
import { parseWeek, weekRange } from './weeks.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';

const TAGS = ['osr'];

/** 404 for a hub that does not exist (none asked: every hub). */
async function knownHub(db: Deps['database']['db'], hub: string | undefined): Promise<void> {
  if (hub && !(await hubExists(db, hub))) throw problems.notFound('hub', hub);
}

export async function rotaRoutes(app: App, deps: Deps): Promise<void> {
  postOsrRotasRoute(app, deps);
  getOsrRotasRoute(app, deps);
  postOsrRotasIssueRoute(app, deps);
  putOsrLeadRespondersByHubByWeekRoute(app, deps);
  postOsrLeadRespondersByHubByWeekReplacementProposalRoute(app, deps);
  getOsrHubsByHubWeeksByWeekRoute(app, deps);
}

function postOsrRotasRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.post(
    '/osr/rotas',
    {
      schema: {
        tags: TAGS,
        summary: 'Generate the lead-responder rota of every hub (or one) for a run of weeks',
        description:
          'Keeps weeks already issued, overridden or started; fills the others with the scheduler core and says why a hub-week could not be filled.',
        body: CreateRota,
        response: { 201: Rota, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertHubScopeIfNarrowed(request, body.hub);
      parseWeek(body.fromWeek, '/body/fromWeek');
      const rota = await generateRota(
        db,
        { fromWeek: body.fromWeek, weeks: body.weeks, ...(body.hub ? { hub: body.hub } : {}) },
        tz,
        auditContextOf(request),
      );
      reply.status(201);
      return rota;
    },
  );
}

function getOsrRotasRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.get(
    '/osr/rotas',
    {
      schema: {
        tags: TAGS,
        summary: 'The stored rota between two weeks (both included), optionally for one hub',
        querystring: RotaQuery,
        response: { 200: Rota, ...errorResponses(404) },
      },
    },
    async (request) => {
      const q = request.query;
      const weeks = weekRange(q.fromWeek, q.toWeek);
      await knownHub(db, q.hub);
      return readRota(
        db,
        { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, ...(q.hub ? { hubs: [q.hub] } : {}) },
        tz,
      );
    },
  );
}

function postOsrRotasIssueRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.post(
    '/osr/rotas/issue',
    {
      schema: {
        tags: TAGS,
        summary: 'Issue the rota to social workers: issued weeks are kept by later runs',
        body: IssueRota,
        response: { 200: Issued, ...errorResponses(404) },
      },
    },
    async (request) => {
      assertHubScopeIfNarrowed(request, request.body.hub);
      return issueRota({ db, timezone: tz, request }, request.body);
    },
  );
}

function putOsrLeadRespondersByHubByWeekRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.put(
    '/osr/lead-responders/:hub/:week',
    {
      schema: {
        tags: TAGS,
        summary: "A hub manager's override of a week's lead responder, with a reason",
        description:
          'The practitioner must be a current 0-19 practitioner of the hub, of grade H or I, and not absent in the working days. Active bookings of the week move to them.',
        params: HubWeekParams,
        headers: IfMatchHeaders,
        body: Override,
        response: { 200: OverrideResult, ...errorResponses(404, 412, 422) },
      },
    },
    async (request, reply) =>
      overrideLead(
        { db, timezone: tz, request, reply },
        request.params.hub,
        request.params.week,
        request.body,
      ),
  );
}

function postOsrLeadRespondersByHubByWeekReplacementProposalRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.post(
    '/osr/lead-responders/:hub/:week/replacement-proposal',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: TAGS,
        summary: 'Propose who could lead the rest of the week (e.g. the lead responder is off sick)',
        description:
          'Ranks every practitioner of the hub with the scheduler core; changes nothing. Apply a choice with PUT /v1/osr/lead-responders/{hub}/{week}.',
        params: HubWeekParams,
        body: ProposalRequest,
        response: { 200: Proposal, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { hub, week } = request.params;
      assertHubScope(request, hub);
      parseWeek(week, '/params/week');
      const from = request.body?.from;
      const ctx = await weekContext(db, hub, week, tz);
      return proposeReplacement(
        ctx,
        week,
        tz,
        from ? DateTime.fromISO(from, { zone: tz }) : DateTime.now().setZone(tz),
      );
    },
  );
}

function getOsrHubsByHubWeeksByWeekRoute(app: App, deps: Deps): void {
  const db = deps.database.db;
  const tz = deps.config.timezone;

  app.get(
    '/osr/hubs/:hub/weeks/:week',
    {
      schema: {
        tags: TAGS,
        summary: "A hub's OSR week: the lead responder, the case cap and cases booked, the DAT team",
        params: HubWeekParams,
        response: { 200: HubWeek, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { hub, week } = request.params;
      parseWeek(week, '/params/week');
      return hubWeekView(db, hub, week, tz);
    },
  );
}

/** A hub manager's key must name one of its hubs (the whole service's rota is not theirs to write). */
function assertHubScopeIfNarrowed(request: FastifyRequest, hub: string | undefined): void {
  if (hubScopeOf(request) !== null) assertHubScope(request, hub);
}
