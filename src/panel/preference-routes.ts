import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { findPractitioner } from './practitioner-repository.js';
import { PractitionerParams, SavedPreferences } from './practitioner-schemas.js';
import { preferencesOf, setPreferences } from './preference-service.js';
import { PreferencesBody } from './preferences.js';

const op = operations('practitioners');

export const preferenceRoutes = routes(one, put);

const ONE =
  'What a practitioner can and would like to work: no nights and weekdays off are hard, the rest are wishes';

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(ONE, { params: PractitionerParams, response: { 200: PreferencesBody } }, [404]);
  app.get('/practitioners/:id/preferences', { schema }, async (request, reply) => {
    const { id } = request.params;
    if (!(await findPractitioner(db, id))) throw problems.notFound('practitioner', id);
    const { version, preferences } = await preferencesOf({ db }, id);
    setEtag(reply, version);
    return preferences;
  });
}

const PUT =
  'Set preferences (send If-Match to refuse a stale write): shifts that a new hard preference rules out are taken off at once';

function put(app: App, { database: { db }, config }: Deps): void {
  const inputs = { params: PractitionerParams, headers: IfMatchHeaders, body: PreferencesBody };
  const schema = op(PUT, { ...inputs, response: { 200: SavedPreferences } }, [404, 412, 422]);
  app.put('/practitioners/:id/preferences', { schema }, async (request, reply) =>
    setPreferences({ db, timezone: config.timezone, request, reply }, request.params.id, request.body),
  );
}
