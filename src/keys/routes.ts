import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { actorOf } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, Instant, Name, Role, Uuid } from '../http/schemas.js';
import { createApiKey, listApiKeys, revokeApiKey } from './repository.js';
import { checkKeyHubs } from './service.js';

const HubScope = Type.Union([Type.Array(Code, { maxItems: 50 }), Type.Null()], {
  description: 'hub_manager keys: the hubs (codes) the key may act on; null for every other role',
});

const ApiKey = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    role: Role,
    prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
    createdAt: Instant,
    revokedAt: Type.Union([Instant, Type.Null()]),
    hubs: HubScope,
  },
  {
    examples: [
      {
        id: '0b8f3c1e-9d0a-4b55-8a3e-6f1f2c7d9e10',
        name: 'Rota coordinator laptop',
        role: 'coordinator',
        prefix: 'crk_Qx7hZ',
        createdAt: '2026-11-23T09:00:00.000Z',
        revokedAt: null,
        hubs: null,
      },
    ],
  },
);

const CreatedKey = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    role: Role,
    hubs: HubScope,
    key: Type.String({ description: 'The secret: shown only once' }),
  },
  {
    examples: [
      {
        id: '0b8f3c1e-9d0a-4b55-8a3e-6f1f2c7d9e10',
        name: 'Rota coordinator laptop',
        role: 'coordinator',
        hubs: null,
        key: 'crk_Qx7hZ2m4c0d9yTq1V8sLkP3wB6nR5aE0fG2hJ4kL6mN',
      },
    ],
  },
);

export async function keyRoutes(app: App, deps: Deps): Promise<void> {
  postApiKeysRoute(app, deps);
  getApiKeysRoute(app, deps);
  getMeRoute(app);
  postApiKeysByIdRevokeRoute(app, deps);
}

function postApiKeysRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Issue an API key (the secret is shown once)',
        description:
          'A hub_manager key names its hubs (`hubs`, required for that role and refused for others): every hub-bound action checks them.',
        body: Type.Object(
          {
            name: Name,
            role: Role,
            hubs: Type.Optional(
              Type.Array(Code, { minItems: 1, maxItems: 50, uniqueItems: true, description: 'hub codes' }),
            ),
          },
          {
            additionalProperties: false,
            examples: [
              { name: 'Rota coordinator laptop', role: 'coordinator' },
              { name: 'East hub manager', role: 'hub_manager', hubs: ['east-hub'] },
            ],
          },
        ),
        response: { 201: CreatedKey, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const hubs = await checkKeyHubs(db, body.role, body.hubs);
      const created = await db.transaction().execute(async (trx) => {
        const key = await createApiKey(trx, body.name, body.role, undefined, hubs);
        const { key: _secret, ...safe } = key;
        await recordAudit(trx, auditContextOf(request), {
          entity: 'api_key',
          entityId: key.id,
          action: 'create',
          after: safe,
        });
        return key;
      });
      reply.status(201).header('location', `/v1/api-keys/${created.id}`);
      return { id: created.id, name: created.name, role: created.role, hubs: created.hubs, key: created.key };
    },
  );
}

function getApiKeysRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys (never their secrets)',
        response: {
          200: Type.Object(
            { items: Type.Array(ApiKey) },
            { examples: [{ items: (ApiKey as { examples?: unknown[] }).examples ?? [] }] },
          ),
          ...errorResponses(),
        },
      },
    },
    async () => ({ items: await listApiKeys(db) }),
  );
}

function getMeRoute(app: App): void {
  app.get(
    '/me',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Who this API key is: its id, name, role and scopes (so a client can show what it may do)',
        response: {
          200: Type.Object(
            { keyId: Uuid, name: Type.String(), role: Role, hubs: HubScope },
            {
              examples: [
                {
                  keyId: '0b8f3c1e-9d0a-4b55-8a3e-6f1f2c7d9e10',
                  name: 'East hub manager',
                  role: 'hub_manager',
                  hubs: ['east-hub'],
                },
              ],
            },
          ),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { keyId: actor.keyId, name: actor.name, role: actor.role, hubs: actor.hubs };
    },
  );
}

function postApiKeysByIdRevokeRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/api-keys/:id/revoke',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key at once',
        params: Type.Object({ id: Uuid }),
        response: { 200: ApiKey, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return db.transaction().execute(async (trx) => {
        const revoked = await revokeApiKey(trx, id);
        if (!revoked) throw problems.notFound('active API key', id);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'api_key',
          entityId: id,
          action: 'revoke',
          after: revoked,
        });
        return revoked;
      });
    },
  );
}
