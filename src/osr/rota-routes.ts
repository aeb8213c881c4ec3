import { writeEvent } from '../changes/events.js';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { errorResponses, IfMatchHeaders } from '../http/schemas.js';
import { hubWeekView, leadOf } from './figures.js';
import { checkOverride, proposeReplacement, weekContext } from './lead-service.js';
import { hubExists, leadRows } from './rota-repository.js';
import { generateRota, readRota } from './rota-service.js';
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
import { asDb, osrDb } from './tables.js';
import { osrWeek, parseWeek, weekRange } from './weeks.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';

const TAGS = ['osr'];

export async function rotaRoutes(app: App, { database, config }: Deps): Promise<void> {
  const db = osrDb(database.db);
  const tz = config.timezone;
  const knownHub = async (hub: string | undefined) => {
    if (hub && !(await hubExists(db, hub))) throw problems.notFound('hub', hub);
  };

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
      await knownHub(q.hub);
      return readRota(
        db,
        { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, ...(q.hub ? { hubs: [q.hub] } : {}) },
        tz,
      );
    },
  );

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
      const body = request.body;
      assertHubScopeIfNarrowed(request, body.hub);
      const weeks = weekRange(body.fromWeek, body.toWeek);
      await knownHub(body.hub);
      return db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('osr_lead_responders')
          .set((eb) => ({ issued_at: new Date(), version: eb('version', '+', 1), updated_at: new Date() }))
          .where('issued_at', 'is', null)
          .where('practitioner_id', 'is not', null)
          .where('week_start', '>=', osrWeek(weeks[0]!, tz).monday)
          .where('week_start', '<=', osrWeek(weeks.at(-1)!, tz).monday);
        if (body.hub) q = q.where('hub_code', '=', body.hub);
        const result = await q.executeTakeFirst();
        const issued = Number(result.numUpdatedRows);
        const rota = await readRota(
          trx,
          { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, ...(body.hub ? { hubs: [body.hub] } : {}) },
          tz,
        );
        await recordAudit(asDb(trx), auditContextOf(request), {
          entity: 'osr_rota',
          entityId: `${weeks[0]}..${weeks.at(-1)}`,
          action: 'issue',
          after: { issued, hub: body.hub ?? null },
        });
        await writeEvent(asDb(trx), 'osr.rota.issued', `${weeks[0]}..${weeks.at(-1)}`, {
          fromWeek: weeks[0]!,
          toWeek: weeks.at(-1)!,
          hub: body.hub ?? null,
          issued,
          assignments: rota.assignments.map((a) => ({
            hub: a.hub,
            week: a.week,
            practitioner: { id: a.practitionerId, name: a.name },
            grade: a.grade,
          })),
        });
        return { issued, rota };
      });
    },
  );

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
    async (request, reply) => {
      const { hub, week } = request.params;
      assertHubScope(request, hub);
      const body = request.body;
      parseWeek(week, '/params/week');
      const { monday } = osrWeek(week, tz);
      const result = await db.transaction().execute(async (trx) => {
        const ctx = await weekContext(trx, hub, week, tz);
        const [before] = await leadRows(trx, { hubs: [hub], fromMonday: monday, toMonday: monday }, true);
        if (before) checkIfMatch(request, before.version);
        const { person, warnings } = await checkOverride(trx, ctx, week, body.practitionerId, tz);
        const values = {
          practitioner_id: person.id,
          grade: person.grade,
          source: 'override' as const,
          reason: body.reason,
          unfilled_reasons: null,
        };
        // An override of an issued week stays issued: social workers were already told about the week.
        await trx
          .insertInto('osr_lead_responders')
          .values({ hub_code: hub, week_start: monday, ...values })
          .onConflict((oc) =>
            oc.columns(['hub_code', 'week_start']).doUpdateSet((eb) => ({
              ...values,
              version: eb('osr_lead_responders.version', '+', 1),
              updated_at: new Date(),
            })),
          )
          .execute();
        const moved = await trx
          .updateTable('osr_bookings')
          .set((eb) => ({
            practitioner_id: person.id,
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('hub_code', '=', hub)
          .where('week_start', '=', monday)
          .where('status', '=', 'active')
          .where('practitioner_id', '<>', person.id)
          .executeTakeFirst();
        const [after] = await leadRows(trx, { hubs: [hub], fromMonday: monday, toMonday: monday });
        await recordAudit(asDb(trx), auditContextOf(request), {
          entity: 'osr_lead_responder',
          entityId: `${hub}/${week}`,
          action: 'override',
          before: leadOf(before),
          after: { ...leadOf(after), warnings },
        });
        await writeEvent(asDb(trx), 'osr.lead-responder.changed', `${hub}/${week}`, {
          hub,
          week,
          practitioner: { id: person.id, name: after?.name ?? '' },
          grade: person.grade,
          source: 'override',
          reason: body.reason,
        });
        return { after: after!, warnings, moved: Number(moved.numUpdatedRows) };
      });
      setEtag(reply, result.after.version);
      return {
        hub,
        week,
        leadResponder: leadOf(result.after)!,
        warnings: result.warnings,
        bookingsMoved: result.moved,
      };
    },
  );

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
