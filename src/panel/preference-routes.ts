import { practitionerEvent } from '../events/payloads.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { applyChange } from '../changes/apply-change.js';
import { setEtag } from '../http/etag.js';
import { assertPanelScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { errorResponses, IfMatchHeaders, Uuid } from '../http/schemas.js';
import { Shift } from '../placements/shift-model.js';
import { findPractitioner } from './practitioner-repository.js';
import { existingPlacements } from '../placements/repository.js';
import {
  findPreferences,
  NO_PREFERENCES,
  PreferencesBody,
  preferencesExample,
  savePreferences,
} from './preferences.js';

const Params = Type.Object({ id: Uuid });
const SavedPreferences = Type.Intersect(
  [
    PreferencesBody,
    preferencesExample,
    Type.Object({
      uncoveredShifts: Type.Array(Shift, {
        description: 'Shifts a new hard preference (no nights, a weekday off) took the practitioner off',
      }),
    }),
  ],
  { examples: [{ ...preferencesExample, uncoveredShifts: [] }] },
);

export async function preferenceRoutes(app: App, deps: Deps): Promise<void> {
  getPractitionersByIdPreferencesRoute(app, deps);
  putPractitionersByIdPreferencesRoute(app, deps);
}

function getPractitionersByIdPreferencesRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/practitioners/:id/preferences',
    {
      schema: {
        tags: ['practitioners'],
        summary:
          'What a practitioner can and would like to work: no nights and weekdays off are hard, the rest are wishes',
        params: Params,
        response: { 200: PreferencesBody, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const practitioner = await findPractitioner(db, id);
      if (!practitioner) throw problems.notFound('practitioner', id);
      const found = (await findPreferences(db, [id])).get(id);
      setEtag(reply, found?.version ?? 0);
      const { version: _version, ...prefs } = found ?? { ...NO_PREFERENCES, version: 0 };
      return prefs;
    },
  );
}

function putPractitionersByIdPreferencesRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.put(
    '/practitioners/:id/preferences',
    {
      schema: {
        tags: ['practitioners'],
        summary:
          'Set preferences (send If-Match to refuse a stale write): shifts that a new hard preference rules out are taken off at once',
        params: Params,
        headers: IfMatchHeaders,
        body: PreferencesBody,
        response: { 200: SavedPreferences, ...errorResponses(403, 404, 412, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const { after, uncoveredShifts } = await applyChange(
        { db, timezone: deps.config.timezone, request, reply },
        {
          entity: 'practitioner_preferences',
          action: 'update',
          lock: async (trx) => {
            const practitioner = await findPractitioner(trx, id, true);
            if (!practitioner || practitioner.archivedAt) throw problems.notFound('practitioner', id);
            assertPanelScope(request, practitioner);
            const current = (await findPreferences(trx, [id])).get(id);
            return { version: current?.version ?? 0, preferences: current ?? NO_PREFERENCES };
          },
          version: (before) => before.version,
          write: async (trx) => {
            if (body.preferredPlacements.length) {
              const found = await existingPlacements(trx, body.preferredPlacements);
              if (found.length !== body.preferredPlacements.length)
                throw problems.unprocessable('A preferred placement does not exist.', [
                  { field: '/body/preferredPlacements', message: 'unknown placement' },
                ]);
            }
            await savePreferences(trx, id, body);
            return (await findPreferences(trx, [id])).get(id)!;
          },
          entityId: () => id,
          recheck: () => ({ practitionerIds: [id] }),
          event: async (_prefs, _before, trx) => {
            const found = await findPractitioner(trx, id);
            return found
              ? {
                  type: 'practitioner.changed',
                  subjectId: id,
                  payload: { practitioner: practitionerEvent(found), change: 'preferences' },
                }
              : undefined;
          },
          etag: (prefs) => prefs.version,
        },
      );
      const { version: _version, ...prefs } = after;
      return { ...prefs, uncoveredShifts };
    },
  );
}
