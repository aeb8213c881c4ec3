import { writeEvent } from '../changes/events.js';
import { interventionEvent, personOf } from '../events/payloads.js';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { assertHubScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import {
  Code,
  errorResponses,
  IfMatchHeaders,
  IsoWeek,
  LocalDate,
  Page,
  PageQuery,
  Uuid,
} from '../http/schemas.js';
import { findPractitionerBrief } from './rota-repository.js';
import { CaseReference, Reason } from './schemas.js';
import {
  findIntervention,
  Intervention,
  interventionExample,
  MAX_SESSIONS,
  ReassignmentReason,
  toDto,
} from './intervention-model.js';
import { asDb, osrDb, type OsrDb } from './tables.js';
import { osrWeek, weekRange } from './weeks.js';

export async function interventionRoutes(app: App, { database, config }: Deps): Promise<void> {
  const db = osrDb(database.db);
  const tz = config.timezone;

  app.post(
    '/osr/interventions',
    {
      schema: {
        tags: ['osr'],
        summary:
          'Start the intervention that follows a visit; the lead responder who did the visit delivers it',
        body: Type.Object(
          {
            bookingId: Uuid,
            sessions: Type.Optional(
              Type.Integer({ minimum: 1, maximum: MAX_SESSIONS, description: 'Up to 6; default 6' }),
            ),
            startedOn: Type.Optional(LocalDate),
          },
          {
            additionalProperties: false,
            examples: [{ bookingId: interventionExample.bookingId, sessions: 6, startedOn: '2026-11-26' }],
          },
        ),
        response: { 201: Intervention, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await db.transaction().execute(async (trx) => {
        const booking = await trx
          .selectFrom('osr_bookings')
          .selectAll()
          .where('id', '=', body.bookingId)
          .executeTakeFirst();
        if (!booking)
          throw problems.unprocessable(`No booking with id "${body.bookingId}" exists.`, [
            { field: '/body/bookingId', message: 'is not a known booking' },
          ]);
        assertHubScope(request, booking.hub_code);
        if (request.actor?.role === 'social_worker' && booking.created_by_key !== request.actor.keyId)
          throw problems.forbidden(
            'A social_worker key starts interventions only from the bookings it made.',
          );
        if (booking.status !== 'active')
          throw problems.conflict(
            'The booking was cancelled; no intervention follows it.',
            'booking-cancelled',
          );
        const existing = await trx
          .selectFrom('osr_interventions')
          .select('id')
          .where('hub_code', '=', booking.hub_code)
          .where('week_start', '=', booking.week_start)
          .where('case_reference', '=', booking.case_reference)
          .executeTakeFirst();
        if (existing)
          throw problems.conflict(
            `The case already has an intervention from this OSR week (${existing.id}).`,
            'intervention-exists',
          );
        const row = await trx
          .insertInto('osr_interventions')
          .values({
            booking_id: booking.id,
            hub_code: booking.hub_code,
            week_start: booking.week_start,
            case_reference: booking.case_reference,
            visit_practitioner_id: booking.practitioner_id,
            practitioner_id: booking.practitioner_id,
            reassignment_reason: null,
            reassignment_note: null,
            sessions: body.sessions ?? MAX_SESSIONS,
            extension_reason: null,
            extended_at: null,
            started_on: body.startedOn ?? DateTime.now().setZone(tz).toISODate()!,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const dto = toDto(row);
        await recordAudit(asDb(trx), auditContextOf(request), {
          entity: 'osr_intervention',
          entityId: dto.id,
          action: 'create',
          after: dto,
        });
        const lead = await personOf(asDb(trx), dto.practitionerId);
        await writeEvent(asDb(trx), 'intervention.started', dto.id, interventionEvent(dto, lead.name));
        return dto;
      });
      setEtag(reply, created.version);
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/osr/interventions',
    {
      schema: {
        tags: ['osr'],
        summary: 'List interventions by hub, OSR weeks or practitioner',
        querystring: Type.Object(
          {
            hub: Type.Optional(Code),
            fromWeek: Type.Optional(IsoWeek),
            toWeek: Type.Optional(IsoWeek),
            practitionerId: Type.Optional(Uuid),
            caseReference: Type.Optional(CaseReference),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Intervention, interventionExample), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 100, offset = 0 } = q;
      let query = db.selectFrom('osr_interventions');
      if (q.hub) query = query.where('hub_code', '=', q.hub);
      if (q.fromWeek) {
        const range = weekRange(q.fromWeek, q.toWeek ?? q.fromWeek, 520);
        query = query
          .where('week_start', '>=', osrWeek(range[0]!, tz).monday)
          .where('week_start', '<=', osrWeek(range.at(-1)!, tz).monday);
      }
      if (q.practitionerId) query = query.where('practitioner_id', '=', q.practitionerId);
      if (q.caseReference) query = query.where('case_reference', '=', q.caseReference);
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll()
        .orderBy('week_start')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toDto), total: Number(total.n), limit, offset };
    },
  );

  app.get(
    '/osr/interventions/:id',
    {
      schema: {
        tags: ['osr'],
        summary: 'Get an intervention',
        params: Type.Object({ id: Uuid }),
        response: { 200: Intervention, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = await findIntervention(db, id);
      if (!found) throw problems.notFound('intervention', id);
      setEtag(reply, found.version);
      return found;
    },
  );

  /** Both changes below lock the row, check If-Match, write, audit and write their event in one transaction. */
  const change = async (
    request: FastifyRequest,
    id: string,
    action: 'reassign' | 'extend',
    apply: (trx: OsrDb, before: ReturnType<typeof toDto>) => Promise<void>,
  ) =>
    db.transaction().execute(async (trx) => {
      const before = await findIntervention(trx, id, true);
      if (!before) throw problems.notFound('intervention', id);
      assertHubScope(request, before.hub);
      checkIfMatch(request, before.version);
      await apply(trx, before);
      const after = (await findIntervention(trx, id))!;
      await recordAudit(asDb(trx), auditContextOf(request), {
        entity: 'osr_intervention',
        entityId: id,
        action,
        before,
        after,
      });
      const lead = await personOf(asDb(trx), after.practitionerId);
      const type = action === 'reassign' ? 'intervention.reassigned' : 'intervention.extended';
      await writeEvent(asDb(trx), type, id, interventionEvent(after, lead.name));
      return after;
    });

  app.post(
    '/osr/interventions/:id/reassign',
    {
      schema: {
        tags: ['osr'],
        summary: 'The hub manager gives the intervention to another practitioner of the hub, with a reason',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          { practitionerId: Uuid, reason: ReassignmentReason, note: Type.Optional(Reason) },
          {
            additionalProperties: false,
            examples: [
              {
                practitionerId: '8d0f7a1b-2c3e-4f50-9a6b-7c8d9e0f1a2b',
                reason: 'specialism',
                note: 'Youth work experience',
              },
            ],
          },
        ),
        response: { 200: Intervention, ...errorResponses(404, 412, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const after = await change(request, id, 'reassign', async (trx, before) => {
        const p = await findPractitionerBrief(trx, body.practitionerId);
        if (!p || p.kind !== 'zero_nineteen' || p.hub !== before.hub || p.archived_at) {
          throw problems.unprocessable(
            `The intervention stays in ${before.hub}: give it to a current 0-19 practitioner of that hub.`,
            [{ field: '/body/practitionerId', message: 'is not a current 0-19 practitioner of the hub' }],
          );
        }
        const back = p.id === before.visitPractitionerId;
        await trx
          .updateTable('osr_interventions')
          .set((eb) => ({
            practitioner_id: p.id,
            reassignment_reason: back ? null : body.reason,
            reassignment_note: back ? null : (body.note ?? null),
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', id)
          .execute();
      });
      setEtag(reply, after.version);
      return after;
    },
  );

  app.post(
    '/osr/interventions/:id/extend',
    {
      schema: {
        tags: ['osr'],
        summary: 'Extend an intervention once, by up to 6 more sessions, with a recorded reason',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: Type.Object(
          { sessions: Type.Integer({ minimum: 1, maximum: MAX_SESSIONS }), reason: Reason },
          {
            additionalProperties: false,
            examples: [{ sessions: 4, reason: 'Parent has a learning difficulty' }],
          },
        ),
        response: { 200: Intervention, ...errorResponses(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const after = await change(request, id, 'extend', async (trx, before) => {
        if (before.extendedAt)
          throw problems.conflict('The intervention was already extended once.', 'already-extended');
        await trx
          .updateTable('osr_interventions')
          .set((eb) => ({
            extra_sessions: body.sessions,
            extension_reason: body.reason,
            extended_at: new Date(),
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', id)
          .where('extended_at', 'is', null)
          .execute();
      });
      setEtag(reply, after.version);
      return after;
    },
  );
}
