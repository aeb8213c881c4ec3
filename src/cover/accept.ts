import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { addAssignment, removeAssignment, shiftParts, touchShift } from '../rota/assignments.js';
import { shortFrom } from '../rules/coverage.js';
import { writeEvent } from '../changes/events.js';
import type { CoverPlanBody } from './plan-solve.js';
import { fromJson } from '../db/json.js';
import { shiftEvent } from '../events/payloads.js';
import { listShifts } from '../placements/shift-repository.js';
import { closePlans, lockPlanRow, lockShiftRevisions, shiftFrame } from './plan-repository.js';

/**
 * Applies a plan atomically, in the caller's transaction. The plan's shifts are locked and their
 * revisions compared with those the plan was made from: if anything moved, the plan is refused (409)
 * and a fresh one can be asked for. The no-double-booking exclusion constraint backs this up.
 */
export async function acceptPlan(db: Kysely<DB>, planId: string, now: Date): Promise<CoverPlanBody> {
  const plan = await lockOpenPlan(db, planId);
  const body = fromJson<CoverPlanBody>(plan.plan);
  await refuseIfStale(db, plan.shift_revisions);
  await applyChanges(db, body);
  await applyAssignments(db, body, now);
  await closePlans(db, planId, plan.absence_id, now);
  await writeEvent(db, 'cover-plan.accepted', planId, {
    coverPlanId: planId,
    absenceId: plan.absence_id,
    assignments: await acceptedAssignments(db, body),
  });
  return body;
}

/** The plan, locked; 404 when there is none, 409 when it was accepted or superseded already. */
async function lockOpenPlan(db: Kysely<DB>, planId: string) {
  const plan = await lockPlanRow(db, planId);
  if (!plan) throw problems.notFound('cover plan', planId);
  if (plan.status !== 'proposed') {
    throw problems.conflict(
      `This cover plan was already ${plan.status}; ask for a fresh plan.`,
      'cover-plan-not-open',
    );
  }
  return plan;
}

/** 409 when any shift the plan touches changed since it was made (its revision moved, or it is gone). */
async function refuseIfStale(db: Kysely<DB>, stored: unknown): Promise<void> {
  const revisions = fromJson<Record<string, number>>(stored);
  const ids = Object.keys(revisions);
  const current = await lockShiftRevisions(db, ids);
  const found = Object.keys(current);
  const moved = found.filter((id) => current[id] !== revisions[id]);
  if (moved.length > 0 || found.length !== ids.length) {
    throw problems.conflict(
      `The rota changed since this plan was made (${moved.length || ids.length - found.length} shift(s)); ask for a fresh plan.`,
      'stale-cover-plan',
      { changedShifts: moved },
    );
  }
}

/** The moves the plan makes elsewhere: every removal first, so nobody overlaps themselves mid-way. */
async function applyChanges(db: Kysely<DB>, body: CoverPlanBody): Promise<void> {
  for (const change of body.changes)
    for (const p of change.removed) await removeAssignment(db, change.shiftId, p);
  for (const change of body.changes) {
    for (const p of change.added) await addAssignment(db, change.shiftId, p, 'cover', false);
    await touchShift(db, change.shiftId);
  }
}

/** The plan's people on the uncovered shifts, each from where the shift is short. */
async function applyAssignments(db: Kysely<DB>, body: CoverPlanBody, now: Date): Promise<void> {
  const covered = new Set<string>();
  for (const a of body.assignments) {
    // Cover starts where the shift is short: when the sick person stopped, or now if that has passed.
    const shift = await shiftFrame(db, a.shiftId);
    const parts = await shiftParts(db, a.shiftId);
    const gap = shortFrom(
      parts,
      shift.starts_at.getTime(),
      shift.ends_at.getTime(),
      shift.required,
      now.getTime(),
    );
    const from = new Date(Math.max(gap ?? 0, now.getTime()));
    await addAssignment(db, a.shiftId, a.practitionerId, 'cover', false, from);
    covered.add(a.shiftId);
  }
  for (const shiftId of covered) await touchShift(db, shiftId);
}

/** Everyone the plan put on a shift (its assignments and the moves it made), with the shift as it is now. */
async function acceptedAssignments(db: Kysely<DB>, body: CoverPlanBody) {
  const pairs = new Map<string, { shiftId: string; practitionerId: string }>();
  for (const a of body.assignments) pairs.set(`${a.shiftId}|${a.practitionerId}`, a);
  for (const c of body.changes)
    for (const p of c.added) pairs.set(`${c.shiftId}|${p}`, { shiftId: c.shiftId, practitionerId: p });
  const ids = [...new Set([...pairs.values()].map((p) => p.shiftId))];
  if (ids.length === 0) return [];
  const shifts = new Map((await listShifts(db, { ids }, ids.length, 0)).items.map((s) => [s.id, s]));
  return [...pairs.values()].flatMap(({ shiftId, practitionerId }) => {
    const shift = shifts.get(shiftId);
    if (!shift) return [];
    const name = shift.assignments.find((a) => a.practitionerId === practitionerId)?.name ?? '';
    return [{ shift: shiftEvent(shift), practitioner: { id: practitionerId, name } }];
  });
}
