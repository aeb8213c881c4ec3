import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { checkAssignment, rankCandidates, type Assignments } from '../scheduler/index.js';
import { loadRotaProblem, wordsIn } from '../rota/problem.js';
import { candidateView, type CandidateView } from '../rota/reasons.js';

/** The rota around one shift, as the scheduler sees it: enough days either side for every rule. */
export async function problemAround(db: Kysely<DB>, shiftId: string, timezone: string) {
  const shift = await db
    .selectFrom('shifts')
    .select(['local_date', 'locked'])
    .where('id', '=', shiftId)
    .executeTakeFirst();
  if (!shift) throw problems.notFound('shift', shiftId);
  const day = DateTime.fromISO(shift.local_date, { zone: timezone });
  const loaded = await loadRotaProblem(db, {
    from: day.minus({ days: 7 }).toISODate()!,
    to: day.plus({ days: 7 }).toISODate()!,
    timezone,
    now: new Date(0),
  });
  const assignments: Assignments = {};
  for (const d of loaded.problem.demands) assignments[d.id] = [...(d.published ?? [])];
  return { loaded, assignments, locked: shift.locked };
}

export interface EditCheck {
  allowed: boolean;
  broken: { rule: string; message: string }[];
  warnings: { rule: string; message: string }[];
}

export async function checkManualAssignment(
  db: Kysely<DB>,
  shiftId: string,
  practitionerId: string,
  timezone: string,
): Promise<EditCheck> {
  const { loaded, assignments, locked } = await problemAround(db, shiftId, timezone);
  if (locked)
    throw problems.conflict('This shift is locked; unlock it to change who works it.', 'shift-locked');
  if (!loaded.problem.resources.some((r) => r.id === practitionerId)) {
    throw problems.unprocessable(
      'That practitioner is not an active parenting practitioner on the panel (archived, a 0-19 practitioner, or unknown).',
      [{ field: '/practitionerId', message: 'not on the 24/7 panel' }],
    );
  }
  const check = checkAssignment(
    loaded.problem,
    assignments,
    shiftId,
    practitionerId,
    wordsIn(timezone, loaded.firstDate),
  );
  return {
    allowed: check.allowed,
    broken: check.hard.map((r) => ({ rule: r.label, message: r.message })),
    warnings: check.warnings.map((r) => ({ rule: r.label, message: r.message })),
  };
}

export async function candidatesForShift(
  db: Kysely<DB>,
  shiftId: string,
  timezone: string,
): Promise<CandidateView[]> {
  const { loaded, assignments } = await problemAround(db, shiftId, timezone);
  if (!loaded.problem.demands.some((d) => d.id === shiftId)) return [];
  return rankCandidates(loaded.problem, assignments, shiftId, wordsIn(timezone, loaded.firstDate)).map(
    candidateView,
  );
}
