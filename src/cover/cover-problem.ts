import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import type { Problem } from '../scheduler/index.js';
import { loadRotaProblem, toMinutes, type RotaProblem } from '../rota/problem.js';
import { standbyBetween } from './standby-repository.js';

export interface CoverTarget {
  shiftId: string;
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  /** From when the shift is short (not before now): the plan covers it from then. */
  shortFrom: Date;
}

// Standby practitioners are wanted on their standby day: the solver prefers them for cover.
const STANDBY_WEIGHT = 50;
const KNOWN_FAMILY_DAYS = 28;

/**
 * The rota around some uncovered shifts as a repair problem: only the targets may change, everything
 * else is fixed (a plan that must move others sets `allowMovingOthers` on it: other unlocked shifts
 * that have not started may change too).
 */
export async function loadCoverProblem(
  db: Kysely<DB>,
  targets: CoverTarget[],
  timezone: string,
  now: Date,
): Promise<RotaProblem> {
  const dates = targets.map((t) => t.localDate).sort();
  const from = DateTime.fromISO(dates[0]!, { zone: timezone }).minus({ days: 7 }).toISODate()!;
  const to = DateTime.fromISO(dates.at(-1)!, { zone: timezone }).plus({ days: 7 }).toISODate()!;
  // Read side by side: on the service's pool the three take as long as the longest.
  const [loaded, known, standby] = await Promise.all([
    loadRotaProblem(db, { from, to, timezone, now }),
    knownFamilies(db, from, to),
    standbyBetween(db, from, to),
  ]);
  const nowMinutes = toMinutes(now);
  const targetIds = new Set(targets.map((t) => t.shiftId));
  const gapOf = new Map(targets.map((t) => [t.shiftId, toMinutes(t.shortFrom)]));

  // A shift short from some moment (someone fell sick at 14:00, or it is running) is covered from then.
  const demands = loaded.problem.demands.map((d) => {
    const gap = gapOf.get(d.id);
    return gap !== undefined && d.start < gap ? { ...d, start: gap } : d;
  });

  const knownBy = new Map<string, Set<string>>();
  for (const k of known)
    knownBy.set(k.practitioner_id, (knownBy.get(k.practitioner_id) ?? new Set()).add(k.case_reference));
  const resources = loaded.problem.resources.map((r) => {
    const days = standby.filter((s) => s.practitioner_id === r.id);
    const wanted = days.map((s) => {
      const start = DateTime.fromISO(s.local_date, { zone: timezone });
      return {
        start: toMinutes(start.toJSDate()),
        end: toMinutes(start.plus({ days: 1 }).toJSDate()),
        kind: 'wanted' as const,
        weight: STANDBY_WEIGHT,
      };
    });
    return {
      ...r,
      preferences: [...(r.preferences ?? []), ...wanted],
      history: { ...r.history, locations: [...(knownBy.get(r.id) ?? [])] },
    };
  });

  const problem: Problem = {
    ...loaded.problem,
    resources,
    demands,
    solveOnly: [...targetIds].filter((id) => demands.some((d) => d.id === id)),
    fixedBefore: nowMinutes,
    // Changing the published rota must cost more than any soft preference, so moves are a last resort.
    weights: { changes: 400 },
  };
  return { ...loaded, problem };
}

/** Who worked for which family in the weeks before the period and in it (familiarity counts there). */
function knownFamilies(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .innerJoin('placements as pl', 'pl.id', 's.placement_id')
    .select(['a.practitioner_id', 'pl.case_reference'])
    .where('s.local_date', '>=', DateTime.fromISO(from).minus({ days: KNOWN_FAMILY_DAYS }).toISODate()!)
    .where('s.local_date', '<=', to)
    .distinct()
    .execute();
}
