import { Type } from 'typebox';
import { Code, Instant, Name, Role, Uuid } from '../http/schemas.js';

const HubScope = Type.Union([Type.Array(Code, { maxItems: 50 }), Type.Null()], {
  description: 'hub_manager keys: the hubs (codes) the key may act on; null for every other role',
});

const keyExample = {
  id: '0b8f3c1e-9d0a-4b55-8a3e-6f1f2c7d9e10',
  name: 'Rota coordinator laptop',
  role: 'coordinator',
  prefix: 'crk_Qx7hZ',
  createdAt: '2026-11-23T09:00:00.000Z',
  revokedAt: null,
  hubs: null,
};

export const ApiKey = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    role: Role,
    prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
    createdAt: Instant,
    revokedAt: Type.Union([Instant, Type.Null()]),
    hubs: HubScope,
  },
  { examples: [keyExample] },
);
export const ApiKeys = Type.Object({ items: Type.Array(ApiKey) }, { examples: [{ items: [keyExample] }] });

const { prefix: _prefix, createdAt: _createdAt, revokedAt: _revokedAt, ...createdExample } = keyExample;

export const CreatedKey = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    role: Role,
    hubs: HubScope,
    key: Type.String({ description: 'The secret: shown only once' }),
  },
  { examples: [{ ...createdExample, key: 'crk_Qx7hZ2m4c0d9yTq1V8sLkP3wB6nR5aE0fG2hJ4kL6mN' }] },
);

export const NewKey = Type.Object(
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
);

export const Me = Type.Object(
  { keyId: Uuid, name: Type.String(), role: Role, hubs: HubScope },
  {
    examples: [{ keyId: keyExample.id, name: 'East hub manager', role: 'hub_manager', hubs: ['east-hub'] }],
  },
);

export const KeyParams = Type.Object({ id: Uuid });
