import type { Absence, Demand, Preference, PriorShift, Problem, Resource } from '../model.js';
import { createRandom, type Random } from '../random.js';

export interface GenerateOptions {
  seed?: number;
  people?: number;
  locations?: number;
  weeks?: number;
  regions?: number;
  /** First instant of day 0 (a Monday, 00:00); default 2026-03-02T00:00Z. */
  startInstant?: number;
  /** Share of people with one week of annual leave; default 0.15. */
  leaveRate?: number;
  /** Share of locations requiring a specialism; default 0.25. */
  skillRate?: number;
  /** Share of locations for female practitioners only; default 0.15. */
  femaleOnlyRate?: number;
}

const REGIONS = [
  'north-east',
  'north-west',
  'yorkshire',
  'east-midlands',
  'west-midlands',
  'east',
  'london',
  'south-east',
  'south-west',
];
const SKILLS = ['newborn-care', 'learning-disability', 'domestic-abuse', 'anger-management', 'adolescents'];
const FIRST = ['Sam', 'Alex', 'Jo', 'Priya', 'Tom', 'Aisha', 'Chris', 'Maya', 'Dan', 'Kim', 'Lee', 'Nia'];
const LAST = ['Jones', 'Smith', 'Khan', 'Patel', 'Brown', 'Evans', 'Wilson', 'Taylor', 'Ahmed', 'Clarke'];
const DAY = 1440;

/** The sizes and dates of a generated problem. */
interface Shape {
  readonly people: number;
  readonly weeks: number;
  readonly t0: number;
  readonly H: number;
  readonly regions: readonly string[];
}

interface Placement {
  id: string;
  region: string;
  skill: string | undefined;
  femaleOnly: boolean;
  excluded?: string[];
}

/**
 * A seeded, realistic 24/7 problem in the shape of the In the Home programme: placements spread over
 * regions, two 12-hour shifts a day (08:00-20:00, 20:00-08:00), a panel with home regions, neighbouring
 * regions, specialisms, leave, preferences, last period's locations and a night worked before day 0.
 * Specialism and gender requirements are backed by enough people in the region to stay feasible.
 */
export function generateProblem(options: GenerateOptions = {}): Problem {
  const rnd = createRandom(options.seed ?? 1);
  const L = options.locations ?? 60;
  const W = options.weeks ?? 4;
  const G = Math.min(options.regions ?? Math.max(1, Math.round(L / 7)), REGIONS.length);
  const shape: Shape = {
    people: options.people ?? 360,
    weeks: W,
    t0: options.startInstant ?? 29_540_160,
    H: W * 7,
    regions: REGIONS.slice(0, G),
  };
  const locations = Array.from({ length: L }, (_, l) => ({
    id: `placement-${l + 1}`,
    region: shape.regions[l % G]!,
    skill: rnd.next() < (options.skillRate ?? 0.25) ? rnd.pick(SKILLS) : undefined,
    femaleOnly: rnd.next() < (options.femaleOnlyRate ?? 0.15),
  }));
  const people: Resource[] = [];
  for (let i = 0; i < shape.people; i++) people.push(panelMember(rnd, i, shape, locations, options));
  backRequirements(rnd, locations, people);
  const demands = locations.flatMap((l) => shiftsAt(l, shape));
  return { resources: people, demands, horizonDays: shape.H };
}

function panelMember(
  rnd: Random,
  i: number,
  shape: Shape,
  locations: readonly Placement[],
  options: GenerateOptions,
): Resource {
  const { regions, t0, H } = shape;
  const G = regions.length;
  const g = i % G;
  const home = regions[g]!;
  const near = G > 1 && rnd.next() < 0.5 ? [regions[(g + 1) % G]!] : [];
  const skills = SKILLS.filter(() => rnd.next() < 0.3);
  const own = locations.filter((l) => l.region === home);
  const unavailable: Absence[] = [];
  const preferences: Preference[] = [];
  const priorWork: PriorShift[] = [];
  const person: Resource = {
    id: `p${i + 1}`,
    name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)} (${i + 1})`,
    homeRegion: home,
    regions: [home, ...near],
    skills,
    gender: rnd.next() < 0.7 ? 'female' : 'male',
    contract: rnd.next() < 0.1 ? { maxMinutesPer7Days: 36 * 60 } : {},
    unavailable,
    preferences,
    history: { locations: own.length > 0 ? [rnd.pick(own).id] : [], priorWork },
  };
  if (rnd.next() < (options.leaveRate ?? 0.15)) {
    const from = rnd.int(H - 6);
    unavailable.push({ start: t0 + from * DAY, end: t0 + (from + 7) * DAY, kind: 'annual_leave' });
  }
  if (rnd.next() < 0.2) {
    const week = rnd.int(shape.weeks);
    preferences.push({
      start: t0 + (week * 7 + 5) * DAY,
      end: t0 + (week * 7 + 7) * DAY,
      kind: 'unwanted',
    });
  }
  if (rnd.next() < 0.15) priorWork.push({ start: t0 - 4 * 60, end: t0 + 8 * 60, day: -1, night: true });
  return person;
}

/** Backs every requirement with at least six people of the region who meet it, and excludes a few. */
function backRequirements(rnd: Random, locations: readonly Placement[], people: readonly Resource[]): void {
  for (const l of locations) {
    const fits = (p: Resource): boolean =>
      (p.regions ?? []).includes(l.region) && (!l.femaleOnly || p.gender === 'female');
    const pool = people.filter(fits);
    const female = people.filter((p) => (p.regions ?? []).includes(l.region) && p.gender === 'female');
    if (l.femaleOnly && female.length < 6) l.femaleOnly = false;
    if (l.skill) {
      const skilled = pool.filter((p) => p.skills?.includes(l.skill!));
      for (const p of rnd
        .shuffle(pool.filter((q) => !skilled.includes(q)))
        .slice(0, Math.max(0, 6 - skilled.length)))
        p.skills = [...(p.skills ?? []), l.skill];
    }
  }
  for (const l of locations) {
    if (rnd.next() < 0.2) {
      const regional = people.filter((p) => p.homeRegion === l.region);
      if (regional.length > 0) l.excluded = [rnd.pick(regional).id];
    }
  }
}

/** A day and a night shift at the placement on every day of the horizon. */
function shiftsAt(l: Placement, { t0, H }: Shape): Demand[] {
  const demands: Demand[] = [];
  for (let day = 0; day < H; day++) {
    const weekend = day % 7 >= 5;
    for (const night of [false, true]) {
      const start = t0 + day * DAY + (night ? 20 * 60 : 8 * 60);
      demands.push({
        id: `${l.id}/d${day}/${night ? 'night' : 'day'}`,
        label: `${night ? 'night' : 'day'} shift at ${l.id} on day ${day}`,
        start,
        end: start + 12 * 60,
        day,
        night,
        weekend,
        location: l.id,
        region: l.region,
        ...(l.skill ? { requiredSkills: [l.skill] } : {}),
        ...(l.femaleOnly ? { gender: 'female' } : {}),
        ...(l.excluded ? { excluded: l.excluded } : {}),
      });
    }
  }
  return demands;
}
