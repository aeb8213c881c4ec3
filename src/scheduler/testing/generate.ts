import type { Demand, Problem, Resource } from '../model.js';
import { createRandom } from '../random.js';

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

/**
 * A seeded, realistic 24/7 problem in the shape of the In the Home programme: placements spread over
 * regions, two 12-hour shifts a day (08:00-20:00, 20:00-08:00), a panel with home regions, neighbouring
 * regions, specialisms, leave, preferences, last period's locations and a night worked before day 0.
 * Specialism and gender requirements are backed by enough people in the region to stay feasible.
 */
export function generateProblem(options: GenerateOptions = {}): Problem {
  const rnd = createRandom(options.seed ?? 1);
  const P = options.people ?? 360;
  const L = options.locations ?? 60;
  const W = options.weeks ?? 4;
  const G = Math.min(options.regions ?? Math.max(1, Math.round(L / 7)), REGIONS.length);
  const t0 = options.startInstant ?? 29_540_160;
  const H = W * 7;
  const regions = REGIONS.slice(0, G);

  const locations = Array.from({ length: L }, (_, l) => ({
    id: `placement-${l + 1}`,
    region: regions[l % G]!,
    skill: rnd.next() < (options.skillRate ?? 0.25) ? rnd.pick(SKILLS) : undefined,
    femaleOnly: rnd.next() < (options.femaleOnlyRate ?? 0.15),
  }));

  const people: Resource[] = [];
  for (let i = 0; i < P; i++) {
    const g = i % G;
    const home = regions[g]!;
    const near = G > 1 && rnd.next() < 0.5 ? [regions[(g + 1) % G]!] : [];
    const skills = SKILLS.filter(() => rnd.next() < 0.3);
    const own = locations.filter((l) => l.region === home);
    const person: Resource = {
      id: `p${i + 1}`,
      name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)} (${i + 1})`,
      homeRegion: home,
      regions: [home, ...near],
      skills,
      gender: rnd.next() < 0.7 ? 'female' : 'male',
      contract: rnd.next() < 0.1 ? { maxMinutesPer7Days: 36 * 60 } : {},
      unavailable: [],
      preferences: [],
      history: { locations: own.length > 0 ? [rnd.pick(own).id] : [], priorWork: [] },
    };
    if (rnd.next() < (options.leaveRate ?? 0.15)) {
      const from = rnd.int(H - 6);
      (person.unavailable as { start: number; end: number; kind: 'annual_leave' }[]).push({
        start: t0 + from * DAY,
        end: t0 + (from + 7) * DAY,
        kind: 'annual_leave',
      });
    }
    if (rnd.next() < 0.2) {
      const week = rnd.int(W);
      (person.preferences as { start: number; end: number; kind: 'unwanted' }[]).push({
        start: t0 + (week * 7 + 5) * DAY,
        end: t0 + (week * 7 + 7) * DAY,
        kind: 'unwanted',
      });
    }
    if (rnd.next() < 0.15)
      (person.history!.priorWork as { start: number; end: number; day: number; night: boolean }[]).push({
        start: t0 - 4 * 60,
        end: t0 + 8 * 60,
        day: -1,
        night: true,
      });
    people.push(person);
  }

  // Back every requirement with at least six people of the region who meet it.
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
      if (regional.length > 0) (l as { excluded?: string[] }).excluded = [rnd.pick(regional).id];
    }
  }

  const demands: Demand[] = [];
  for (const l of locations) {
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
          ...((l as { excluded?: string[] }).excluded
            ? { excluded: (l as { excluded?: string[] }).excluded }
            : {}),
        });
      }
    }
  }
  return { resources: people, demands, horizonDays: H };
}
