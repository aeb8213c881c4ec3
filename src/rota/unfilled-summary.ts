import { Type, type Static } from 'typebox';
import { Uuid } from '../http/schemas.js';
import {
  CONSTRAINTS,
  groupUnfilled,
  type ConstraintName,
  type Demand,
  type Fix,
  type Problem,
  type UnfilledCause,
  type UnfilledGroup,
} from '../scheduler/index.js';
import { wordsIn } from './problem.js';

/**
 * Unfilled shifts as a coordinator reads them: one line per family and cause, with the smallest fixes
 * (one rule relaxed for one person, and how many of the shifts that fills, as the core re-checked it).
 */

const CHANGES = [
  'region',
  'specialism',
  'gender',
  'exclusion',
  'absence',
  'rest',
  'hours',
  'contract',
] as const;
export const FixChange = Type.String({
  enum: [...CHANGES],
  description:
    'The one rule relaxed for this person: region (let them work in the region), specialism (they gain it), ' +
    'gender (the family lifts its gender requirement), exclusion (lifted), absence (they work during it), ' +
    'rest (less rest between shifts), hours (over the hours in 7 days), contract (another contract limit)',
});

export const UnfilledGroupSchema = Type.Object({
  placementId: Uuid,
  caseReference: Type.String(),
  shifts: Type.Integer({ description: 'How many shifts share this cause' }),
  shiftIds: Type.Array(Uuid),
  because: Type.String({ description: 'The cause, in one sentence' }),
  fixes: Type.Array(
    Type.Object({
      practitionerId: Uuid,
      name: Type.String(),
      change: FixChange,
      rule: Type.String({ description: "The scheduler's name of the rule relaxed" }),
      shifts: Type.Integer({
        description: 'How many of the group’s shifts this fills, re-checked by the core',
      }),
      shiftIds: Type.Array(Uuid),
      sentence: Type.String(),
    }),
    { description: 'Smallest changes first: most shifts filled, then the easiest change' },
  ),
});
export type UnfilledGroupDto = Static<typeof UnfilledGroupSchema>;

export const UnfilledSummary = Type.Array(UnfilledGroupSchema, {
  description: 'Unfilled shifts grouped by family and cause, each with the smallest fixes found',
});

const CHANGE: Partial<Record<ConstraintName, (typeof CHANGES)[number]>> = {
  region: 'region',
  skill: 'specialism',
  gender: 'gender',
  exclusion: 'exclusion',
  absence: 'absence',
  minimumRest: 'rest',
  maxMinutesPer7Days: 'hours',
};

/** Why the people who pass every standing rule still cannot work, as "they are ..." phrases. */
const BUSY: Partial<Record<ConstraintName, string>> = {
  absence: 'absent or unavailable',
  overlap: 'on another shift',
  minimumRest: 'short of rest between shifts',
  maxMinutesPer7Days: 'at their hours for 7 days',
  maxConsecutiveDays: 'at their most days in a row',
  maxConsecutiveNights: 'at their most nights in a row',
  daysOff: 'due a day off',
  minConsecutiveDaysOff: 'due their days off together',
  maxWeekends: 'at their most weekends in 4 weeks',
  succession: 'kept from an early shift after a late or a night',
  periodCap: 'at their limit for the period',
};

const labelOf = (rule: ConstraintName): string =>
  (CONSTRAINTS.find((c) => c.name === rule)?.label ?? rule).toLowerCase();

const list = (words: string[], last = 'and'): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;

const people = (names: string[], most = 4): string =>
  names.length <= most ? list(names) : `${names.slice(0, most).join(', ')} and ${names.length - most} more`;

interface Words {
  caseReference: string;
  region: string;
  skills: string;
  gender?: string;
}

function wordsFor(problem: Problem, demand: Demand): Words {
  const regions = problem.names?.regions ?? {};
  const skills = problem.names?.skills ?? {};
  return {
    caseReference: demand.location,
    region: regions[demand.region] ?? demand.region,
    skills: list((demand.requiredSkills ?? []).map((s) => skills[s] ?? s)),
    ...(demand.gender ? { gender: demand.gender } : {}),
  };
}

function because(cause: UnfilledCause, w: Words): string {
  const withSkills = w.skills ? ` with ${w.skills}` : '';
  switch (cause.kind) {
    case 'free':
      return `${people(cause.people, 3)} could take them without breaking a rule but were needed elsewhere: assign by hand or run again with more time.`;
    case 'busy': {
      const why = cause.rules.map((r) => BUSY[r] ?? `held back by "${labelOf(r)}"`);
      const n = cause.people.length;
      return `The ${n === 1 ? 'one practitioner' : `${n} practitioners`} who could work at ${w.caseReference} (${people(cause.people)}) ${n === 1 ? 'is' : 'are'} ${list(why, 'or')} then.`;
    }
    case 'static':
      switch (cause.blockedAt) {
        case 'nobody':
          return 'Nobody is on the panel to consider.';
        case 'region':
          return `Nobody on the panel works in ${w.region}.`;
        case 'skill':
          return `Nobody who works in ${w.region} has ${w.skills}.`;
        case 'gender':
          return `Nobody who works in ${w.region}${withSkills} meets ${w.caseReference}'s requirement for a ${w.gender ?? 'particular'} practitioner.`;
        case 'exclusion':
          return `Everyone who works in ${w.region}${withSkills} and meets its other requirements is excluded from ${w.caseReference}.`;
      }
  }
}

function condition(rule: ConstraintName, w: Words): string {
  switch (rule) {
    case 'region':
      return `if allowed to work in ${w.region}`;
    case 'skill':
      return `with the specialism ${w.skills}`;
    case 'gender':
      return `if ${w.caseReference}'s gender requirement were lifted`;
    case 'exclusion':
      return `if the exclusion from ${w.caseReference} were lifted`;
    case 'absence':
      return 'if available during the recorded absence';
    case 'minimumRest':
      return 'with less rest between shifts than the minimum';
    case 'maxMinutesPer7Days':
      return 'working over the limit of hours in 7 days';
    case 'minConsecutiveDaysOff':
      return 'if a day off could stand alone';
    case 'maxWeekends':
      return 'if allowed one more weekend';
    case 'succession':
      return 'if allowed an early shift the day after a late or a night';
    default:
      return `if the contract rule "${labelOf(rule)}" were relaxed`;
  }
}

function fixSentence(fix: Fix, total: number, w: Words): string {
  const n = fix.demandIds.length;
  const howMany =
    total === 1
      ? 'this shift'
      : n === total
        ? `all ${total} of these shifts`
        : `${n} of these ${total} shifts`;
  return `${fix.name} would fill ${howMany} ${condition(fix.relax, w)}.`;
}

/** The groups in words; `placementOf` maps a shift to its placement. */
export function summariseGroups(
  problem: Problem,
  groups: UnfilledGroup[],
  placementOf: (shiftId: string) => string,
): UnfilledGroupDto[] {
  const demands = new Map(problem.demands.map((d) => [d.id, d]));
  return groups.map((g) => {
    const w = wordsFor(problem, demands.get(g.demandIds[0]!)!);
    return {
      placementId: placementOf(g.demandIds[0]!),
      caseReference: w.caseReference,
      shifts: g.demandIds.length,
      shiftIds: g.demandIds,
      because: because(g.cause, w),
      fixes: g.fixes.map((f) => ({
        practitionerId: f.resourceId,
        name: f.name,
        change: CHANGE[f.relax] ?? 'contract',
        rule: f.relax,
        shifts: f.demandIds.length,
        shiftIds: f.demandIds,
        sentence: fixSentence(f, g.demandIds.length, w),
      })),
    };
  });
}

/** Groups and words for the unfilled shifts of a solved rota problem (among `only`, when given). */
export function unfilledSummary(
  problem: Problem,
  assignments: Record<string, readonly string[]>,
  options: {
    timezone: string;
    firstDate: string;
    placementOf: (shiftId: string) => string;
    only?: readonly string[];
  },
): UnfilledGroupDto[] {
  const groups = groupUnfilled(problem, assignments, {
    ...wordsIn(options.timezone, options.firstDate),
    ...(options.only ? { only: options.only } : {}),
  });
  return summariseGroups(problem, groups, options.placementOf);
}
