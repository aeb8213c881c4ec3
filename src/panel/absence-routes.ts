import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { seesAbsenceDetail } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { Absence, CreateAbsence, PatchAbsence } from './absence-model.js';
import { findAbsence, listAbsences } from './absence-repository.js';
import { AbsencePage, AbsenceQuery, CreatedAbsence, Deleted, IdParams } from './absence-schemas.js';
import { changeAbsence, recordAbsence, removeAbsence } from './absence-service.js';
import { absencesFor } from './privacy.js';

// Sickness is health data: readable by the staff who plan and cover, and by read-only integrations (HR).

const op = operations('absences');

export const absenceRoutes = routes(create, list, one, update, remove);

const CREATE = 'Record sickness, leave, training or unavailability (sickness may be open-ended)';

function create(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    CREATE,
    { params: IdParams, body: CreateAbsence, response: { 201: CreatedAbsence } },
    [404],
  );
  app.post('/practitioners/:id/absences', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request, reply };
    const created = await recordAbsence(ctx, request.params.id, request.body);
    reply.status(201).header('location', `/v1/absences/${created.id}`);
    return created;
  });
}

const PRIVATE_KINDS = 'Absence kinds are private to admin, coordinator and cover; list without kind.';
const LIST = 'List absences overlapping a period of local dates (both included)';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: AbsenceQuery, response: { 200: AbsencePage } });
  app.get('/absences', { schema }, async (request) => {
    const { limit = 100, offset = 0, from, to, practitioner, ...by } = request.query;
    if (by.kind && !seesAbsenceDetail(request, null)) throw problems.forbidden(PRIVATE_KINDS);
    const period =
      from || to ? localPeriod(from ?? '1900-01-01', to ?? '9999-12-30', config.timezone) : undefined;
    const filter = { from: period?.start, to: period?.end, practitionerId: practitioner, ...by };
    const page = await listAbsences(db, filter, limit, offset);
    return { ...page, items: await absencesFor(db, request, page.items), limit, offset };
  });
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('Get one absence', { params: IdParams, response: { 200: Absence } }, [404]);
  app.get('/absences/:id', { schema }, async (request, reply) => {
    const { id } = request.params;
    const absence = await findAbsence(db, id);
    if (!absence) throw problems.notFound('absence', id);
    setEtag(reply, absence.version);
    return (await absencesFor(db, request, [absence]))[0]!;
  });
}

const UPDATE = 'Return to work (set the end), or correct the end or note';

function update(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: IdParams, headers: IfMatchHeaders, body: PatchAbsence };
  const schema = op(UPDATE, { ...inputs, response: { 200: CreatedAbsence } }, [404, 412]);
  app.patch('/absences/:id', { schema }, async (request, reply) =>
    changeAbsence({ db, timezone: config.timezone, request, reply }, request.params.id, request.body),
  );
}

function remove(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: IdParams, headers: IfMatchHeaders };
  const schema = op(
    'Delete an absence recorded by mistake',
    { ...inputs, response: { 204: Deleted } },
    [404, 412],
  );
  app.delete('/absences/:id', { schema }, async (request, reply) => {
    await removeAbsence({ db, timezone: config.timezone, request }, request.params.id);
    return reply.status(204).send(null);
  });
}
