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
  optional: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined, freq: 2 }),
  underWeight: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined, freq: 2 }),
  overWeight: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
});

const TYPES = ['early', 'late', 'night'];

/** Present about one time in five, so most random rosters can still be feasible. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
}
const typeOf = (hour: number): string => (hour >= 20 || hour === 0 ? 'night' : hour >= 12 ? 'late' : 'early');

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
  // Contract rules of nurse rostering, each present now and then.
  typeCap: sometimes(
    fc.record({ type: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 0, max: 3 }) }),
  ),
  minTotalHours: sometimes(fc.integer({ min: 4, max: 40 })),
  maxTotalHours: sometimes(fc.integer({ min: 8, max: 60 })),
  minDays: sometimes(fc.integer({ min: 2, max: 3 })),
  minOff: sometimes(fc.integer({ min: 2, max: 3 })),
  maxWeekends: sometimes(fc.integer({ min: 0, max: 1 })),
  weekendWindow: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  weekendsBefore: fc.subarray([-3, -2, -1, 0]),
  noDaysOffRule: fc.boolean(),
  requests: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 13 }),
      type: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      on: fc.boolean(),
      weight: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 3 },
  ),
  priorType: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
});

/** Small random problems that touch every constraint: absences, prior work, caps, pins, publications. */
export const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    people: fc.array(personArb, { minLength: 2, maxLength: 7 }),
    demands: fc.array(demandArb, { minLength: 2, maxLength: 30 }),
    successions: fc.subarray([
      { first: 'late', next: 'early' },
      { first: 'night', next: 'early' },
      { first: 'night', next: 'late' },
    ]),
  })
  .map(({ people, demands, successions }) => {
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
        daysOff: p.noDaysOffRule ? 'none' : p.twoIn14 ? 'two-in-14' : 'one-in-7',
        maxConsecutiveDays: 4,
        maxConsecutiveNights: 2,
        ...(p.typeCap ? { maxShiftsByType: { [TYPES[p.typeCap.type]!]: p.typeCap.max } } : {}),
        ...(p.minTotalHours !== undefined ? { minTotalMinutes: p.minTotalHours * HOUR } : {}),
        ...(p.maxTotalHours !== undefined ? { maxTotalMinutes: p.maxTotalHours * HOUR } : {}),
        ...(p.minDays !== undefined ? { minConsecutiveDays: p.minDays } : {}),
        ...(p.minOff !== undefined ? { minConsecutiveDaysOff: p.minOff } : {}),
        ...(p.maxWeekends !== undefined ? { maxWeekends: p.maxWeekends } : {}),
        ...(p.maxWeekends !== undefined && p.weekendWindow !== undefined
          ? { weekendWindowWeeks: p.weekendWindow }
          : {}),
      },
      requests: p.requests.map((q) => ({
        day: q.day,
        ...(q.type !== undefined ? { shiftType: TYPES[q.type]! } : {}),
        kind: q.on ? ('on' as const) : ('off' as const),
        weight: q.weight,
      })),
      unavailable:
        p.absenceDay === undefined
          ? []
          : [{ start: T0 + p.absenceDay * DAY, end: T0 + (p.absenceDay + 2) * DAY, kind: 'sickness' }],
      history: {
        priorWork: p.prior
          ? [
              {
                start: T0 - 4 * HOUR,
                end: T0 + 8 * HOUR,
                day: -1,
                night: true,
                ...(p.priorType !== undefined ? { shiftType: TYPES[p.priorType]! } : {}),
              },
            ]
          : [],
        locations: p.familiar === undefined ? [] : [`loc${p.familiar}`],
        weekendsBefore: p.weekendsBefore,
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
        shiftType: typeOf(d.hour),
        ...(d.optional !== undefined ? { optional: d.optional } : {}),
        ...(d.underWeight !== undefined ? { underWeight: d.underWeight } : {}),
        ...(d.overWeight !== undefined ? { overWeight: d.overWeight } : {}),
      };
    });
    return { resources, demands: out, horizonDays: 14, forbiddenSuccessions: successions };
  });
