import type { App, Deps } from '../http/app-types.js';
import { seesWholePanel } from '../http/permissions.js';
import { operations, routes } from '../http/operation.js';
import { created, tagged } from '../http/answers.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { CreatePractitioner, PatchPractitioner, Practitioner } from './practitioner-model.js';
import {
  addPractitioner,
  archive,
  changePractitioner,
  panelAsSeen,
  practitionerById,
} from './practitioner-service.js';
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

const CREATE = 'Add a practitioner to the panel';

function create(app: App, { database: { db }, config }: Deps): void {
  const schema = op(CREATE, { body: CreatePractitioner, response: { 201: Practitioner } }, [409, 422]);
  app.post('/practitioners', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request, reply };
    return created(reply, '/v1/practitioners', await addPractitioner(ctx, request.body));
  });
}

const LIST = 'List the panel, filtered';

function list(app: App, { database: { db }, answers }: Deps): void {
  const schema = op(LIST, { querystring: PractitionerQuery, response: { 200: PractitionerPage } });
  const config = { answerCache: true };
  app.get('/practitioners', { schema, config }, async (request, reply) => {
    const make = async () => ({ body: await panelAsSeen(db, request, request.query) });
    return answers.send(request, reply, make, seesWholePanel(request) ? 'whole panel' : 'public fields');
  });
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(
    'Get one practitioner',
    { params: PractitionerParams, response: { 200: PractitionerView } },
    [404],
  );
  app.get('/practitioners/:id', { schema }, async (request, reply) =>
    practitionerFor(request, tagged(reply, await practitionerById(db, request.params.id))),
  );
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
