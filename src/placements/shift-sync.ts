import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { planShifts } from './shift-plan.js';
import type { PlacementDto } from './model.js';

export interface SyncResult {
  created: number;
  updated: number;
  removed: number;
  keptLocked: number;
}

const key = (start: Date, end: Date) => `${start.getTime()}|${end.getTime()}`;

/**
 * Makes the placement's shifts match its plan. Shifts that started before `from` are history and are
 * never touched; a locked shift the plan no longer has is kept (a coordinator fixed it on purpose).
 * Running it twice changes nothing the second time.
 */
export async function syncShifts(
  db: Kysely<DB>,
  placement: PlacementDto,
  timezone: string,
  from: Date | null,
): Promise<SyncResult> {
  const planned = planShifts(placement.phases, timezone).filter((s) => !from || s.start.toJSDate() > from);
  let existingQuery = db
    .selectFrom('shifts')
    .select(['id', 'starts_at', 'ends_at', 'required', 'locked', 'shift_type'])
    .where('placement_id', '=', placement.id);
  if (from) existingQuery = existingQuery.where('starts_at', '>', from);
  const existing = await existingQuery.execute();
  const byKey = new Map(existing.map((s) => [key(s.starts_at, s.ends_at), s]));
  const result: SyncResult = { created: 0, updated: 0, removed: 0, keptLocked: 0 };

  const toInsert = [];
  for (const p of planned) {
    const start = p.start.toJSDate();
    const end = p.end.toJSDate();
    const found = byKey.get(key(start, end));
    if (!found) {
      toInsert.push({
        placement_id: placement.id,
        local_date: p.localDate,
        starts_at: start,
        ends_at: end,
        required: p.required,
        night: p.night,
        shift_type: p.type,
      });
      continue;
    }
    byKey.delete(key(start, end));
    if (found.required !== p.required) {
      await shrinkAssignments(db, found.id, p.required);
      await db
        .updateTable('shifts')
        .set((eb) => ({
          required: p.required,
          shift_type: p.type,
          version: eb('version', '+', 1),
          revision: sql`nextval('rota_revision_seq')`,
          updated_at: new Date(),
        }))
        .where('id', '=', found.id)
        .execute();
      result.updated++;
    } else if (found.shift_type !== p.type) {
      // A new label changes no one's place (the revision stays); the placement's re-check judges it.
      await db
        .updateTable('shifts')
        .set((eb) => ({ shift_type: p.type, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', found.id)
        .execute();
      result.updated++;
    }
  }
  const stale = [...byKey.values()];
  const removable = stale.filter((s) => !s.locked).map((s) => s.id);
  result.keptLocked = stale.length - removable.length;
  if (removable.length) {
    await db.deleteFrom('shifts').where('id', 'in', removable).execute();
    result.removed = removable.length;
  }
  for (let i = 0; i < toInsert.length; i += 500) {
    const batch = toInsert.slice(i, i + 500);
    const inserted = await db
      .insertInto('shifts')
      .values(batch)
      .onConflict((oc) => oc.columns(['placement_id', 'starts_at', 'ends_at']).doNothing())
      .returning('id')
      .execute();
    result.created += inserted.length;
  }
  return result;
}

/** When fewer people are needed, the latest non-pinned assignments go first. */
async function shrinkAssignments(db: Kysely<DB>, shiftId: string, required: number): Promise<void> {
  const assigned = await db
    .selectFrom('shift_assignments')
    .select(['practitioner_id', 'pinned', 'assigned_at'])
    .where('shift_id', '=', shiftId)
    .orderBy('pinned', 'desc')
    .orderBy('assigned_at')
    .execute();
  const drop = assigned.slice(required).map((a) => a.practitioner_id);
  if (drop.length) {
    await db
      .deleteFrom('shift_assignments')
      .where('shift_id', '=', shiftId)
      .where('practitioner_id', 'in', drop)
      .execute();
  }
}
