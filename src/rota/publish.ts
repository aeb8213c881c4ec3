import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { touchShifts } from './assignments.js';
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
  // A run stopped while solving keeps the best rota it found: that rota is as good to publish.
  const result = run.result ? fromJson<RunResult>(run.result) : undefined;
  if (!result || (run.status !== 'completed' && run.status !== 'cancelled')) {
    throw problems.conflict(
      run.status === 'cancelled'
        ? 'This run was cancelled before it found a rota; start a new run.'
        : `Only a finished run with a rota can be published; this one is ${run.status}.`,
      'run-not-publishable',
    );
  }
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
  const removals: { shiftId: string; practitionerId: string }[] = [];
  const changedIds: string[] = [];
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
    const remove = have.filter((a) => !a.pinned && !wanted.has(a.practitioner_id));
    const add = [...wanted].filter((p) => !have.some((a) => a.practitioner_id === p));
    if (remove.length === 0 && add.length === 0) continue;
    for (const a of remove) removals.push({ shiftId: shift.id, practitionerId: a.practitioner_id });
    for (const practitionerId of add) outcome.added.push({ shiftId: shift.id, practitionerId });
    changedIds.push(shift.id);
  }
  // One statement each for every removal, every addition and every touched shift: publishing a month
  // was thousands of round trips (2,188 shifts: about 3.4 s), now a handful.
  await removeAll(db, removals);
  await addAll(db, outcome.added);
  await touchShifts(db, changedIds);
  outcome.changedShifts = changedIds.length;
  await db
    .updateTable('rota_runs')
    .set({ status: 'published', published_at: now })
    .where('id', '=', run.id)
    .execute();
  return outcome;
}

type Pair = { shiftId: string; practitionerId: string };

async function removeAll(db: Kysely<DB>, pairs: readonly Pair[]): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    DELETE FROM shift_assignments a
    USING unnest(${pairs.map((p) => p.shiftId)}::uuid[], ${pairs.map((p) => p.practitionerId)}::uuid[])
      AS x(shift_id, practitioner_id)
    WHERE a.shift_id = x.shift_id AND a.practitioner_id = x.practitioner_id`.execute(db);
}

/** As `addAssignment` with source 'run', not pinned, for many pairs: each works the whole shift. */
async function addAll(db: Kysely<DB>, pairs: readonly Pair[]): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    INSERT INTO shift_assignments (shift_id, practitioner_id, period, source, pinned)
    SELECT s.id, x.practitioner_id, tstzrange(s.starts_at, s.ends_at), 'run', false
    FROM unnest(${pairs.map((p) => p.shiftId)}::uuid[], ${pairs.map((p) => p.practitionerId)}::uuid[])
      WITH ORDINALITY AS x(shift_id, practitioner_id, n)
    JOIN shifts s ON s.id = x.shift_id
    ORDER BY x.n`.execute(db);
}
