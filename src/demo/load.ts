import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { recordAudit, SYSTEM_AUDIT } from '../audit/record.js';
import { createApiKey } from '../keys/repository.js';
import { hashKey } from '../keys/secrets.js';
import { insertAbsence } from '../panel/absence-repository.js';
import { insertPractitioner } from '../panel/practitioner-repository.js';
import { insertReference } from '../reference/repository.js';
import { setCapFrom } from '../reference/hubs-repository.js';
import { currentWeekMonday } from '../time/weeks.js';
import { DEMO_HUBS, DEMO_REGIONS, DEMO_SPECIALISMS, generateDemoPanel } from './generate.js';
import { loadDemoReviews, loadDemoPreferences } from './reviews.js';
import { loadDemoPlacements } from './placements.js';
import { loadDemoOutcomes } from './osr-outcomes.js';
import { publishDemoRota } from './rota.js';
import type { RoleName } from '../http/schemas.js';

/** Well-known secrets, so a newcomer can try the API at once; only ever created in a demo database. */
export const DEMO_KEYS: Record<RoleName, string> = {
  admin: 'demo-admin-key-not-for-production',
  coordinator: 'demo-coordinator-key-not-for-production',
  cover: 'demo-cover-key-not-for-production',
  hub_manager: 'demo-hub-manager-key-not-for-production',
  social_worker: 'demo-social-worker-key-not-for-production',
  viewer: 'demo-viewer-key-not-for-production',
};

/** Loads the demo panel into an empty database; does nothing if any practitioner exists. */
export async function loadDemoData(
  db: Kysely<DB>,
  options: { seed: number; timezone: string; log?: FastifyBaseLogger; now?: DateTime },
): Promise<boolean> {
  const existing = await db.selectFrom('practitioners').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const now = (options.now ?? DateTime.now()).setZone(options.timezone);
  await db.transaction().execute(async (trx) => {
    for (const r of DEMO_REGIONS) await insertReference(trx, 'regions', r.code, r.name);
    for (const s of DEMO_SPECIALISMS) await insertReference(trx, 'specialisms', s.code, s.name);
    const monday = currentWeekMonday(options.timezone, now);
    for (const h of DEMO_HUBS) {
      await insertReference(trx, 'hubs', h.code, h.name);
      await setCapFrom(trx, h.code, monday, h.weeklyCaseCap);
    }
    const panel = generateDemoPanel(options.seed);
    const ids: string[] = [];
    for (const p of panel.practitioners) ids.push((await insertPractitioner(trx, p)).id);
    const placements = await loadDemoPlacements(trx, now.startOf('week'), options.timezone, ids[1]!);
    await loadDemoReviews(trx, now.startOf('day'));

    // A few absences around today: leave next week, training, and one open-ended sickness.
    const day = now.startOf('day');
    const at = (days: number, hour = 0) => day.plus({ days }).set({ hour }).toJSDate();
    const absences = [
      { i: 3, kind: 'annual_leave' as const, start: at(7), end: at(14) },
      { i: 11, kind: 'annual_leave' as const, start: at(2), end: at(5) },
      { i: 20, kind: 'training' as const, start: at(1, 9), end: at(1, 17) },
      { i: 27, kind: 'sickness' as const, start: at(-1, 8), end: null },
      { i: 47, kind: 'annual_leave' as const, start: at(7), end: at(12) },
    ];
    for (const a of absences) {
      await insertAbsence(trx, {
        practitionerId: ids[a.i]!,
        kind: a.kind,
        start: a.start,
        end: a.end,
        note: 'demo',
      });
    }
    const parenting = ids.filter((_, i) => panel.practitioners[i]!.kind === 'parenting');
    await loadDemoPreferences(trx, parenting.slice(5, 8));
    const assigned = await publishDemoRota(trx, now.startOf('week'), options.timezone, options.seed);
    // One H or I practitioner per hub carries the hub's past OSR work, for the pilot review's figures.
    const leads = DEMO_HUBS.flatMap((h) => {
      const i = panel.practitioners.findIndex(
        (p) => p.hub === h.code && (p.grade === 'H' || p.grade === 'I'),
      );
      return i >= 0 ? [{ hub: h.code, practitionerId: ids[i]! }] : [];
    });
    const closedInterventions = await loadDemoOutcomes(trx, now.startOf('week'), leads);
    for (const [role, secret] of Object.entries(DEMO_KEYS) as [RoleName, string][]) {
      const taken = await trx
        .selectFrom('api_keys')
        .select('id')
        .where('key_hash', '=', hashKey(secret))
        .executeTakeFirst();
      // The demo hub manager manages the first demo hub (east-hub), so its scope can be tried.
      const hubs = role === 'hub_manager' ? [DEMO_HUBS[0]!.code] : null;
      if (!taken) await createApiKey(trx, `demo ${role}`, role, secret, hubs);
    }
    await recordAudit(trx, SYSTEM_AUDIT, {
      entity: 'demo',
      entityId: String(options.seed),
      action: 'load',
      after: {
        practitioners: ids.length,
        placements,
        absences: absences.length,
        assigned,
        closedInterventions,
      },
    });
  });
  options.log?.info('Demo data loaded; the demo API keys (one per role) are listed in the README');
  return true;
}

/** Says at every start whether the well-known demo keys work here (they exist only with demo data). */
export async function reportDemoKeys(db: Kysely<DB>, log: FastifyBaseLogger): Promise<void> {
  const active = await db
    .selectFrom('api_keys')
    .select('name')
    .where('key_hash', 'in', Object.values(DEMO_KEYS).map(hashKey))
    .where('revoked_at', 'is', null)
    .execute();
  if (active.length)
    log.warn(
      `Demo data: ${active.length} well-known demo API keys are active (see the README); never use this database for real people`,
    );
}
