import type { Kysely } from 'kysely';
import type { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { solve } from '../scheduler/index.js';
import { addAssignment, touchShift } from '../rota/assignments.js';
import { loadRotaProblem } from '../rota/problem.js';

/**
 * A published rota for the demo's first two weeks, so a newcomer sees a board with people on it. It is
 * solved in-process with a fixed move budget (deterministic for the seed), once, when the demo loads.
 */
export async function publishDemoRota(
  db: Kysely<DB>,
  monday: DateTime,
  timezone: string,
  seed: number,
): Promise<number> {
  const from = monday.toISODate()!;
  const to = monday.plus({ days: 13 }).toISODate()!;
  const { problem } = await loadRotaProblem(db, { from, to, timezone, now: monday.toJSDate() });
  const solution = solve(problem, { seed, maxMoves: 30_000 });
  let assigned = 0;
  for (const [shiftId, people] of Object.entries(solution.assignments)) {
    if (people.length === 0) continue;
    for (const practitionerId of people) await addAssignment(db, shiftId, practitionerId, 'run', false);
    await touchShift(db, shiftId);
    assigned += people.length;
  }
  return assigned;
}
