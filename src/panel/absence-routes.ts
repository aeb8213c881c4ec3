import type { App, Deps } from '../http/app-types.js';
import { created, tagged } from '../http/answers.js';
import { operations, routes } from '../http/operation.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { Absence, CreateAbsence, PatchAbsence } from './absence-model.js';
import { AbsencePage, AbsenceQuery, CreatedAbsence, Deleted, IdParams } from './absence-schemas.js';
import { absencePage, changeAbsence, oneAbsence, recordAbsence, removeAbsence } from './absence-service.js';

// Sickness is health data: readable by the staff who plan and cover, and by read-only integrations (HR).

const op = operations('absences');

export const absenceRoutes = routes(create, list, one, update, remove);

const CREATE = 'Record sickness, leave, training or unavailability (sickness may be open-ended)';

function create(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: IdParams, body: CreateAbsence };
  const schema = op(CREATE, { ...inputs, response: { 201: CreatedAbsence } }, [404]);
  app.post('/practitioners/:id/absences', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request, reply };
    return created(reply, '/v1/absences', await recordAbsence(ctx, request.params.id, request.body));
  });
}

const LIST = 'List absences overlapping a period of local dates (both included)';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: AbsenceQuery, response: { 200: AbsencePage } });
  app.get('/absences', { schema }, async (request) =>
    absencePage(db, request, request.query, config.timezone),
  );
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('Get one absence', { params: IdParams, response: { 200: Absence } }, [404]);
  app.get('/absences/:id', { schema }, async (request, reply) =>
    tagged(reply, await oneAbsence(db, request, request.params.id)),
  );
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
