import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { errorResponses, Instant, LocalDate, Page, PageQuery } from '../http/schemas.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { listAudit } from './repository.js';

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

export async function auditRoutes(app: App, { database, config }: Deps): Promise<void> {
  const { db } = database;
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filterable by entity, id, action, actor and period',
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            actorKeyId: Type.Optional(Type.String({ format: 'uuid' })),
            from: Type.Optional(LocalDate),
            to: Type.Optional(LocalDate),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(AuditEntry, auditExample), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit = 100, offset = 0 } = q;
      const period =
        q.from || q.to
          ? localPeriod(
              q.from ?? '1900-01-01',
              q.to ?? '9999-12-30',
              config.timezone,
              q.from && q.to ? MAX_SPAN_DAYS.audit : undefined,
            )
          : undefined;
      const page = await listAudit(
        db,
        { entity: q.entity, entityId: q.entityId, action: q.action, actorKeyId: q.actorKeyId, period },
        limit,
        offset,
      );
      return {
        ...page,
        limit,
        offset,
      };
    },
  );
}
