import { candidatesFor, rank, stateFor, tryAssignment, useFormats } from './candidates.js';
import type { CandidateReport, ExplainOptions } from './candidates.js';
import type { Assignments, ConstraintName, Demand, Problem, Resource } from './model.js';
import type { State } from './state.js';

/**
 * Why demands stay unfilled, grouped by location and cause, with the smallest fixes: one rule relaxed for
 * one person, and how many of the group's demands that person would then fill, found by re-checking every
 * rule on a copy of the problem with that one fact changed (not guessed from the candidate list).
 */

/** Rules about who may ever work a demand, whatever else they work. */
const STATIC_RULES = ['region', 'skill', 'gender', 'exclusion'] as const;
export type StaticRule = (typeof STATIC_RULES)[number];

export type UnfilledCause =
  /** Some people could take them without breaking a rule (the search stopped, or they were needed elsewhere). */
  | { kind: 'free'; people: string[]; peopleIds: string[] }
  /** Nobody passes the static rules: `blockedAt` is the first rule in region, skill, gender, exclusion order that empties the pool. */
  | { kind: 'static'; blockedAt: StaticRule | 'nobody' }
  /** People pass the static rules but each is blocked by when they work or are away (`rules`, most first). */
  | { kind: 'busy'; people: string[]; peopleIds: string[]; rules: ConstraintName[] };

export interface Fix {
  resourceId: string;
  name: string;
  /** The one rule relaxed for this person. */
  relax: ConstraintName;
  /** The group's demands this person would fill with it relaxed, in time order. */
  demandIds: string[];
}

export interface UnfilledGroup {
  location: string;
  demandIds: string[];
  cause: UnfilledCause;
  fixes: Fix[];
}

/** Rules a fix may relax: a fact about a person or a family, not the rota itself (overlap is a swap). */
const RELAXABLE = new Set<ConstraintName>([
  'region',
  'skill',
  'gender',
  'exclusion',
  'absence',
  'minimumRest',
  'maxMinutesPer7Days',
  'maxConsecutiveDays',
  'maxConsecutiveNights',
  'daysOff',
  'periodCap',
  'shiftTypeCap',
  'totalMinutes',
  'minConsecutiveDays',
  'minConsecutiveDaysOff',
  'maxWeekends',
  'succession',
]);

/**
 * Which relaxation to offer first when two fill as many: a permission a person can give today before a
 * limit they agree to pass, a limit before a qualification, and a family's safeguarding rule last.
 */
const EASE: ConstraintName[] = [
  'region',
  'maxConsecutiveDays',
  'minConsecutiveDays',
  'minConsecutiveDaysOff',
  'daysOff',
  'maxWeekends',
  'shiftTypeCap',
  'succession',
  'periodCap',
  'totalMinutes',
  'maxMinutesPer7Days',
  'maxConsecutiveNights',
  'absence',
  'minimumRest',
  'skill',
  'gender',
  'exclusion',
];
const ease = (rule: ConstraintName): number => EASE.indexOf(rule);

export interface GroupOptions extends ExplainOptions {
  /** Most people tried as fixes per group (each costs one re-check of the group); default 8. */
  fixesTried?: number;
  /** Most fixes returned per group; default 3. */
  fixesKept?: number;
  /** Most re-checks (one compiled copy of the problem each) over all groups; default 40. */
  fixBudget?: number;
}

const hardRules = (c: CandidateReport): Set<ConstraintName> => new Set(c.hard.map((h) => h.constraint));

function causeOf(candidates: CandidateReport[]): UnfilledCause {
  const free = candidates.filter((c) => c.allowed);
  if (free.length > 0)
    return { kind: 'free', people: free.map((c) => c.name), peopleIds: free.map((c) => c.resourceId) };
  let pool = candidates;
  if (pool.length === 0) return { kind: 'static', blockedAt: 'nobody' };
  for (const rule of STATIC_RULES) {
    pool = pool.filter((c) => !hardRules(c).has(rule));
    if (pool.length === 0) return { kind: 'static', blockedAt: rule };
  }
  const count = new Map<ConstraintName, number>();
  for (const c of pool) for (const rule of hardRules(c)) count.set(rule, (count.get(rule) ?? 0) + 1);
  const rules = [...count.entries()].sort((a, b) => b[1] - a[1]).map(([rule]) => rule);
  return { kind: 'busy', people: pool.map((c) => c.name), peopleIds: pool.map((c) => c.resourceId), rules };
}

const causeKey = (cause: UnfilledCause): string =>
  cause.kind === 'static' ? `static:${cause.blockedAt}` : cause.kind;

function mergeCause(into: UnfilledCause, next: UnfilledCause): UnfilledCause {
  if (into.kind === 'static' || next.kind === 'static' || into.kind !== next.kind) return into;
  const people = [...new Set([...into.people, ...next.people])];
  const peopleIds = [...new Set([...into.peopleIds, ...next.peopleIds])];
  if (into.kind === 'free') return { kind: 'free', people, peopleIds };
  const rules = [...new Set([...into.rules, ...(next.kind === 'busy' ? next.rules : [])])];
  return { kind: 'busy', people, peopleIds, rules };
}

/** The problem with one rule relaxed for one resource on the given demands. */
export function relaxOne(
  problem: Problem,
  resourceId: string,
  rule: ConstraintName,
  demandIds: string[],
): Problem {
  const ids = new Set(demandIds);
  const group = problem.demands.filter((d) => ids.has(d.id));
  const mapResource = (f: (r: Resource) => Resource): Problem => ({
    ...problem,
    resources: problem.resources.map((r) => (r.id === resourceId ? f(r) : r)),
  });
  const mapDemands = (f: (d: Demand) => Demand): Problem => ({
    ...problem,
    demands: problem.demands.map((d) => (ids.has(d.id) ? f(d) : d)),
  });
  const contract = (patch: Partial<NonNullable<Resource['contract']>>) =>
    mapResource((r) => ({ ...r, contract: { ...r.contract, ...patch } }));
  const unlimited = 10 ** 6;
  switch (rule) {
    case 'region':
      return mapResource((r) => ({
        ...r,
        regions: [...new Set([...(r.regions ?? []), ...group.map((d) => d.region)])],
      }));
    case 'skill':
      return mapResource((r) => ({
        ...r,
        skills: [...new Set([...(r.skills ?? []), ...group.flatMap((d) => d.requiredSkills ?? [])])],
      }));
    case 'gender':
      return mapDemands(({ gender: _dropped, ...d }) => d);
    case 'exclusion':
      return mapDemands((d) => ({ ...d, excluded: (d.excluded ?? []).filter((x) => x !== resourceId) }));
    case 'absence':
      return mapResource((r) => ({
        ...r,
        unavailable: (r.unavailable ?? []).filter(
          (a) => !group.some((d) => a.start < d.end && d.start < a.end),
        ),
      }));
    case 'minimumRest':
      return contract({ minRestMinutes: 0 });
    case 'maxMinutesPer7Days':
      return contract({ maxMinutesPer7Days: unlimited });
    case 'maxConsecutiveDays':
      return contract({ maxConsecutiveDays: unlimited });
    case 'maxConsecutiveNights':
      return contract({ maxConsecutiveNights: unlimited });
    case 'daysOff':
      return contract({ daysOff: 'none' });
    case 'shiftTypeCap':
      return contract({ maxShiftsByType: undefined });
    case 'totalMinutes':
      return contract({ minTotalMinutes: undefined, maxTotalMinutes: undefined });
    case 'minConsecutiveDays':
      return contract({ minConsecutiveDays: 1 });
    case 'minConsecutiveDaysOff':
      return contract({ minConsecutiveDaysOff: 1 });
    case 'maxWeekends':
      return contract({ maxWeekends: undefined });
    case 'periodCap':
      return mapResource(({ caps: _dropped, ...r }) => r);
    case 'succession':
      return { ...problem, forbiddenSuccessions: [] };
    default:
      return problem;
  }
}

/** Puts r on each demand (in time order) that every rule allows, one after another; the demands filled. */
function fillGreedily(state: State, r: number, demands: number[]): number[] {
  const c = state.c;
  const filled: number[] = [];
  for (const d of demands) {
    let slot = -1;
    for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) if (state.assign[s]! < 0) slot = s;
    if (slot < 0 || state.headcount(d) >= c.required[d]! || state.works(d, r)) continue;
    if (!tryAssignment(state, d, r).allowed) continue;
    state.setSlot(slot, r);
    filled.push(d);
  }
  return filled;
}

function fixesFor(
  base: State,
  problem: Problem,
  assignments: Assignments,
  group: { demandIds: string[]; reports: Map<string, CandidateReport[]> },
  options: GroupOptions,
  budget: { left: number },
): Fix[] {
  // People one rule away on some of the group's demands, by how many: the likeliest to fill the most.
  const near = new Map<string, { name: string; rule: ConstraintName; count: number }>();
  for (const id of group.demandIds)
    for (const c of group.reports.get(id) ?? []) {
      const rules = hardRules(c);
      if (c.allowed || rules.size !== 1) continue;
      const [rule] = rules;
      if (!RELAXABLE.has(rule!)) continue;
      const key = `${c.resourceId}\u0000${rule}`;
      const seen = near.get(key);
      near.set(key, { name: c.name, rule: rule!, count: (seen?.count ?? 0) + 1 });
    }
  const tried = [...near.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].name.localeCompare(b[1].name))
    .slice(0, options.fixesTried ?? 8);
  const fixes: Fix[] = [];
  for (const [key, { name, rule }] of tried) {
    if (budget.left-- <= 0) break;
    const resourceId = key.split('\u0000')[0]!;
    const relaxed = relaxOne(problem, resourceId, rule, group.demandIds);
    // One person's or one family's facts change: the rest of the eligibility is the base's.
    const state = stateFor(relaxed, assignments, { ...options, like: base.c });
    const index = new Map(state.c.demandIds.map((id, i) => [id, i]));
    const order = group.demandIds
      .map((id) => index.get(id)!)
      .sort((a, b) => state.c.start[a]! - state.c.start[b]!);
    const filled = fillGreedily(state, state.c.resourceIds.indexOf(resourceId), order);
    if (filled.length > 0)
      fixes.push({ resourceId, name, relax: rule, demandIds: filled.map((d) => state.c.demandIds[d]!) });
  }
  return fixes
    .sort(
      (a, b) =>
        b.demandIds.length - a.demandIds.length ||
        ease(a.relax) - ease(b.relax) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, options.fixesKept ?? 3);
}

/**
 * Groups the demands short of people (among `only`, when given) by location and cause, each with the
 * people one rule away who would fill the most of them once that rule is relaxed for them.
 */
export function groupUnfilled(
  problem: Problem,
  assignments: Assignments,
  options: GroupOptions & {
    only?: readonly string[];
    /** A state of this problem on these assignments the caller has (a solve's): not compiled again. */
    state?: State;
    /**
     * Every resource not on a demand already tried in an empty place of it on that state (a cover plan
     * ranks them for its reasons), by demand: ranked here rather than tried again.
     */
    tried?: ReadonlyMap<string, readonly CandidateReport[]>;
  } = {},
): UnfilledGroup[] {
  const state = options.state ?? stateFor(problem, assignments, options);
  if (options.state) useFormats(state.c, options);
  const c = state.c;
  const only = options.only ? new Set(options.only) : undefined;
  const groups = new Map<string, UnfilledGroup & { reports: Map<string, CandidateReport[]> }>();
  const order = [...Array(c.D).keys()].sort((a, b) => c.start[a]! - c.start[b]! || a - b);
  for (const d of order) {
    const id = c.demandIds[d]!;
    if (only && !only.has(id)) continue;
    if (state.headcount(d) >= c.required[d]!) continue;
    const known = options.tried?.get(id);
    const reports = known ? rank([...known]) : candidatesFor(state, d);
    const cause = causeOf(reports);
    const location = c.locationIds[c.loc[d]!]!;
    const key = `${location}\u0000${causeKey(cause)}`;
    const group = groups.get(key);
    if (group) {
      group.demandIds.push(id);
      group.cause = mergeCause(group.cause, cause);
      group.reports.set(id, reports);
    } else
      groups.set(key, { location, demandIds: [id], cause, fixes: [], reports: new Map([[id, reports]]) });
  }
  // The largest groups get their fixes first when the budget runs out.
  const budget = { left: options.fixBudget ?? 40 };
  const ordered = [...groups.values()].sort((a, b) => b.demandIds.length - a.demandIds.length);
  for (const g of ordered) g.fixes = fixesFor(state, problem, assignments, g, options, budget);
  return [...groups.values()].map(({ reports: _reports, ...group }) => group);
}
