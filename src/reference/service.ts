import type { Transaction } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { currentWeekMonday, isoWeekToMonday, isValidIsoWeek, mondayToIsoWeek } from '../time/weeks.js';
import { capForWeek, DEFAULT_WEEKLY_CASE_CAP, findHub, lockHub, setCapFrom } from './hubs-repository.js';
import { findReference, insertReference, updateReference, type ReferenceTableName } from './repository.js';

/** Reference writes are upserts: the audit says create or update once the locked row is seen. */
async function upsert<T extends { version: number }>(
  ctx: ChangeContext,
  what: { entity: string; entityId: string },
  lock: (trx: Transaction<DB>) => Promise<T | undefined>,
  write: (trx: Transaction<DB>, before: T | undefined) => Promise<T>,
): Promise<{ after: T; created: boolean }> {
  let created = false;
  const { after } = await applyChange(ctx, {
    entity: what.entity,
    action: (before) => (before ? 'update' : 'create'),
    lock,
    version: (before) => before?.version,
    write: (trx, before) => {
      created = !before;
      return write(trx, before);
    },
    entityId: () => what.entityId,
    etag: (saved) => saved.version,
  });
  return { after, created };
}

/** Creates or renames a region or specialism. */
export function saveReference(
  ctx: ChangeContext,
  kind: { table: ReferenceTableName; singular: string },
  code: string,
  name: string,
) {
  return upsert(
    ctx,
    { entity: kind.singular, entityId: code },
    (trx) => findReference(trx, kind.table, code, true),
    (trx, before) =>
      before ? updateReference(trx, kind.table, code, name) : insertReference(trx, kind.table, code, name),
  );
}

/** Creates a hub (admins only) or changes its name or its case cap from a week on. */
export function saveHub(
  ctx: ChangeContext,
  code: string,
  body: { name: string; weeklyCaseCap?: number; fromWeek?: string },
) {
  assertHubScope(ctx.request, code);
  const monday = currentWeekMonday(ctx.timezone);
  const fromMonday = capStart(body, monday);
  return upsert(
    ctx,
    { entity: 'hub', entityId: code },
    async (trx) => ((await lockHub(trx, code)) ? findHub(trx, code, monday) : undefined),
    async (trx, before) => {
      if (!before && hubScopeOf(ctx.request) !== null)
        throw problems.forbidden('Only an admin creates a hub.');
      if (!before) {
        await insertReference(trx, 'hubs', code, body.name);
        if (fromMonday !== monday || body.weeklyCaseCap === undefined)
          await setCapFrom(trx, code, monday, DEFAULT_WEEKLY_CASE_CAP);
        if (body.weeklyCaseCap !== undefined) await setCapFrom(trx, code, fromMonday, body.weeklyCaseCap);
      } else {
        await updateReference(trx, 'hubs', code, body.name);
        const cap = body.weeklyCaseCap;
        if (cap !== undefined && cap !== (await capForWeek(trx, code, fromMonday)))
          await setCapFrom(trx, code, fromMonday, cap);
      }
      return (await findHub(trx, code, monday))!;
    },
  );
}

/** The Monday a cap change starts on: the current week's, or a later one; past weeks are kept. */
function capStart(body: { weeklyCaseCap?: number; fromWeek?: string }, currentMonday: string): string {
  if (body.fromWeek === undefined) return currentMonday;
  if (body.weeklyCaseCap === undefined)
    throw problems.unprocessable(
      'fromWeek says from when a new weeklyCaseCap applies: give weeklyCaseCap too.',
      [{ field: '/body/fromWeek', message: 'needs weeklyCaseCap' }],
    );
  if (!isValidIsoWeek(body.fromWeek))
    throw problems.badRequest(`fromWeek "${body.fromWeek}" is not an ISO week that exists.`, [
      { field: '/body/fromWeek', message: 'is not an existing ISO week' },
    ]);
  const monday = isoWeekToMonday(body.fromWeek);
  if (monday < currentMonday)
    throw problems.unprocessable(
      `${body.fromWeek} is over: a cap change applies from the current week (${mondayToIsoWeek(currentMonday)}) or a later one, so past weeks keep the cap they had.`,
      [{ field: '/body/fromWeek', message: 'is before the current week' }],
    );
  return monday;
}
