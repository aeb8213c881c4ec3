import { practitionerEvent } from '../events/payloads.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { applyChange } from '../changes/apply-change.js';
import { Shift } from '../placements/shift-model.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IfMatchHeaders, Page, PageQuery, Uuid } from '../http/schemas.js';
import {
  CreatePractitioner,
  Gender,
  Kind,
  PatchPractitioner,
  Practitioner,
  practitionerExample,
} from './practitioner-model.js';
import {
  archivePractitioner,
  findPractitioner,
  insertPractitioner,
  listPractitioners,
  updatePractitioner,
} from './practitioner-repository.js';
import { checkPractitioner, mergePractitioner } from './practitioner-rules.js';
import { practitionerFor, PractitionerView } from './privacy.js';
import { assertPanelScope } from '../http/permissions.js';

const IdParams = Type.Object({ id: Uuid });
const PractitionerChanged = Type.Intersect(
  [
    Practitioner,
    Type.Object({
      uncoveredShifts: Type.Array(Shift, {
        description:
          'Shifts this change took the practitioner off because their work would now break a hard rule (a lost region or specialism, a lower limit of hours)',
      }),
    }),
  ],
  { examples: [{ ...practitionerExample, uncoveredShifts: [] }] },
);

export async function practitionerRoutes(app: App, deps: Deps): Promise<void> {
  postPractitionersRoute(app, deps);
  getPractitionersRoute(app, deps);
  getPractitionersByIdRoute(app, deps);
  patchPractitionersByIdRoute(app, deps);
  deletePractitionersByIdRoute(app, deps);
}

function postPractitionersRoute(app: App, { database, config }: Deps): void {
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
      const values = mergePractitioner(undefined, request.body);
      assertPanelScope(request, values);
      const { after: created } = await applyChange(
        { db, timezone: config.timezone, request },
        {
          entity: 'practitioner',
          action: 'create',
          write: async (trx) => {
            await checkPractitioner(trx, values);
            return insertPractitioner(trx, values);
          },
          entityId: (practitioner) => practitioner.id,
          event: (practitioner) => ({
            type: 'practitioner.changed',
            subjectId: practitioner.id,
            payload: { practitioner: practitionerEvent(practitioner), change: 'created' },
          }),
        },
      );
      setEtag(reply, created.version);
      reply.status(201).header('location', `/v1/practitioners/${created.id}`);
      return created;
    },
  );
}

function getPractitionersRoute(app: App, { database }: Deps): void {
  const { db } = database;

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
      const { limit = 100, offset = 0, ...filter } = request.query;
      const page = await listPractitioners(db, filter, limit, offset);
      return { ...page, items: page.items.map((p) => practitionerFor(request, p)), limit, offset };
    },
  );
}

function getPractitionersByIdRoute(app: App, { database }: Deps): void {
  const { db } = database;

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
      const { id } = request.params;
      const found = await findPractitioner(db, id);
      if (!found) throw problems.notFound('practitioner', id);
      setEtag(reply, found.version);
      return practitionerFor(request, found);
    },
  );
}

function patchPractitionersByIdRoute(app: App, { database, config }: Deps): void {
  const { db } = database;

  app.patch(
    '/practitioners/:id',
    {
      schema: {
        tags: ['practitioners'],
        summary: 'Change a practitioner (send If-Match to refuse a stale write)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: PatchPractitioner,
        response: { 200: PractitionerChanged, ...errorResponses(404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: config.timezone, request, reply },
        {
          entity: 'practitioner',
          action: 'update',
          lock: async (trx) => {
            const before = await lockPractitioner(trx, id);
            assertPanelScope(request, before);
            return before;
          },
          version: (before) => before.version,
          write: async (trx, before) => {
            const values = mergePractitioner(before, request.body);
            assertPanelScope(request, values);
            await checkPractitioner(trx, values, id);
            return updatePractitioner(trx, id, values);
          },
          entityId: () => id,
          recheck: () => ({ practitionerIds: [id] }),
          event: (after) => ({
            type: 'practitioner.changed',
            subjectId: id,
            payload: { practitioner: practitionerEvent(after), change: 'updated' },
          }),
          etag: (after) => after.version,
        },
      );
      return { ...after, uncoveredShifts };
    },
  );
}

function deletePractitionersByIdRoute(app: App, { database, config }: Deps): void {
  const { db } = database;

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
      const { id } = request.params;
      await applyChange(
        { db, timezone: config.timezone, request },
        {
          entity: 'practitioner',
          action: 'archive',
          lock: (trx) => lockPractitioner(trx, id),
          version: (before) => before.version,
          write: (trx) => archivePractitioner(trx, id),
          entityId: () => id,
          // A leaver's work that has not ended is taken off; what they worked stays as history.
          recheck: () => ({ practitionerIds: [id] }),
          event: (after) => ({
            type: 'practitioner.changed',
            subjectId: id,
            payload: { practitioner: practitionerEvent(after), change: 'archived' },
          }),
        },
      );
      return reply.status(204).send(null);
    },
  );
}

async function lockPractitioner(trx: Transaction<DB>, id: string) {
  const before = await findPractitioner(trx, id, true);
  if (!before || before.archivedAt) throw problems.notFound('practitioner', id);
  return before;
}
