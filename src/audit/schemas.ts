import { Type } from 'typebox';
import { Instant, LocalDate, Page, PageQuery } from '../http/schemas.js';

const auditExample = {
  id: 42,
  at: '2026-11-23T09:12:03.000Z',
  actorKeyId: '0b8f3c1e-9d0a-4b55-8a3e-6f1f2c7d9e10',
  actorRole: 'coordinator',
  entity: 'practitioner',
  entityId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  action: 'update',
  before: { regions: ['north-west'] },
  after: { regions: ['north-west', 'yorkshire'] },
  requestId: 'c1d2e3f4-0000-4000-8000-000000000001',
};

const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Instant,
    actorKeyId: Type.Union([Type.String(), Type.Null()]),
    actorRole: Type.String(),
    entity: Type.String(),
    entityId: Type.String(),
    action: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
    requestId: Type.Union([Type.String(), Type.Null()]),
  },
  { examples: [auditExample] },
);
export const AuditPage = Page(AuditEntry, auditExample);

const Text = (maxLength: number) => Type.Optional(Type.String({ minLength: 1, maxLength }));

export const AuditQuery = Type.Object(
  {
    entity: Text(64),
    entityId: Text(200),
    action: Text(64),
    actorKeyId: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);
