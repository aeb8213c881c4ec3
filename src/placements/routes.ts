import { placementEvent } from '../events/payloads.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { applyChange } from '../changes/apply-change.js';
import { Shift } from './shift-model.js';
import { problems } from '../http/problem.js';
import { Code, errorResponses, IfMatchHeaders, LocalDate, Page, PageQuery, Uuid } from '../http/schemas.js';
import { CreatePlacement, PatchPlacement, Placement, placementExample } from './model.js';
import { findPlacement, insertPlacement, listPlacements, updatePlacement } from './repository.js';
import { checkPlacement, mergePlacement } from './rules.js';
import { syncShifts } from './shift-sync.js';

const ShiftChanges = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  removed: Type.Integer(),
  keptLocked: Type.Integer({ description: 'Locked shifts the new plan no longer has, kept as they are' }),
});
const PlacementWithShifts = Type.Intersect([Placement, Type.Object({ shiftChanges: ShiftChanges })], {
  examples: [{ ...placementExample, shiftChanges: { created: 63, updated: 0, removed: 0, keptLocked: 0 } }],
});
const ChangedPlacement = Type.Intersect(
  [
    Placement,
    Type.Object({
      shiftChanges: ShiftChanges,
      uncoveredShifts: Type.Array(Shift, {
        description:
          'Shifts this change took someone off because they now break a hard rule (an exclusion, a gender requirement, a specialism or region they lack)',
      }),
    }),
  ],
  {
    examples: [
      {
        ...placementExample,
        shiftChanges: { created: 0, updated: 0, removed: 0, keptLocked: 0 },
        uncoveredShifts: [],
      },
    ],
  },
);

export async function placementRoutes(app: App, deps: Deps): Promise<void> {
  postPlacementsRoute(app, deps);
  getPlacementsRoute(app, deps);
  getPlacementsByIdRoute(app, deps);
  patchPlacementsByIdRoute(app, deps);
}

function postPlacementsRoute(app: App, { database, config }: Deps): void {
  const { db } = database;

  app.post(
    '/placements',
    {
      schema: {
        tags: ['placements'],
        summary: 'Start a placement; its shifts are generated from the phases (default 24/7 in two shifts)',
        body: CreatePlacement,
        response: { 201: PlacementWithShifts, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const values = mergePlacement(undefined, request.body);
      const { after: created } = await applyChange(
        { db, timezone: config.timezone, request },
        {
          entity: 'placement',
          action: 'create',
          write: async (trx) => {
            await checkPlacement(trx, values);
            const placement = await insertPlacement(trx, values);
            const shiftChanges = await syncShifts(trx, placement, config.timezone, null);
            return { ...placement, shiftChanges };
          },
          entityId: (placement) => placement.id,
          event: (placement) => ({
            type: 'placement.created',
            subjectId: placement.id,
            payload: { placement: placementEvent(placement) },
          }),
        },
      );
      setEtag(reply, created.version);
      reply.status(201).header('location', `/v1/placements/${created.id}`);
      return created;
    },
  );
}

function getPlacementsRoute(app: App, { database }: Deps): void {
  const { db } = database;

  app.get(
    '/placements',
    {
      schema: {
        tags: ['placements'],
        summary: 'List placements, by region, active in a period, or with a review due in a period',
        querystring: Type.Object(
          {
            region: Type.Optional(Code),
            from: Type.Optional(LocalDate),
            to: Type.Optional(LocalDate),
            caseReference: Type.Optional(Type.String({ maxLength: 64 })),
            reviewDueFrom: Type.Optional(LocalDate),
            reviewDueTo: Type.Optional(LocalDate),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Placement, placementExample), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit = 100, offset = 0, ...filter } = request.query;
      return { ...(await listPlacements(db, filter, limit, offset)), limit, offset };
    },
  );
}

function getPlacementsByIdRoute(app: App, { database }: Deps): void {
  const { db } = database;

  app.get(
    '/placements/:id',
    {
      schema: {
        tags: ['placements'],
        summary: 'Get a placement with its phases and requirements',
        params: Type.Object({ id: Uuid }),
        response: { 200: Placement, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const placement = await findPlacement(db, id);
      if (!placement) throw problems.notFound('placement', id);
      setEtag(reply, placement.version);
      return placement;
    },
  );
}

function patchPlacementsByIdRoute(app: App, { database, config }: Deps): void {
  const { db } = database;

  app.patch(
    '/placements/:id',
    {
      schema: {
        tags: ['placements'],
        summary:
          'Change a plan (review, step-down, extension): future shifts are regenerated; started and locked ones stay',
        params: Type.Object({ id: Uuid }),
        headers: IfMatchHeaders,
        body: PatchPlacement,
        response: { 200: ChangedPlacement, ...errorResponses(404, 412, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: config.timezone, request },
        {
          entity: 'placement',
          action: 'update',
          lock: async (trx) => {
            const before = await findPlacement(trx, id, true);
            if (!before) throw problems.notFound('placement', id);
            return before;
          },
          version: (before) => before.version,
          write: async (trx, before) => {
            const values = mergePlacement(before, request.body);
            await checkPlacement(trx, values, id);
            const placement = await updatePlacement(trx, id, values);
            const shiftChanges = await syncShifts(trx, placement, config.timezone, new Date());
            return { ...placement, shiftChanges };
          },
          entityId: () => id,
          // A new exclusion, gender requirement, specialism or region takes off whoever it now rules out.
          recheck: () => ({ placementIds: [id] }),
          event: (placement) => ({
            type: 'placement.changed',
            subjectId: id,
            payload: { placement: placementEvent(placement) },
          }),
        },
      );
      const updated = { ...after, uncoveredShifts };
      setEtag(reply, updated.version);
      return updated;
    },
  );
}
