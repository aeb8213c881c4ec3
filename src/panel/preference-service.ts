import type { Kysely } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { existingPlacements } from '../placements/repository.js';
import { findPractitioner } from './practitioner-repository.js';
import { lockPractitioner, practitionerChanged } from './practitioner-service.js';
import { findPreferences, NO_PREFERENCES, savePreferences, type PreferencesDto } from './preferences.js';

/** A practitioner's preferences and their version (0, and none, until set); 404 when there is no such practitioner. */
export async function preferencesOf(db: Kysely<DB>, id: string) {
  if (!(await findPractitioner(db, id))) throw problems.notFound('practitioner', id);
  const found = (await findPreferences(db, [id])).get(id);
  const { version, ...preferences } = found ?? { ...NO_PREFERENCES, version: 0 };
  return { version, preferences };
}

/** Sets preferences; shifts a new hard preference rules out are taken off at once. */
export async function setPreferences(ctx: ChangeContext, id: string, body: PreferencesDto) {
  const { after, uncoveredShifts } = await applyChange(ctx, {
    entity: 'practitioner_preferences',
    action: 'update',
    lock: async (trx) => {
      await lockPractitioner(trx, id, ctx.request);
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
      return found ? practitionerChanged(found, 'preferences') : undefined;
    },
    etag: (prefs) => prefs.version,
  });
  const { version: _version, ...preferences } = after;
  return { ...preferences, uncoveredShifts };
}
