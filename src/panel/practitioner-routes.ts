import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { CreatePractitioner, PatchPractitioner, Practitioner } from './practitioner-model.js';
import { findPractitioner, listPractitioners } from './practitioner-repository.js';
import { addPractitioner, archive, changePractitioner } from './practitioner-service.js';
import {
  Archived,
  PractitionerChanged,
  PractitionerPage,
  PractitionerParams,
  PractitionerQuery,
} from './practitioner-schemas.js';
import { practitionerFor, PractitionerView } from './privacy.js';

const op = operations('practitioners');

export const practitionerRoutes = routes(create, list, one, update, remove);

function create(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    'Add a practitioner to the panel',
    { body: CreatePractitioner, response: { 201: Practitioner } },
    [409, 422],
  );
  app.post('/practitioners', { schema }, async (request, reply) => {
    const created = await addPractitioner({ db, timezone: config.timezone, request, reply }, request.body);
    reply.status(201).header('location', `/v1/practitioners/${created.id}`);
    return created;
  });
}

function list(app: App, { database: { db } }: Deps): void {
  const schema = op('List the panel, filtered', {
    querystring: PractitionerQuery,
    response: { 200: PractitionerPage },
  });
  app.get('/practitioners', { schema }, async (request) => {
    const { limit = 100, offset = 0, ...filter } = request.query;
    const page = await listPractitioners(db, filter, limit, offset);
    return { ...page, items: page.items.map((p) => practitionerFor(request, p)), limit, offset };
  });
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(
    'Get one practitioner',
    { params: PractitionerParams, response: { 200: PractitionerView } },
    [404],
  );
  app.get('/practitioners/:id', { schema }, async (request, reply) => {
    const { id } = request.params;
    const found = await findPractitioner(db, id);
    if (!found) throw problems.notFound('practitioner', id);
    setEtag(reply, found.version);
    return practitionerFor(request, found);
  });
}

const UPDATE = 'Change a practitioner (send If-Match to refuse a stale write)';

function update(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: PractitionerParams, headers: IfMatchHeaders, body: PatchPractitioner };
  const schema = op(UPDATE, { ...inputs, response: { 200: PractitionerChanged } }, [404, 409, 412, 422]);
  app.patch('/practitioners/:id', { schema }, async (request, reply) =>
    changePractitioner({ db, timezone: config.timezone, request, reply }, request.params.id, request.body),
  );
}

const REMOVE = 'Take a practitioner off the panel (archived: their history stays)';

function remove(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: PractitionerParams, headers: IfMatchHeaders };
  const schema = op(REMOVE, { ...inputs, response: { 204: Archived } }, [404, 412]);
  app.delete('/practitioners/:id', { schema }, async (request, reply) => {
    await archive({ db, timezone: config.timezone, request }, request.params.id);
    return reply.status(204).send(null);
  });
}
