import type { Assignments, Demand, Problem, Resource } from '../model.js';
import type { CurtoisInstance, Roster, StaffMember } from './types.js';

/**
 * The benchmark in the core's words: an employee is a resource with a contract, each (day, shift type)
 * is a demand whose cover is soft (under- and over-cover weights, optional slots for over-cover), fixed
 * days off are unavailability, requests are requests, forbidden next shifts are forbidden successions.
 * Day d's shift of type k starts at minute d x 1440 + k, so two shifts on one day overlap (one shift a
 * day) and a shift never reaches the next day; rest, 7-day hours, nights and 1-in-7 days off are off.
 * The soft score of a roster is then exactly the benchmark's cost.
 */
export interface ToProblemOptions {
  /** Optional (over-cover) slots per demand: `extra(requirement)`; default max(1, requirement). */
  readonly optionalSlots?: (requirement: number) => number;
}

const DAY = 1440;

export function curtoisToProblem(instance: CurtoisInstance, options: ToProblemOptions = {}): Problem {
  const H = instance.horizonDays;
  const extra = options.optionalSlots ?? ((n: number) => Math.max(1, n));
  return {
    resources: instance.staff.map((s) => toResource(instance, s)),
    demands: toDemands(instance, extra),
    horizonDays: H,
    forbiddenSuccessions: instance.shifts.flatMap((t) =>
      t.forbiddenNext.map((next) => ({ first: t.id, next })),
    ),
    weights: curtoisWeights(),
  };
}

/** An employee as a resource: the contract's limits, the fixed days off and the shift requests. */
function toResource(instance: CurtoisInstance, s: StaffMember): Resource {
  const H = instance.horizonDays;
  const caps = Object.fromEntries(Object.entries(s.maxShifts).filter(([, max]) => max > 0));
  return {
    id: s.id,
    regions: ['ward'],
    contract: {
      maxMinutesPer7Days: 7 * DAY,
      minRestMinutes: 0,
      maxConsecutiveDays: s.maxConsecutiveShifts,
      maxConsecutiveNights: H + 1,
      daysOff: 'none',
      maxShiftsByType: caps,
      minTotalMinutes: s.minTotalMinutes,
      maxTotalMinutes: s.maxTotalMinutes,
      minConsecutiveDays: s.minConsecutiveShifts,
      minConsecutiveDaysOff: s.minConsecutiveDaysOff,
      maxWeekends: s.maxWeekends,
    },
    unavailable: s.daysOff.map((d) => ({
      start: d * DAY,
      end: (d + 1) * DAY,
      kind: 'unavailable' as const,
    })),
    requests: [
      ...instance.onRequests
        .filter((q) => q.employee === s.id)
        .map((q) => ({ day: q.day, shiftType: q.shift, kind: 'on' as const, weight: q.weight })),
      ...instance.offRequests
        .filter((q) => q.employee === s.id)
        .map((q) => ({ day: q.day, shiftType: q.shift, kind: 'off' as const, weight: q.weight })),
    ],
  };
}

/** One demand per day and shift type, with the cover wanted and its weights. */
function toDemands(instance: CurtoisInstance, extra: (requirement: number) => number): Demand[] {
  const H = instance.horizonDays;
  const cover = new Map(instance.cover.map((c) => [`${c.day}|${c.shift}`, c] as const));
  const demands: Demand[] = [];
  for (let d = 0; d < H; d++)
    instance.shifts.forEach((t, k) => {
      const c = cover.get(`${d}|${t.id}`);
      const requirement = c?.requirement ?? 0;
      const start = d * DAY + k;
      demands.push({
        id: `${d}|${t.id}`,
        start,
        end: start + Math.min(t.lengthMinutes, DAY - k),
        day: d,
        weekend: d % 7 >= 5,
        location: 'ward',
        region: 'ward',
        shiftType: t.id,
        required: requirement,
        optional: extra(requirement),
        underWeight: c?.weightUnder ?? 0,
        overWeight: c?.weightOver ?? 0,
        // Someone whose contract allows no shift of this type is not a candidate at all.
        excluded: instance.staff.filter((s) => s.maxShifts[t.id] === 0).map((s) => s.id),
      });
    });
  return demands;
}

export function curtoisWeights(): NonNullable<Problem['weights']> {
  return {
    // A day of a run or weekend rule weighs as much as a shift's minutes (8 h) short of the contract,
    // so the search can trade one for the other, as the Curtois engine's graded penalties do (8 a rule
    // against 6 + 1 an hour). Instances 15, 18, 20, 22, 23, 24 at 10 s: 22 left with 16 broken rules
    // instead of 84, 20 feasible after 4.2 s instead of 5.4 s, every objective lower (mean gap 321.5%
    // against 372.1%); 5, 7, 8, 9, 11, 12 at 1M moves: 47.8% against 51.5%.
    minConsecutiveDays: 480,
    minConsecutiveDaysOff: 480,
    maxConsecutiveDays: 480,
    maxWeekends: 480,
    // Rules that cannot bite here (no nights, no rest or 7-day limits, eligibility filtered up front)
    // are switched off so each move rescores less; absence and exclusion stay to judge any roster.
    minimumRest: 0,
    maxMinutesPer7Days: 0,
    maxConsecutiveNights: 0,
    daysOff: 0,
    region: 0,
    skill: 0,
    gender: 0,
    periodCap: 0,
    unfilled: 0,
    continuity: 0,
    familiarity: 0,
    fairMinutes: 0,
    fairNights: 0,
    fairWeekends: 0,
    preferences: 0,
    travel: 0,
    changes: 0,
  };
}

/** The core's assignments as a benchmark roster ('' for a day off). */
export function assignmentsToRoster(instance: CurtoisInstance, assignments: Assignments): Roster {
  const roster: Record<string, string[]> = {};
  for (const s of instance.staff) roster[s.id] = Array.from({ length: instance.horizonDays }, () => '');
  for (const [id, people] of Object.entries(assignments)) {
    const [day, shift] = id.split('|');
    for (const p of people) {
      const row = roster[p];
      if (row && day !== undefined && shift !== undefined) row[Number(day)] = shift;
    }
  }
  return roster;
}

/** A benchmark roster as the core's assignments (demand id `day|shift` -> staff ids). */
export function rosterToAssignments(roster: Roster): Assignments {
  const out: Record<string, string[]> = {};
  for (const [id, row] of Object.entries(roster))
    row.forEach((shift, day) => {
      if (shift !== '') (out[`${day}|${shift}`] ??= []).push(id);
    });
  return out;
}
