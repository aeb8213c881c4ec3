import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { operations, routes } from '../http/operation.js';
import { PractitionerParams, PreferencesInput, SavedPreferences } from './practitioner-schemas.js';
import { preferencesOf, setPreferences } from './preference-service.js';
import { PreferencesBody } from './preferences.js';

const op = operations('practitioners');

export const preferenceRoutes = routes(one, put);

const ONE =
  'What a practitioner can and would like to work: no nights and weekdays off are hard, the rest are wishes';

function one(app: App, { database: { db } }: Deps): void {
  const schema = op(ONE, { params: PractitionerParams, response: { 200: PreferencesBody } }, [404]);
  app.get('/practitioners/:id/preferences', { schema }, async (request, reply) => {
    const { version, preferences } = await preferencesOf(db, request.params.id);
    setEtag(reply, version);
    return preferences;
  });
}

const PUT =
  'Set preferences (send If-Match to refuse a stale write): shifts that a new hard preference rules out are taken off at once';

function put(app: App, { database: { db }, config }: Deps): void {
  const schema = op(PUT, { ...PreferencesInput, response: { 200: SavedPreferences } }, [404, 412, 422]);
  app.put('/practitioners/:id/preferences', { schema }, async (request, reply) =>
    setPreferences({ db, timezone: config.timezone, request, reply }, request.params.id, request.body),
  );
}
