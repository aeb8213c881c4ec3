import fc from 'fast-check';
import type { Demand, Problem, Resource } from '../../src/scheduler/index.js';
import { DAY, HOUR, T0 } from './helpers.js';

const REGIONS = ['north', 'south'];
const SKILLS = ['newborn-care', 'adolescents', 'learning-disability'];

const demandArb = fc.record({
  day: fc.integer({ min: 0, max: 13 }),
  hour: fc.constantFrom(0, 7, 8, 14, 20, 22),
  length: fc.constantFrom(4 * HOUR, 8 * HOUR, 10 * HOUR, 12 * HOUR, 13 * HOUR),
  location: fc.integer({ min: 0, max: 2 }),
  region: fc.integer({ min: 0, max: 1 }),
  required: fc.integer({ min: 1, max: 2 }),
  skill: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  femaleOnly: fc.boolean(),
  tag: fc.boolean(),
  published: fc.array(fc.nat(6), { maxLength: 2 }),
  pinned: fc.option(fc.nat(6), { nil: undefined, freq: 8 }),
  excluded: fc.option(fc.nat(6), { nil: undefined }),
});

const personArb = fc.record({
  regions: fc.subarray([0, 1]),
  home: fc.integer({ min: 0, max: 1 }),
  skills: fc.subarray([0, 1, 2]),
  female: fc.boolean(),
  absenceDay: fc.option(fc.integer({ min: 0, max: 13 }), { nil: undefined }),
  prior: fc.boolean(),
  cap: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  twoIn14: fc.boolean(),
  maxHours: fc.constantFrom(24, 36, 48),
  preference: fc.option(fc.integer({ min: 0, max: 13 }), { nil: undefined }),
  familiar: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
});

/** Small random problems that touch every constraint: absences, prior work, caps, pins, publications. */
export const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    people: fc.array(personArb, { minLength: 2, maxLength: 7 }),
    demands: fc.array(demandArb, { minLength: 2, maxLength: 30 }),
  })
  .map(({ people, demands }) => {
    const ids = people.map((_, i) => `r${i}`);
    const pick = (i: number | undefined): string[] => (i === undefined || i >= ids.length ? [] : [ids[i]!]);
    const resources: Resource[] = people.map((p, i) => ({
      id: ids[i]!,
      regions: p.regions.map((g) => REGIONS[g]!),
      homeRegion: REGIONS[p.home]!,
      skills: p.skills.map((k) => SKILLS[k]!),
      gender: p.female ? 'female' : 'male',
      contract: {
        maxMinutesPer7Days: p.maxHours * HOUR,
        daysOff: p.twoIn14 ? 'two-in-14' : 'one-in-7',
        maxConsecutiveDays: 4,
        maxConsecutiveNights: 2,
      },
      unavailable:
        p.absenceDay === undefined
          ? []
          : [{ start: T0 + p.absenceDay * DAY, end: T0 + (p.absenceDay + 2) * DAY, kind: 'sickness' }],
      history: {
        priorWork: p.prior ? [{ start: T0 - 4 * HOUR, end: T0 + 8 * HOUR, day: -1, night: true }] : [],
        locations: p.familiar === undefined ? [] : [`loc${p.familiar}`],
      },
      caps: p.cap === undefined ? [] : [{ tag: 'lead', max: p.cap }],
      preferences:
        p.preference === undefined
          ? []
          : [
              {
                start: T0 + p.preference * DAY,
                end: T0 + (p.preference + 1) * DAY,
                kind: p.preference % 2 ? 'wanted' : 'unwanted',
                weight: 2,
              },
            ],
    }));
    const out: Demand[] = demands.map((d, i) => {
      const start = T0 + d.day * DAY + d.hour * HOUR;
      return {
        id: `d${i}`,
        start,
        end: start + d.length,
        day: d.day,
        night: d.hour >= 20 || d.hour === 0,
        weekend: d.day % 7 >= 5,
        location: `loc${d.location}`,
        region: REGIONS[d.region]!,
        required: d.required,
        requiredSkills: d.skill === undefined ? [] : [SKILLS[d.skill]!],
        ...(d.femaleOnly ? { gender: 'female' } : {}),
        tags: d.tag ? ['lead'] : [],
        published: d.published.flatMap((k) => pick(k)),
        pinned: pick(d.pinned),
        excluded: pick(d.excluded),
      };
    });
    return { resources, demands: out, horizonDays: 14 };
  });
