import { Type } from 'typebox';
import type { App, Deps } from '../app.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { assertPanelScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IfMatchHeaders, Page, PageQuery, Uuid } from '../http/schemas.js';
import {
  CreatePractitioner,
  Gender,
  Kind,
  PatchPractitioner,
  Practitioner,
  practitionerExample,
  type CreatePractitionerBody,
  type PatchPractitionerBody,
} from './practitioner-model.js';
import {
  archivePractitioner,
  findPractitioner,
  insertPractitioner,
  listPractitioners,
  updatePractitioner,
  type PractitionerFilter,
} from './practitioner-repository.js';
import { checkPractitioner, mergePractitioner } from './practitioner-rules.js';
import { practitionerFor, PractitionerView } from './privacy.js';

const IdParams = Type.Object({ id: Uuid });

export async function practitionerRoutes(app: App, { database }: Deps): Promise<void> {
  const { db } = database;

  app.post(
    '/practitioners',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'Add a practitioner to the panel',
        body: CreatePractitioner,
        response: { 201: Practitioner, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const values = mergePractitioner(undefined, request.body as CreatePractitionerBody);
      assertPanelScope(request, values);
      const created = await db.transaction().execute(async (trx) => {
        await checkPractitioner(trx, values);
        const after = await insertPractitioner(trx, values);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'practitioner',
          entityId: after.id,
          action: 'create',
          after,
        });
        return after;
      });
      setEtag(reply, created.version);
      reply.status(201).header('location', `/v1/practitioners/${created.id}`);
      return created;
    },
  );

  app.get(
    '/practitioners',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'List the panel, filtered',
        querystring: Type.Object(
          {
            region: Type.Optional(Code),
            specialism: Type.Optional(Code),
            kind: Type.Optional(Kind),
            hub: Type.Optional(Code),
            grade: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
            gender: Type.Optional(Gender),
            externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' })),
            includeArchived: Type.Optional(Type.Boolean({ default: false })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(PractitionerView, practitionerExample), ...errorResponses() },
      },
    },
    async (request) => {
      const {
        limit = 100,
        offset = 0,
        ...filter
      } = request.query as PractitionerFilter & {
        limit?: number;
        offset?: number;
      };
      const page = await listPractitioners(db, filter, limit, offset);
      return { ...page, items: page.items.map((p) => practitionerFor(request, p)), limit, offset };
    },
  );

  app.get(
    '/practitioners/:id',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'Get one practitioner',
        params: IdParams,
        response: { 200: PractitionerView, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = await findPractitioner(db, id);
      if (!found) throw problems.notFound('practitioner', id);
      setEtag(reply, found.version);
      return practitionerFor(request, found);
    },
  );

  app.patch(
    '/practitioners/:id',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'Change a practitioner (send If-Match to refuse a stale write)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: PatchPractitioner,
        response: { 200: Practitioner, ...errorResponses(404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findPractitioner(trx, id, true);
        if (!before || before.archivedAt) throw problems.notFound('practitioner', id);
        assertPanelScope(request, before);
        checkIfMatch(request, before.version);
        const values = mergePractitioner(before, request.body as PatchPractitionerBody);
        assertPanelScope(request, values);
        await checkPractitioner(trx, values, id);
        const after = await updatePractitioner(trx, id, values);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'practitioner',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return after;
      });
      setEtag(reply, updated.version);
      return updated;
    },
  );

  app.delete(
    '/practitioners/:id',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'Take a practitioner off the panel (archived: their history stays)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null({ description: 'Archived' }), ...errorResponses(404, 412) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await db.transaction().execute(async (trx) => {
        const before = await findPractitioner(trx, id, true);
        if (!before || before.archivedAt) throw problems.notFound('practitioner', id);
        checkIfMatch(request, before.version);
        const after = await archivePractitioner(trx, id);
        await recordAudit(trx, auditContextOf(request), {
          entity: 'practitioner',
          entityId: id,
          action: 'archive',
          before,
          after,
        });
      });
      return reply.status(204).send(null);
    },
  );
}
