import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IfMatchHeaders, Instant, Name, Page, PageQuery } from '../http/schemas.js';
import {
  findReference,
  insertReference,
  listReference,
  updateReference,
  type ReferenceTableName,
} from './repository.js';
import { hubRoutes } from './hub-routes.js';

const ReferenceItem = (example: { code: string; name: string }) =>
  Type.Object(
    { code: Code, name: Type.String(), version: Type.Integer(), createdAt: Instant, updatedAt: Instant },
    {
      examples: [
        {
          ...example,
          version: 1,
          createdAt: '2026-11-23T09:00:00.000Z',
          updatedAt: '2026-11-23T09:00:00.000Z',
        },
      ],
    },
  );

const kinds: {
  table: Exclude<ReferenceTableName, 'hubs'>;
  singular: string;
  example: { code: string; name: string };
}[] = [
  { table: 'regions', singular: 'region', example: { code: 'north-west', name: 'North West' } },
  { table: 'specialisms', singular: 'specialism', example: { code: 'newborn-care', name: 'Newborn care' } },
];

export async function referenceRoutes(app: App, deps: Deps): Promise<void> {
  const { db } = deps.database;
  for (const { table, singular, example } of kinds) {
    const Item = ReferenceItem(example);
    app.get(
      `/${table}`,
      {
        schema: {
          tags: ['reference'],
          summary: `List ${table}`,
          querystring: Type.Object(PageQuery, { additionalProperties: false }),
          response: {
            200: Page(Item, (Item as { examples?: unknown[] }).examples?.[0]),
            ...errorResponses(),
          },
        },
      },
      async (request) => {
        const { limit = 100, offset = 0 } = request.query;
        return { ...(await listReference(db, table, limit, offset)), limit, offset };
      },
    );

    app.get(
      `/${table}/:code`,
      {
        schema: {
          tags: ['reference'],
          summary: `Get one ${singular}`,
          params: Type.Object({ code: Code }),
          response: { 200: Item, ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        const item = await findReference(db, table, code);
        if (!item) throw problems.notFound(singular, code);
        setEtag(reply, item.version);
        return item;
      },
    );

    app.put(
      `/${table}/:code`,
      {
        schema: {
          tags: ['reference'],
          summary: `Create or rename a ${singular}`,
          params: Type.Object({ code: Code }),
          headers: IfMatchHeaders,
          body: Type.Object(
            { name: Name },
            { additionalProperties: false, examples: [{ name: example.name }] },
          ),
          response: { 200: Item, 201: Item, ...errorResponses(412) },
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        const { name } = request.body;
        const { item, created } = await db.transaction().execute(async (trx) => {
          const before = await findReference(trx, table, code, true);
          if (before) checkIfMatch(request, before.version);
          const after = before
            ? await updateReference(trx, table, code, name)
            : await insertReference(trx, table, code, name);
          await recordAudit(trx, auditContextOf(request), {
            entity: singular,
            entityId: code,
            action: before ? 'update' : 'create',
            before,
            after,
          });
          return { item: after, created: !before };
        });
        setEtag(reply, item.version);
        reply.status(created ? 201 : 200);
        return item;
      },
    );
  }
  await hubRoutes(app, deps);
}
