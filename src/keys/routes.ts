import type { App, Deps } from '../http/app-types.js';
import { actorOf } from '../http/auth.js';
import { operations, routes } from '../http/operation.js';
import { listApiKeys } from './repository.js';
import { issueKey, revokeKey } from './service.js';
import { ApiKey, ApiKeys, CreatedKey, KeyParams, Me, NewKey } from './schemas.js';

const op = operations('api-keys');

export const keyRoutes = routes(create, list, me, revoke);

const ISSUE_DESCRIPTION =
  'A hub_manager key names its hubs (`hubs`, required for that role and refused for others): every hub-bound action checks them.';

function create(app: App, { database: { db }, config }: Deps): void {
  const inputs = { description: ISSUE_DESCRIPTION, body: NewKey, response: { 201: CreatedKey } };
  const schema = op('Issue an API key (the secret is shown once)', inputs, [422]);
  app.post('/api-keys', { schema }, async (request, reply) => {
    const created = await issueKey({ db, timezone: config.timezone, request }, request.body);
    reply.status(201).header('location', `/v1/api-keys/${created.id}`);
    return { id: created.id, name: created.name, role: created.role, hubs: created.hubs, key: created.key };
  });
}

function list(app: App, { database: { db } }: Deps): void {
  const schema = op('List API keys (never their secrets)', { response: { 200: ApiKeys } });
  app.get('/api-keys', { schema }, async () => ({ items: await listApiKeys(db) }));
}

const ME = 'Who this API key is: its id, name, role and scopes (so a client can show what it may do)';

function me(app: App): void {
  app.get('/me', { schema: op(ME, { response: { 200: Me } }) }, async (request) => {
    const actor = actorOf(request);
    return { keyId: actor.keyId, name: actor.name, role: actor.role, hubs: actor.hubs };
  });
}

function revoke(app: App, { database: { db }, config }: Deps): void {
  const schema = op('Revoke an API key at once', { params: KeyParams, response: { 200: ApiKey } }, [404]);
  app.post('/api-keys/:id/revoke', { schema }, async (request) =>
    revokeKey({ db, timezone: config.timezone, request }, request.params.id),
  );
}
