import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import type { Demand, Problem, Resource } from '../scheduler/index.js';
import { findPreferences, preferenceFacts } from '../panel/preferences.js';
import { hardContract, unavailableFrom } from './practitioner-facts.js';

/** Minutes since the epoch: the scheduler's instants. */
export const toMinutes = (d: Date): number => Math.round(d.getTime() / 60_000);
export const fromMinutes = (m: number): Date => new Date(m * 60_000);

export interface RotaProblem {
  problem: Problem;
  /** Local date of day 0. */
  firstDate: string;
  shiftIds: string[];
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
  const first = DateTime.fromISO(options.from, { zone: timezone }).startOf('day');
  const last = DateTime.fromISO(options.to, { zone: timezone }).startOf('day');
  const horizonDays = Math.round(last.diff(first, 'days').days) + 1;
  // Memoised: a large problem asks for the same few dates and instants thousands of times.
  const dayOf = memo((localDate: string) =>
    Math.round(DateTime.fromISO(localDate, { zone: timezone }).diff(first, 'days').days),
  );
  const localTime = memo((at: number) => {
    const t = DateTime.fromMillis(at, { zone: timezone });
    return { day: t.toFormat('ccc d LLL HH:mm'), time: t.toFormat('HH:mm'), weekday: t.weekday };
  });
  const lookback = first.minus({ days: LOOKBACK_DAYS });
  const horizonEnd = last.plus({ days: 2 });

  let shiftQuery = db
    .selectFrom('shifts as s')
    .innerJoin('placements as p', 'p.id', 's.placement_id')
    .select([
      's.id',
      's.placement_id',
      's.local_date',
      's.starts_at',
      's.ends_at',
      's.night',
      's.required',
      's.locked',
      's.revision',
      'p.case_reference',
      'p.region',
      'p.gender_requirement',
    ])
    .where('s.local_date', '>=', options.from)
    .where('s.local_date', '<=', options.to);
  if (options.shiftIds)
    shiftQuery = shiftQuery.where(
      's.id',
      'in',
      options.shiftIds.length ? options.shiftIds : ['00000000-0000-0000-0000-000000000000'],
    );
  const shifts = await shiftQuery.orderBy('s.starts_at').orderBy('s.id').execute();

  const [specialisms, exclusions, assignments, practitioners, regions, skills, absences, prior] =
    await Promise.all([
      db.selectFrom('placement_specialisms').selectAll().execute(),
      db.selectFrom('placement_exclusions').selectAll().execute(),
      db
        .selectFrom('shift_assignments as a')
        .innerJoin('shifts as s', 's.id', 'a.shift_id')
        .select(['a.shift_id', 'a.practitioner_id', 'a.pinned', 's.local_date', 's.night'])
        .select([sql<Date>`lower(a.period)`.as('part_start'), sql<Date>`upper(a.period)`.as('part_end')])
        .select(sql<boolean>`upper(a.period) < s.ends_at`.as('ended_early'))
        .where('s.local_date', '>=', options.from)
        .where('s.local_date', '<=', options.to)
        .orderBy('a.assigned_at')
        .execute(),
      db
        .selectFrom('practitioners')
        .selectAll()
        .where('archived_at', 'is', null)
        .where('kind', '=', 'parenting')
        .orderBy('id')
        .execute(),
      db.selectFrom('practitioner_regions').selectAll().execute(),
      db.selectFrom('practitioner_specialisms').selectAll().execute(),
      db
        .selectFrom('absences')
        .selectAll()
        .where('deleted_at', 'is', null)
        .where('starts_at', '<', horizonEnd.toJSDate())
        .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', lookback.toJSDate())]))
        .execute(),
      db
        .selectFrom('shift_assignments as a')
        .innerJoin('shifts as s', 's.id', 'a.shift_id')
        .innerJoin('placements as pl', 'pl.id', 's.placement_id')
        .select([
          'a.practitioner_id',
          's.starts_at',
          's.ends_at',
          's.local_date',
          's.night',
          's.placement_id',
          'pl.case_reference',
        ])
        .select([sql<Date>`lower(a.period)`.as('part_start'), sql<Date>`upper(a.period)`.as('part_end')])
        .where('s.local_date', '>=', lookback.toISODate()!)
        .where('s.local_date', '<', options.from)
        .execute(),
    ]);

  const group = <T, K extends keyof T>(rows: T[], key: K) => {
    const map = new Map<T[K], T[]>();
    for (const row of rows) {
      const list = map.get(row[key]);
      if (list) list.push(row);
      else map.set(row[key], [row]);
    }
    return map;
  };
  const specialismsOf = group(specialisms, 'placement_id');
  const exclusionsOf = group(exclusions, 'placement_id');
  // Someone who stopped part-way through a shift (fell sick at 14:00) no longer holds a place on it;
  // the part they worked is fixed work the rules still see.
  const assignmentsOf = group(
    assignments.filter((a) => !a.ended_early),
    'shift_id',
  );
  const stoppedOf = group(
    assignments.filter((a) => a.ended_early),
    'practitioner_id',
  );
  const regionsOf = group(regions, 'practitioner_id');
  const skillsOf = group(skills, 'practitioner_id');
  const absencesOf = group(absences, 'practitioner_id');
  const priorOf = group(prior, 'practitioner_id');
  const weeks = horizonDays / 7;
  const openEnd = toMinutes(horizonEnd.plus({ days: 7 }).toJSDate());

  const prefs = await findPreferences(
    db,
    practitioners.map((p) => p.id),
  );
  const preferredIds = [...new Set([...prefs.values()].flatMap((x) => x.preferredPlacements))];
  const caseRefOf = new Map(
    preferredIds.length
      ? (
          await db
            .selectFrom('placements')
            .select(['id', 'case_reference'])
            .where('id', 'in', preferredIds)
            .execute()
        ).map((r) => [r.id, r.case_reference])
      : [],
  );
  const factsOf = (id: string) => {
    const p = prefs.get(id);
    return p ? preferenceFacts(p, options.from, options.to, timezone) : { unavailable: [], preferences: [] };
  };

  const resources: Resource[] = practitioners.map((p) => ({
    id: p.id,
    name: p.name,
    skills: (skillsOf.get(p.id) ?? []).map((s) => s.specialism_code),
    regions: (regionsOf.get(p.id) ?? []).map((r) => r.region_code),
    homeRegion: p.home_region,
    ...(p.gender ? { gender: p.gender } : {}),
    contract: {
      ...hardContract(p, prefs.get(p.id)?.noNights ?? false),
      ...(p.contracted_hours_per_week !== null
        ? { targetMinutes: Math.round(Number(p.contracted_hours_per_week) * 60 * weeks) }
        : {}),
    },
    unavailable: [...unavailableFrom(absencesOf.get(p.id) ?? [], openEnd), ...factsOf(p.id).unavailable],
    preferences: factsOf(p.id).preferences,
    history: {
      // Families they worked with last week, and those they asked to keep: continuity prefers both.
      locations: [
        ...new Set([
          ...(priorOf.get(p.id) ?? []).filter((w) => dayOf(w.local_date) >= -7).map((w) => w.case_reference),
          ...(prefs.get(p.id)?.preferredPlacements ?? []).flatMap((id) => caseRefOf.get(id) ?? []),
        ]),
      ],
      priorWork: [
        ...(priorOf.get(p.id) ?? []).map((w) => ({
          start: toMinutes(w.part_start),
          end: toMinutes(w.part_end),
          day: dayOf(w.local_date),
          night: w.night,
        })),
        ...(stoppedOf.get(p.id) ?? []).map((w) => ({
          start: toMinutes(w.part_start),
          end: toMinutes(w.part_end),
          day: dayOf(w.local_date),
          night: w.night,
        })),
      ],
    },
  }));

  // A locked shift stays exactly as it is: its people are pinned, and a locked empty shift is left out.
  const demandShifts = shifts.filter((s) => !s.locked || (assignmentsOf.get(s.id) ?? []).length > 0);
  const demands: Demand[] = [];
  for (const [i, s] of demandShifts.entries()) {
    // Let other requests in between chunks: a 62-day national run has thousands of shifts.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    const local = localTime(s.starts_at.getTime());
    const end = localTime(s.ends_at.getTime());
    const current = assignmentsOf.get(s.id) ?? [];
    const pinned = current.filter((a) => a.pinned || s.locked).map((a) => a.practitioner_id);
    demands.push({
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
      requiredSkills: (specialismsOf.get(s.placement_id) ?? []).map((x) => x.specialism_code),
      ...(s.gender_requirement ? { gender: s.gender_requirement } : {}),
      excluded: (exclusionsOf.get(s.placement_id) ?? []).map((x) => x.practitioner_id),
      pinned,
      published: current.map((a) => a.practitioner_id),
    });
  }

  return {
    problem: {
      resources,
      demands,
      horizonDays,
      fixedBefore: toMinutes(options.now),
      names: await referenceNames(db),
    },
    firstDate: options.from,
    shiftIds: demandShifts.map((s) => s.id),
    revision: shifts.reduce((m, s) => Math.max(m, Number(s.revision)), 0),
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
