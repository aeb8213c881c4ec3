import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import type { Assignments, Demand, Problem, Resource } from '../scheduler/index.js';
import { referenceNames, toMinutes } from '../rota/problem.js';
import { hardContract, unavailableFrom } from '../rota/practitioner-facts.js';
import { NO_EARLY_AFTER_LATE_OR_NIGHT, WEEKEND_WINDOW_WEEKS, weekendWeeks } from '../rota/care-rules.js';
import { preferenceFacts } from '../panel/preferences.js';
import { readRuleRows, type RuleRows } from './facts-repository.js';

/** Whose work a re-check reads: the people a change touches, found from what changed. */
export interface RuleScope {
  practitionerIds?: readonly string[];
  /** Everyone working a not-yet-ended shift of these placements. */
  placementIds?: readonly string[];
  /** Everyone in these hubs. */
  hubs?: readonly string[];
  /** Everyone working these shifts. */
  shiftIds?: readonly string[];
  /** Everyone working a shift overlapping this period. */
  period?: { from: Date; to: Date };
}

/** One person's part of one shift: the whole shift, or the part before they stopped or after they joined. */
export interface WorkPart {
  shiftId: string;
  practitionerId: string;
  start: Date;
  end: Date;
  pinned: boolean;
}

export interface RuleFacts {
  problem: Problem;
  assignments: Assignments;
  /** Scheduler demand id -> the shift it is (part of). */
  demandShift: Map<string, string>;
  /** Scheduler demand id -> when the part ends, in milliseconds (demands are in whole minutes). */
  demandEnd: Map<string, number>;
  parts: WorkPart[];
  /** People no longer on the 24/7 panel (archived, or moved to 0-19 work), by id -> name. */
  offPanel: Map<string, string>;
  absences: { id: string; practitionerId: string; start: Date; end: Date | null }[];
  /** The local date of day 0. */
  firstDate: string;
}

// Rest, 7-day and consecutive-day rules look this far either side of the work being checked.
const CONTEXT_DAYS = 15;

/** The people a scope names, among those who have work that has not ended (or are named outright). */
export async function peopleInScope(db: Kysely<DB>, scope: RuleScope, now: Date): Promise<string[]> {
  const ids = new Set(scope.practitionerIds ?? []);
  const working = db
    .selectFrom('shift_assignments as a')
    .innerJoin('shifts as s', 's.id', 'a.shift_id')
    .select('a.practitioner_id')
    .distinct()
    .where(sql<boolean>`upper(a.period) > ${now}`);
  const found = await Promise.all([
    scope.placementIds?.length ? working.where('s.placement_id', 'in', scope.placementIds).execute() : [],
    scope.shiftIds?.length ? working.where('s.id', 'in', scope.shiftIds).execute() : [],
    scope.period
      ? working
          .where('s.starts_at', '<', scope.period.to)
          .where('s.ends_at', '>', scope.period.from)
          .execute()
      : [],
    scope.hubs?.length
      ? db
          .selectFrom('practitioners')
          .select('id as practitioner_id')
          .where('hub', 'in', scope.hubs)
          .execute()
      : [],
  ]);
  for (const rows of found) for (const r of rows) ids.add(r.practitioner_id);
  return [...ids].sort();
}

/**
 * The current facts about some people's work, as a scheduler problem: every part of a shift they work
 * from `CONTEXT_DAYS` before now onwards is a demand, with the placement's requirements, so the core's
 * hard rules can be asked about it. Archived people are kept as resources (their work is still judged)
 * and listed in `offPanel`.
 */
export async function loadRuleFacts(
  db: Kysely<DB>,
  practitionerIds: readonly string[],
  now: Date,
  timezone: string,
  /** Region and specialism names for the sentences; read once by a caller that loads facts often. */
  names?: Problem['names'],
): Promise<RuleFacts> {
  const contextFrom = DateTime.fromJSDate(now, { zone: timezone }).minus({ days: CONTEXT_DAYS }).toJSDate();
  const ids = practitionerIds.length ? [...practitionerIds] : ['00000000-0000-0000-0000-000000000000'];
  const facts = await readRuleRows(db, ids, contextFrom);
  const { rows, practitioners, absences } = facts;
  const parts: WorkPart[] = rows.map((r) => ({
    shiftId: r.shift_id,
    practitionerId: r.practitioner_id,
    start: new Date(r.part_start),
    end: new Date(r.part_end),
    pinned: r.pinned,
  }));
  const earliest = rows.reduce((m, r) => (r.local_date < m ? r.local_date : m), rows[0]?.local_date ?? '');
  const lastDate = rows.reduce((m, r) => (r.local_date > m ? r.local_date : m), earliest);
  // Day 0 is a Monday, so each of the core's weeks (day / 7) holds one whole weekend.
  const first = DateTime.fromISO(earliest || '2000-01-03', { zone: timezone }).startOf('week');
  const firstDate = first.toISODate()!;
  const dayOf = (localDate: string) =>
    Math.round(DateTime.fromISO(localDate, { zone: timezone }).diff(first, 'days').days);
  const openEnd = toMinutes(DateTime.fromJSDate(now).plus({ years: 20 }).toJSDate());

  const { demands, assignments, demandShift, demandEnd } = toDemands(facts, parts, timezone, dayOf);
  const demandList = [...demands.values()];
  const horizonDays = demandList.reduce((m, d) => Math.max(m, d.day + 1), 1);
  const resources = toResources(facts, { openEnd, firstDate, lastDate, timezone, dayOf });
  return {
    problem: {
      resources,
      demands: demandList,
      horizonDays,
      assignments,
      names: names ?? (await referenceNames(db)),
      forbiddenSuccessions: NO_EARLY_AFTER_LATE_OR_NIGHT,
    },
    assignments,
    demandShift,
    demandEnd,
    parts,
    firstDate,
    offPanel: new Map(
      practitioners.filter((p) => p.archived_at || p.kind !== 'parenting').map((p) => [p.id, p.name]),
    ),
    absences: absences.map((a) => ({
      id: a.id,
      practitionerId: a.practitioner_id,
      start: a.starts_at,
      end: a.ends_at,
    })),
  };
}

/** One demand per shift and part: people working the same part of a shift share a demand. */
function toDemands(
  facts: RuleRows,
  parts: WorkPart[],
  timezone: string,
  dayOf: (localDate: string) => number,
) {
  const { rows, specialisms, exclusions } = facts;
  const demands = new Map<string, Demand>();
  const assignments: Record<string, string[]> = {};
  const demandShift = new Map<string, string>();
  const demandEnd = new Map<string, number>();
  rows.forEach((r, i) => {
    const part = parts[i]!;
    const whole =
      part.start.getTime() === r.starts_at.getTime() && part.end.getTime() === r.ends_at.getTime();
    // Rounded outwards, so a part of seconds (taken off just after it began) is still a part.
    const start = Math.floor(part.start.getTime() / 60_000);
    const endMinute = Math.ceil(part.end.getTime() / 60_000);
    const id = whole ? r.shift_id : `${r.shift_id}@${start}-${endMinute}`;
    if (!demands.has(id)) {
      const local = DateTime.fromJSDate(part.start, { zone: timezone });
      const end = DateTime.fromJSDate(part.end, { zone: timezone });
      demands.set(id, {
        id,
        label: `${r.case_reference} ${local.toFormat('ccc d LLL HH:mm')}-${end.toFormat('HH:mm')}`,
        start,
        end: endMinute,
        day: dayOf(r.local_date),
        night: r.night,
        weekend: DateTime.fromJSDate(r.starts_at, { zone: timezone }).weekday >= 6,
        // Placements are named by case reference in every sentence the rules write.
        location: r.case_reference,
        region: r.region,
        required: 0,
        requiredSkills: specialisms
          .filter((s) => s.placement_id === r.placement_id)
          .map((s) => s.specialism_code),
        ...(r.gender_requirement ? { gender: r.gender_requirement } : {}),
        excluded: exclusions.filter((x) => x.placement_id === r.placement_id).map((x) => x.practitioner_id),
        shiftType: r.shift_type,
      });
      demandShift.set(id, r.shift_id);
      demandEnd.set(id, part.end.getTime());
      assignments[id] = [];
    }
    const demand = demands.get(id)!;
    demands.set(id, { ...demand, required: (demand.required ?? 0) + 1 });
    assignments[id]!.push(r.practitioner_id);
  });

  return { demands, assignments, demandShift, demandEnd };
}

function toResources(
  facts: RuleRows,
  o: {
    openEnd: number;
    firstDate: string;
    lastDate: string;
    timezone: string;
    dayOf: (localDate: string) => number;
  },
): Resource[] {
  const { rows, practitioners, regions, skills, absences, prefs } = facts;
  const { openEnd, firstDate, lastDate, timezone } = o;
  return practitioners.map((p) => ({
    id: p.id,
    name: p.name,
    skills: skills.filter((s) => s.practitioner_id === p.id).map((s) => s.specialism_code),
    regions: regions.filter((s) => s.practitioner_id === p.id).map((s) => s.region_code),
    homeRegion: p.home_region,
    ...(p.gender ? { gender: p.gender } : {}),
    contract: {
      ...hardContract(p, prefs.get(p.id)?.noNights ?? false),
      ...(p.max_weekends_in_4_weeks !== null && p.max_weekends_in_4_weeks < WEEKEND_WINDOW_WEEKS
        ? { maxWeekends: p.max_weekends_in_4_weeks, weekendWindowWeeks: WEEKEND_WINDOW_WEEKS }
        : {}),
    },
    history: {
      // Weekend work that ended before the context (in its first week too), within the window back from it.
      weekendsBefore: weekendWeeks(facts.weekendsBefore.get(p.id) ?? [], o.dayOf),
    },
    unavailable: [
      ...unavailableFrom(
        absences.filter((a) => a.practitioner_id === p.id),
        openEnd,
      ),
      ...(prefs.has(p.id) && rows.length
        ? preferenceFacts(prefs.get(p.id)!, firstDate, lastDate, timezone).unavailable
        : []),
    ],
  }));
}
