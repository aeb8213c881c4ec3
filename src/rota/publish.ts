import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { addAssignment, touchShift } from './assignments.js';
import type { RunResult, RunRow } from './runs-repository.js';
import { fromJson } from '../db/json.js';

export interface PublishOutcome {
  changedShifts: number;
  keptLocked: number;
  keptStarted: number;
  /** Who the publish put on which shift: judged against the facts as they are now. */
  added: { shiftId: string; practitionerId: string }[];
}

/**
 * Writes a run's rota into the shifts, in the caller's transaction. Locked shifts, hand-made (pinned)
 * assignments and shifts that have started are kept. A run made from a rota that has changed since is
 * refused: publishing it would silently undo someone's edit.
 */
export async function publishRun(db: Kysely<DB>, run: RunRow, now: Date): Promise<PublishOutcome> {
  const result = fromJson<RunResult | null>(run.result);
  // A run stopped while solving keeps its best rota so far: that rota may be published like any other.
  const keptBest = run.status === 'cancelled' && result !== null && result.assignments !== undefined;
  if (run.status !== 'completed' && !keptBest) {
    throw problems.conflict(
      run.status === 'cancelled'
        ? 'This run was cancelled before it found a rota, so there is nothing to publish; start a new run.'
        : `Only a completed run, or a cancelled one that kept its best rota, can be published; this one is ${run.status}.`,
      'run-not-publishable',
    );
  }
  if (result === null) throw problems.conflict('The run holds no rota to publish.', 'run-not-publishable');
  // Lock the period's shifts so two publishes (or a publish and a manual edit) cannot interleave.
  const shifts = await db
    .selectFrom('shifts')
    .select(['id', 'revision', 'locked', 'starts_at'])
    .where('local_date', '>=', run.from_date)
    .where('local_date', '<=', run.to_date)
    .forUpdate()
    .execute();
  const changed = shifts.filter((s) => Number(s.revision) > Number(run.base_revision ?? 0));
  if (changed.length > 0) {
    throw problems.conflict(
      `The rota changed after this run read it (${changed.length} shift(s) edited, added or re-planned since). Start a new run for ${run.from_date} to ${run.to_date}.`,
      'stale-rota-run',
      { changedShifts: changed.map((s) => s.id).slice(0, 50) },
    );
  }
  const outcome: PublishOutcome = { changedShifts: 0, keptLocked: 0, keptStarted: 0, added: [] };
  const current = await db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select(['a.shift_id', 'a.practitioner_id', 'a.pinned'])
    .where('s.local_date', '>=', run.from_date)
    .where('s.local_date', '<=', run.to_date)
    .execute();
  const currentOf = new Map<string, { practitioner_id: string; pinned: boolean }[]>();
  for (const a of current) currentOf.set(a.shift_id, [...(currentOf.get(a.shift_id) ?? []), a]);

  // Removals first, so a practitioner moving between two shifts never overlaps themselves mid-way.
  const plans: { shiftId: string; add: string[] }[] = [];
  for (const shift of shifts) {
    if (shift.locked) {
      outcome.keptLocked++;
      continue;
    }
    if (shift.starts_at <= now) {
      outcome.keptStarted++;
      continue;
    }
    const wanted = new Set(result.assignments[shift.id] ?? []);
    const have = currentOf.get(shift.id) ?? [];
    const remove = have
      .filter((a) => !a.pinned && !wanted.has(a.practitioner_id))
      .map((a) => a.practitioner_id);
    const add = [...wanted].filter((p) => !have.some((a) => a.practitioner_id === p));
    if (remove.length === 0 && add.length === 0) continue;
    if (remove.length) {
      await db
        .deleteFrom('shift_assignments')
        .where('shift_id', '=', shift.id)
        .where('practitioner_id', 'in', remove)
        .execute();
    }
    plans.push({ shiftId: shift.id, add });
  }
  for (const plan of plans) {
    for (const practitionerId of plan.add) {
      await addAssignment(db, plan.shiftId, practitionerId, 'run', false);
      outcome.added.push({ shiftId: plan.shiftId, practitionerId });
    }
    await touchShift(db, plan.shiftId);
    outcome.changedShifts++;
  }
  await db
    .updateTable('rota_runs')
    .set({ status: 'published', published_at: now })
    .where('id', '=', run.id)
    .execute();
  return outcome;
}
