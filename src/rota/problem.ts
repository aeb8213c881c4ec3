import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import type { Demand, Problem, Resource } from '../scheduler/index.js';
import { preferenceFacts } from '../panel/preferences.js';
import { readRotaFacts, type RotaFacts } from './problem-repository.js';
import { hardContract, unavailableFrom } from './practitioner-facts.js';
import {
  NO_EARLY_AFTER_LATE_OR_NIGHT,
  successionsRestAllows,
  WEEKEND_WINDOW_WEEKS,
  weekendWeeks,
} from './care-rules.js';

/** Minutes since the epoch: the scheduler's instants. */
export const toMinutes = (d: Date): number => Math.round(d.getTime() / 60_000);

export interface RotaProblem {
  problem: Problem;
  /** Local date of day 0: the period's first, or the Saturday before a period that starts on a Sunday. */
  firstDate: string;
  shiftIds: string[];
  /** The placement of each shift read, by shift id. */
  placementOf: Record<string, string>;
  /** The highest shift revision in the period when the problem was read. */
  revision: number;
}

export interface RotaProblemOptions {
  from: string;
  to: string;
  timezone: string;
  now: Date;
  /** Read only these shifts as demands (cover plans); default: every shift in the period. */
  shiftIds?: string[];
}

// Rest, 7-day and consecutive-day rules look back this far into work done before the period.
const LOOKBACK_DAYS = 14;

/** Reads the panel, placements and shifts of a period and states them as a scheduler problem. */
export async function loadRotaProblem(db: Kysely<DB>, options: RotaProblemOptions): Promise<RotaProblem> {
  const { timezone } = options;
  const from = DateTime.fromISO(options.from, { zone: timezone }).startOf('day');
  const last = DateTime.fromISO(options.to, { zone: timezone }).startOf('day');
  // The core counts one weekend in each 7 days from day 0, so a period starting on a Sunday would split
  // a weekend in two: day 0 is then the Saturday before (a day of prior work only).
  const first = from.weekday === 7 ? from.minus({ days: 1 }) : from;
  const horizonDays = Math.round(last.diff(first, 'days').days) + 1;
  const periodDays = Math.round(last.diff(from, 'days').days) + 1;
  const lookback = from.minus({ days: LOOKBACK_DAYS });
  const horizonEnd = last.plus({ days: 2 });
  const weekendsFrom = first.minus({ weeks: WEEKEND_WINDOW_WEEKS - 1 }).toISODate()!;
  const facts = await readRotaFacts(db, { ...options, lookback, horizonEnd, weekendsFrom });
  const grouped = groupFacts(facts);
  // Memoised: a large problem asks for the same few dates and instants thousands of times.
  const dayOf = memo((localDate: string) =>
    Math.round(DateTime.fromISO(localDate, { zone: timezone }).diff(first, 'days').days),
  );
  const localTime = memo((at: number) => {
    const t = DateTime.fromMillis(at, { zone: timezone });
    return { day: t.toFormat('ccc d LLL HH:mm'), time: t.toFormat('HH:mm'), weekday: t.weekday };
  });
  const openEnd = toMinutes(horizonEnd.plus({ days: 7 }).toJSDate());
  const resources = facts.practitioners.map((p) =>
    toResource(p, facts, grouped, { ...options, dayOf, weeks: periodDays / 7, periodDays, openEnd }),
  );
  // A locked shift stays exactly as it is: its people are pinned, and a locked empty shift is left out.
  const demandShifts = facts.shifts.filter(
    (s) => !s.locked || (grouped.assignmentsOf.get(s.id) ?? []).length > 0,
  );
  const demands: Demand[] = [];
  for (const [i, s] of demandShifts.entries()) {
    // Let other requests in between chunks: a 62-day national run has thousands of shifts.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    demands.push(toDemand(s, grouped, localTime, dayOf));
  }
  return {
    problem: {
      resources,
      demands,
      horizonDays,
      fixedBefore: toMinutes(options.now),
      names: await referenceNames(db),
      forbiddenSuccessions: successionsRestAllows(NO_EARLY_AFTER_LATE_OR_NIGHT, demands, resources),
    },
    firstDate: first.toISODate()!,
    shiftIds: demandShifts.map((s) => s.id),
    placementOf: Object.fromEntries(facts.shifts.map((s) => [s.id, s.placement_id])),
    revision: facts.shifts.reduce((m, s) => Math.max(m, Number(s.revision)), 0),
  };
}

const group = <T, K extends keyof T>(rows: readonly T[], key: K): Map<T[K], T[]> => {
  const map = new Map<T[K], T[]>();
  for (const row of rows) {
    const list = map.get(row[key]);
    if (list) list.push(row);
    else map.set(row[key], [row]);
  }
  return map;
};

function groupFacts(f: RotaFacts) {
  return {
    specialismsOf: group(f.specialisms, 'placement_id'),
    exclusionsOf: group(f.exclusions, 'placement_id'),
    // Someone who stopped part-way through a shift (fell sick at 14:00) no longer holds a place on it;
    // the part they worked is fixed work the rules still see.
    assignmentsOf: group(
      f.assignments.filter((a) => !a.ended_early),
      'shift_id',
    ),
    stoppedOf: group(
      f.assignments.filter((a) => a.ended_early),
      'practitioner_id',
    ),
    regionsOf: group(f.regions, 'practitioner_id'),
    skillsOf: group(f.skills, 'practitioner_id'),
    absencesOf: group(f.absences, 'practitioner_id'),
    priorOf: group(f.prior, 'practitioner_id'),
  };
}
type Grouped = ReturnType<typeof groupFacts>;

function toResource(
  p: RotaFacts['practitioners'][number],
  facts: RotaFacts,
  g: Grouped,
  o: RotaProblemOptions & {
    dayOf: (localDate: string) => number;
    weeks: number;
    periodDays: number;
    openEnd: number;
  },
): Resource {
  const pref = facts.prefs.get(p.id);
  const wishes = pref
    ? preferenceFacts(pref, o.from, o.to, o.timezone)
    : { unavailable: [], preferences: [] };
  const work = (w: {
    part_start: Date;
    part_end: Date;
    local_date: string;
    night: boolean;
    shift_type: string;
  }) => ({
    start: toMinutes(w.part_start),
    end: toMinutes(w.part_end),
    day: o.dayOf(w.local_date),
    night: w.night,
    shiftType: w.shift_type,
  });
  const weekends = p.max_weekends_in_4_weeks;
  const prior = g.priorOf.get(p.id) ?? [];
  return {
    id: p.id,
    name: p.name,
    skills: (g.skillsOf.get(p.id) ?? []).map((s) => s.specialism_code),
    regions: (g.regionsOf.get(p.id) ?? []).map((r) => r.region_code),
    homeRegion: p.home_region,
    ...(p.gender ? { gender: p.gender } : {}),
    contract: {
      ...hardContract(p, pref?.noNights ?? false),
      ...(p.contracted_hours_per_week !== null
        ? { targetMinutes: Math.round(Number(p.contracted_hours_per_week) * 60 * o.weeks) }
        : {}),
      // Four in four weeks is every weekend: no cap.
      ...(weekends !== null && weekends < WEEKEND_WINDOW_WEEKS
        ? { maxWeekends: weekends, weekendWindowWeeks: WEEKEND_WINDOW_WEEKS }
        : {}),
    },
    unavailable: [...unavailableFrom(g.absencesOf.get(p.id) ?? [], o.openEnd), ...wishes.unavailable],
    preferences: wishes.preferences,
    history: {
      // Families they worked with last week, and those they asked to keep: continuity prefers both.
      locations: [
        ...new Set([
          ...prior.filter((w) => o.dayOf(w.local_date) >= -7).map((w) => w.case_reference),
          ...(pref?.preferredPlacements ?? []).flatMap((id) => facts.caseRefOf.get(id) ?? []),
        ]),
      ],
      priorWork: [...prior.map(work), ...(g.stoppedOf.get(p.id) ?? []).map(work)],
      // The weeks before the plan with weekend work, which count in its windows of 4 weeks.
      weekendsBefore: weekendWeeks(facts.weekendsBefore.get(p.id) ?? [], o.dayOf),
    },
  };
}

type LocalTime = (at: number) => { day: string; time: string; weekday: number };

function toDemand(
  s: RotaFacts['shifts'][number],
  g: Grouped,
  localTime: LocalTime,
  dayOf: (localDate: string) => number,
): Demand {
  const local = localTime(s.starts_at.getTime());
  const end = localTime(s.ends_at.getTime());
  const current = g.assignmentsOf.get(s.id) ?? [];
  const pinned = current.filter((a) => a.pinned || s.locked).map((a) => a.practitioner_id);
  return {
    id: s.id,
    label: `${s.case_reference} ${local.day}-${end.time}`,
    start: toMinutes(s.starts_at),
    end: toMinutes(s.ends_at),
    day: dayOf(s.local_date),
    night: s.night,
    weekend: local.weekday >= 6,
    // Placements are named by case reference (unique) in every sentence the scheduler writes.
    location: s.case_reference,
    region: s.region,
    required: s.locked ? pinned.length : s.required,
    requiredSkills: (g.specialismsOf.get(s.placement_id) ?? []).map((x) => x.specialism_code),
    ...(s.gender_requirement ? { gender: s.gender_requirement } : {}),
    excluded: (g.exclusionsOf.get(s.placement_id) ?? []).map((x) => x.practitioner_id),
    shiftType: s.shift_type,
    pinned,
    published: current.map((a) => a.practitioner_id),
  };
}

export { formatLocal } from '../time/format.js';

/** A one-argument function that computes each answer once. */
function memo<K, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, fn(key));
    return cache.get(key)!;
  };
}

export { wordsIn } from '../time/format.js';

/** Region and specialism names, so every sentence the scheduler writes says "North West", not a code. */
export async function referenceNames(db: Kysely<DB>) {
  const [regions, skills] = await Promise.all([
    db.selectFrom('regions').select(['code', 'name']).execute(),
    db.selectFrom('specialisms').select(['code', 'name']).execute(),
  ]);
  return {
    regions: Object.fromEntries(regions.map((r) => [r.code, r.name])),
    skills: Object.fromEntries(skills.map((r) => [r.code, r.name])),
  };
}
