import { absenceEvent, personOf } from '../events/payloads.js';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { applyChange } from '../changes/apply-change.js';
import { problems } from '../http/problem.js';
import { errorResponses, IfMatchHeaders, LocalDate, Page, PageQuery, Uuid } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { Absence, absenceExample, AbsenceKind, CreateAbsence, PatchAbsence } from './absence-model.js';
import {
  absenceOwner,
  deleteAbsence,
  findAbsence,
  insertAbsence,
  listAbsences,
  updateAbsence,
} from './absence-repository.js';
import { findPractitioner } from './practitioner-repository.js';
import { absencesFor } from './privacy.js';
import { assertPanelScope, seesAbsenceDetail } from '../http/permissions.js';
import { Shift } from '../placements/shift-model.js';

// Sickness is health data: readable by the staff who plan and cover, and by read-only integrations (HR).

const CreatedAbsence = Type.Intersect(
  [
    Absence,
    Type.Object({
      uncoveredShifts: Type.Array(Shift, {
        description: 'The shifts this absence took the practitioner off, at once',
      }),
    }),
  ],
  {
    examples: [{ ...absenceExample, uncoveredShifts: [] }],
  },
);

function endAfterStart(start: Date, end: Date | null): void {
  if (end && end <= start) {
    throw problems.badRequest(
      `The absence ends (${end.toISOString()}) before or when it starts (${start.toISOString()}).`,
      [{ field: '/body/end', message: 'must be after start' }],
    );
  }
}

export async function absenceRoutes(app: App, deps: Deps): Promise<void> {
  postPractitionersByIdAbsencesRoute(app, deps);
  getAbsencesRoute(app, deps);
  getAbsencesByIdRoute(app, deps);
  patchAbsencesByIdRoute(app, deps);
  deleteAbsencesByIdRoute(app, deps);
}

function postPractitionersByIdAbsencesRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/practitioners/:id/absences',
    {
      schema: {
        tags: ['absences'],
        summary: 'Record sickness, leave, training or unavailability (sickness may be open-ended)',
        params: Type.Object({ id: Uuid }),
        body: CreateAbsence,
        response: { 201: CreatedAbsence, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const start = new Date(body.start);
      const end = body.end ? new Date(body.end) : null;
      endAfterStart(start, end);
      if (!end && body.kind !== 'sickness') {
        throw problems.badRequest(`An end is required for ${body.kind}; only sickness may be open-ended.`, [
          { field: '/body/end', message: 'is required unless kind is sickness' },
        ]);
      }
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: deps.config.timezone, request },
        {
          entity: 'absence',
          action: 'create',
          lock: async (trx) => {
            const practitioner = await findPractitioner(trx, id, true);
            if (!practitioner || practitioner.archivedAt) throw problems.notFound('practitioner', id);
            assertPanelScope(request, practitioner);
            return practitioner;
          },
          write: (trx) =>
            insertAbsence(trx, { practitionerId: id, kind: body.kind, start, end, note: body.note ?? null }),
          entityId: (absence) => absence.id,
          recheck: () => ({ practitionerIds: [id] }),
          event: async (absence, _before, trx) => ({
            type: 'absence.recorded',
            subjectId: absence.id,
            payload: {
              absence: absenceEvent(absence),
              practitioner: await personOf(trx, absence.practitionerId),
            },
          }),
        },
      );
      const created = { ...after, uncoveredShifts };
      setEtag(reply, created.version);
      reply.status(201).header('location', `/v1/absences/${created.id}`);
      return created;
    },
  );
}

function getAbsencesRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/absences',
    {
      schema: {
        tags: ['absences'],
        summary: 'List absences overlapping a period of local dates (both included)',
        querystring: Type.Object(
          {
            from: Type.Optional(LocalDate),
            to: Type.Optional(LocalDate),
            practitioner: Type.Optional(Uuid),
            kind: Type.Optional(AbsenceKind),
            open: Type.Optional(
              Type.Boolean({ description: 'Only open-ended (true) or only closed (false)' }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Absence, absenceExample), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 100, offset = 0 } = q;
      if (q.kind && !seesAbsenceDetail(request, null))
        throw problems.forbidden(
          'Absence kinds are private to admin, coordinator and cover; list without kind.',
        );
      const period =
        q.from || q.to
          ? localPeriod(q.from ?? '1900-01-01', q.to ?? '9999-12-30', deps.config.timezone)
          : undefined;
      const page = await listAbsences(
        db,
        { from: period?.start, to: period?.end, practitionerId: q.practitioner, kind: q.kind, open: q.open },
        limit,
        offset,
      );
      return { ...page, items: await absencesFor(db, request, page.items), limit, offset };
    },
  );
}

function getAbsencesByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/absences/:id',
    {
      schema: {
        tags: ['absences'],
        summary: 'Get one absence',
        params: Type.Object({ id: Uuid }),
        response: { 200: Absence, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const absence = await findAbsence(db, id);
      if (!absence) throw problems.notFound('absence', id);
      setEtag(reply, absence.version);
      return (await absencesFor(db, request, [absence]))[0]!;
    },
  );
}

function patchAbsencesByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.patch(
    '/absences/:id',
    {
      schema: {
        tags: ['absences'],
        summary: 'Return to work (set the end), or correct the end or note',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: PatchAbsence,
        response: { 200: CreatedAbsence, ...errorResponses(404, 412) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: deps.config.timezone, request },
        {
          entity: 'absence',
          action: 'update',
          lock: (trx) => lockAbsence(trx, id, request),
          version: (before) => before.version,
          write: (trx, before) => {
            const end =
              body.end !== undefined
                ? body.end
                  ? new Date(body.end)
                  : null
                : before.end
                  ? new Date(before.end)
                  : null;
            endAfterStart(new Date(before.start), end);
            if (!end && before.kind !== 'sickness') {
              throw problems.badRequest(
                `An end is required for ${before.kind}; only sickness may be open-ended.`,
                [{ field: '/body/end', message: 'is required unless kind is sickness' }],
              );
            }
            return updateAbsence(trx, id, { end, note: body.note !== undefined ? body.note : before.note });
          },
          entityId: () => id,
          // A longer absence takes the practitioner off the extra shifts too; a shorter one takes nobody off.
          recheck: (absence) => ({ practitionerIds: [absence.practitionerId] }),
          event: async (absence, before, trx) =>
            absence.end && absence.end !== before.end
              ? {
                  type: 'absence.ended',
                  subjectId: id,
                  payload: {
                    absence: absenceEvent(absence),
                    practitioner: await personOf(trx, absence.practitionerId),
                  },
                }
              : undefined,
        },
      );
      const updated = { ...after, uncoveredShifts };
      setEtag(reply, updated.version);
      return updated;
    },
  );
}

function deleteAbsencesByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.delete(
    '/absences/:id',
    {
      schema: {
        tags: ['absences'],
        summary: 'Delete an absence recorded by mistake',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses(404, 412) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await applyChange(
        { db, timezone: deps.config.timezone, request },
        {
          entity: 'absence',
          action: 'delete',
          lock: (trx) => lockAbsence(trx, id, request),
          version: (before) => before.version,
          write: (trx) => deleteAbsence(trx, id),
          entityId: () => id,
        },
      );
      return reply.status(204).send(null);
    },
  );
}

/** The practitioner first (as every write that judges their work does), then the absence. */
async function lockAbsence(trx: Transaction<DB>, id: string, request: FastifyRequest) {
  const owner = await absenceOwner(trx, id);
  const practitioner = owner ? await findPractitioner(trx, owner, true) : undefined;
  const before = await findAbsence(trx, id, true);
  if (!before) throw problems.notFound('absence', id);
  // Hub managers change only the absences of their hubs' 0-19 staff.
  if (practitioner) assertPanelScope(request, practitioner);
  return before;
}
