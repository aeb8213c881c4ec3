import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { shiftEvent } from '../events/payloads.js';
import { problems } from '../http/problem.js';
import { addAssignment, removeAssignment, touchShift } from '../rota/assignments.js';
import { shortFrom } from '../rules/coverage.js';
import type { ShiftDto } from './shift-model.js';
import { findShift, lockShift, setShiftLocked } from './shift-repository.js';
import { checkManualAssignment } from './shift-edits.js';

/** Puts a practitioner on a shift by hand: refused with the rule in words when it breaks one. */
export async function assignByHand(ctx: ChangeContext, shiftId: string, practitionerId: string) {
  const { after } = await applyChange(ctx, {
    entity: 'shift',
    action: 'assign',
    lock: async (trx) => {
      await lockFactsForAssigning(trx, [shiftId], [practitionerId]);
      return lockShift(trx, shiftId);
    },
    write: async (trx, before) => {
      refuseFullOrTwice(before, practitionerId);
      const check = await checkManualAssignment(trx, shiftId, practitionerId, ctx.timezone);
      if (!check.allowed) {
        const words = check.broken.map((b) => b.message).join('; ');
        throw problems.conflict(`Not assigned: ${words}.`, 'rule-broken', { broken: check.broken });
      }
      await addAssignment(trx, shiftId, practitionerId, 'manual', true, workFrom(before, Date.now()));
      await touchShift(trx, shiftId);
      return { shift: (await findShift(trx, shiftId))!, warnings: check.warnings };
    },
    entityId: () => shiftId,
    assigns: () => [{ shiftId, practitionerId }],
    audited: (result) => ({ ...result.shift, warnings: result.warnings }),
    event: (result) => ({
      type: 'shift.assigned',
      subjectId: shiftId,
      payload: { shift: shiftEvent(result.shift), practitioner: personOn(result.shift, practitionerId) },
    }),
  });
  return after;
}

/** Takes a practitioner off a shift (not a locked one). */
export async function unassign(ctx: ChangeContext, shiftId: string, practitionerId: string) {
  const { after } = await applyChange(ctx, {
    entity: 'shift',
    action: 'unassign',
    lock: (trx) => lockShift(trx, shiftId),
    write: async (trx, before) => {
      if (before.locked) {
        throw problems.conflict('This shift is locked; unlock it to change who works it.', 'shift-locked');
      }
      if (!(await removeAssignment(trx, shiftId, practitionerId)))
        throw problems.notFound('assignment of that practitioner on this shift', practitionerId);
      await touchShift(trx, shiftId);
      return (await findShift(trx, shiftId))!;
    },
    entityId: () => shiftId,
    event: (shift, before) => ({
      type: 'shift.unassigned',
      subjectId: shiftId,
      payload: { shift: shiftEvent(shift), practitioner: personOn(before, practitionerId) },
    }),
  });
  return after;
}

/** Locks a shift (runs and plans keep it as it is) or unlocks it. */
export async function setLocked(ctx: ChangeContext, shiftId: string, locked: boolean) {
  const { after } = await applyChange(ctx, {
    entity: 'shift',
    action: locked ? 'lock' : 'unlock',
    lock: (trx) => lockShift(trx, shiftId),
    write: async (trx) => {
      await setShiftLocked(trx, shiftId, locked);
      await touchShift(trx, shiftId);
      return (await findShift(trx, shiftId))!;
    },
    entityId: () => shiftId,
  });
  return after;
}

function refuseFullOrTwice(shift: ShiftDto, practitionerId: string): void {
  if (shift.assignments.some((a) => a.practitionerId === practitionerId)) {
    throw problems.conflict('That practitioner is already on this shift.', 'already-assigned');
  }
  if (shift.status === 'covered') {
    throw problems.conflict(
      `The shift already has ${shift.required} of ${shift.required}; unassign someone first.`,
      'shift-full',
    );
  }
}

/**
 * They work from where the shift is short (after someone who fell sick), never in the past; a shift that
 * has ended is a correction of the record, from the gap on.
 */
function workFrom(shift: ShiftDto, now: number): Date {
  const gap = shortFrom(
    shift.assignments.map((x) => ({ start: Date.parse(x.start), end: Date.parse(x.end) })),
    Date.parse(shift.start),
    Date.parse(shift.end),
    shift.required,
    now,
  );
  const ended = Date.parse(shift.end) <= now;
  return new Date(ended ? (gap ?? 0) : Math.max(gap ?? 0, now));
}

const personOn = (shift: ShiftDto, practitionerId: string) => ({
  id: practitionerId,
  name: shift.assignments.find((a) => a.practitionerId === practitionerId)?.name ?? '',
});
