import type { Absence, ConstraintName, Contract, Preference, Problem, Resource } from './model.js';
import { CONSTRAINTS } from './constraints/index.js';
import { computeTargets } from './targets.js';
import { formatInstantUtc } from './words.js';
import { eligibility } from './ineligible.js';
import {
  compileMemberships,
  compileShifts,
  compileShiftTypes,
  newKeys,
  type Keys,
  type Memberships,
  type Shifts,
  type ShiftTypes,
} from './compile-parts.js';

export const DEFAULT_CONTRACT: Contract = {
  maxMinutesPer7Days: 48 * 60,
  minRestMinutes: 11 * 60,
  maxConsecutiveDays: 6,
  maxConsecutiveNights: 4,
  daysOff: 'one-in-7',
};

/**
 * The problem turned into arrays indexed by integers, built once per solve: the search and the
 * constraints read only this. Demands 0..D-1 are the problem's; D..N-1 are prior shifts (read-only).
 */
export interface Compiled {
  problem: Problem;
  R: number;
  D: number;
  N: number;
  H: number;
  resourceIds: string[];
  resourceNames: string[];
  demandIds: string[];
  demandLabels: string[];
  locationIds: string[];
  regionIds: string[];
  skillIds: string[];
  /** Names for explanations (the ids where none is given). */
  regionNames: string[];
  skillNames: string[];
  start: Float64Array;
  end: Float64Array;
  day: Int32Array;
  night: Uint8Array;
  weekend: Uint8Array;
  loc: Int32Array;
  region: Int32Array;
  /** Index of the demand's period (dense). */
  period: Int32Array;
  periodCount: number;
  /** loc * periodCount + period, the key of continuity counts. */
  locPeriod: Int32Array;
  tags: string[][];
  required: Int32Array;
  requiredSkills: number[][];
  /** Owner of each prior shift (index D..N-1), -1 for demands. */
  priorOwner: Int32Array;
  /** Slots of demand d are slotStart[d] .. slotStart[d+1]-1. */
  slotStart: Int32Array;
  slotDemand: Int32Array;
  S: number;
  /** The slot's assignment when the solve starts, -1 for nobody. */
  initial: Int32Array;
  /** 1 when the search must not change the slot. */
  fixed: Uint8Array;
  /** Published resource indices of each demand. */
  published: number[][];
  /** R x D bits of INELIGIBLE. */
  flags: Uint8Array;
  /** Resource indices with no ineligibility, per demand. */
  eligible: Int32Array[];
  contract: Contract[];
  /** Per resource: weeks with weekend work done before the horizon, each once (see `maxWeekends`). */
  weekendsBefore: number[][];
  targetMinutes: Float64Array;
  /** Share of demanded shifts (people x demands) that are nights, and weekend shifts. */
  nightShare: number;
  /** True when the fairness targets share out the demand (a shortfall counts squared). */
  shortfallSquared: boolean;
  weekendShare: number;
  homeRegion: Int32Array;
  regionsOf: Uint8Array;
  skillsOf: Uint8Array;
  unavailable: Absence[][];
  preferences: Preference[][];
  /** Locations each resource worked last period (R x L bits). */
  familiar: Uint8Array;
  caps: { tag: string; max: number }[][];
  excluded: Set<number>[];
  gender: (string | undefined)[];
  resourceGender: (string | undefined)[];
  weights: Float64Array;
  /** Locations where at least one resource has history (familiarity only counts there). */
  locKnown: Uint8Array;
  /** Formats instants in explanations. */
  fmt: (t: number) => string;
  /** Names a day index in words ("Mon 7 Dec"); default "day N". */
  fmtDay: (day: number) => string;
  /** Shift type index of each demand and prior shift (N entries), -1 for none. */
  shiftType: Int32Array;
  shiftTypeIds: string[];
  /** Per resource: the cap of each shift type (T entries, -1 for none), or null without caps. */
  typeCaps: (Int32Array | null)[];
  /** forbiddenNext[a * T + b] = 1 when type b may not start the day after type a. */
  forbiddenNext: Uint8Array;
  /** Per resource: requests with the shift type as an index (-1: any shift). */
  requests: { day: number; type: number; on: boolean; weight: number }[][];
  /** Per demand: places beyond `required` that may be filled. */
  optional: Int32Array;
  /** Per demand: soft cost of a missing person, or -1 when cover is medium (`unfilled`). */
  underWeight: Float64Array;
  overWeight: Float64Array;
  /**
   * 1 for a constraint no resource or demand of this problem can trigger (e.g. no contract sets a
   * minimum run): the search skips evaluating it, a full recount still scores it (always 0).
   */
  idle: Uint8Array;
}
function resourceIndex(resources: readonly Resource[]): Map<string, number> {
  const byId = new Map<string, number>();
  resources.forEach((r, i) => {
    if (byId.has(r.id)) throw new Error(`duplicate resource id ${r.id}`);
    byId.set(r.id, i);
  });
  return byId;
}

/**
 * `forSearch`: movable slots drop people who may not work them (e.g. now off sick) so the construction
 * refills them; without it (scoring, explaining) the assignment is taken exactly as given. `like`: a
 * compiled problem this one shares most resources and demands with (the same objects, as a copy with one
 * rule relaxed for one person does): their eligibility is taken from it, not worked out again.
 */
export function compile(
  problem: Problem,
  { forSearch = false, like }: { forSearch?: boolean; like?: Compiled } = {},
): Compiled {
  const { resources, demands } = problem;
  const byId = resourceIndex(resources);
  const idx = (id: string): number => byId.get(id) ?? -1;
  const keys = newKeys();
  const shifts = compileShifts(problem, keys);
  const types = compileShiftTypes(problem, keys.types);
  const members = compileMemberships(resources, keys);
  const D = demands.length;
  const S = shifts.slotStart[D] ?? 0;
  const slotDemand = new Int32Array(S);
  for (let d = 0; d < D; d++)
    for (let s = shifts.slotStart[d] ?? 0; s < (shifts.slotStart[d + 1] ?? 0); s++) slotDemand[s] = d;
  const P = Math.max(1, keys.periods.ids.length);
  const locPeriod = new Int32Array(shifts.N).fill(-1);
  for (let d = 0; d < D; d++) locPeriod[d] = (shifts.loc[d] ?? 0) * P + (shifts.period[d] ?? 0);
  const facts = eligibilityFacts(problem, shifts, members, keys, idx, like);
  const { initial, fixed } = initialSlots(problem, shifts.slotStart, facts.flags, idx, forSearch);
  const weights = new Float64Array(CONSTRAINTS.length);
  CONSTRAINTS.forEach((c, i) => (weights[i] = problem.weights?.[c.name] ?? c.defaultWeight));
  const compiled = assemble(problem, keys, shifts, types, members, {
    ...facts,
    periodCount: P,
    locPeriod,
    slotDemand,
    S,
    initial,
    fixed,
    published: demands.map((d) => (d.published ?? []).map(idx).filter((i) => i >= 0)),
    contract: resources.map((r) => ({ ...DEFAULT_CONTRACT, ...(r.contract ?? {}) })),
    weights,
  });
  computeTargets(compiled);
  markIdle(compiled);
  return compiled;
}

/**
 * The same compiled problem for another repair of it: `problem` may differ from the compiled one only in
 * `solveOnly`, `allowMovingOthers`, `fixedBefore` and `assignments` (which slots may change and who starts
 * in them). The facts, eligibility above all (most of a compile), are shared rather than built again.
 */
export function recompileSlots(
  c: Compiled,
  problem: Problem,
  { forSearch = false }: { forSearch?: boolean } = {},
): Compiled {
  const byId = new Map(c.resourceIds.map((id, i) => [id, i]));
  const idx = (id: string): number => byId.get(id) ?? -1;
  const { initial, fixed } = initialSlots(problem, c.slotStart, c.flags, idx, forSearch);
  return { ...c, problem, initial, fixed };
}

/** Who may work each demand at all (R x D bits of INELIGIBLE), and the facts that decide it. */
function eligibilityFacts(
  problem: Problem,
  shifts: Shifts,
  members: Memberships,
  keys: Keys,
  idx: (id: string) => number,
  like: Compiled | undefined,
) {
  const { demands, resources } = problem;
  const requiredSkills = demands.map((d) => (d.requiredSkills ?? []).map((s) => keys.skills.of(s)));
  const excluded = demands.map((d) => new Set((d.excluded ?? []).map(idx).filter((i) => i >= 0)));
  const unavailable = resources.map((r) => [...(r.unavailable ?? [])]);
  const { flags, eligible } = eligibility(
    {
      demands,
      resources,
      region: shifts.region,
      requiredSkills,
      excluded,
      unavailable,
      regionsOf: members.regionsOf,
      skillsOf: members.skillsOf,
      regionCount: keys.regions.ids.length,
      skillCount: keys.skills.ids.length,
    },
    like && {
      resources: like.problem.resources,
      demands: like.problem.demands,
      flags: like.flags,
      eligible: like.eligible,
    },
  );
  return { requiredSkills, excluded, unavailable, flags, eligible };
}

/** Each slot's person when the solve starts (-1 for nobody), and whether the search may change it. */
function initialSlots(
  problem: Problem,
  slotStart: Int32Array,
  flags: Uint8Array,
  idx: (id: string) => number,
  forSearch: boolean,
): { initial: Int32Array; fixed: Uint8Array } {
  const { demands } = problem;
  const D = demands.length;
  const S = slotStart[D] ?? 0;
  const initial = new Int32Array(S).fill(-1);
  const fixed = new Uint8Array(S);
  const solveOnly = problem.solveOnly ? new Set(problem.solveOnly) : undefined;
  demands.forEach((dem, d) => {
    const base = slotStart[d] ?? 0;
    const size = (slotStart[d + 1] ?? 0) - base;
    // Ids that are not resources (someone who has left the panel) are dropped, here and below,
    // rather than failing a whole rota over one stale row.
    const pinned = (dem.pinned ?? []).map(idx).filter((i) => i >= 0);
    const current = (problem.assignments?.[dem.id] ?? dem.published ?? []).map(idx).filter((i) => i >= 0);
    const people = [...pinned];
    for (const r of current) if (!people.includes(r) && people.length < size) people.push(r);
    const frozen =
      (problem.fixedBefore !== undefined && dem.start < problem.fixedBefore) ||
      (solveOnly !== undefined && !solveOnly.has(dem.id) && !problem.allowMovingOthers);
    for (let k = 0; k < size; k++) {
      const r = people[k] ?? -1;
      fixed[base + k] = k < pinned.length || frozen ? 1 : 0;
      initial[base + k] = forSearch && r >= 0 && !fixed[base + k] && flags[r * D + d] ? -1 : r;
    }
  });
  return { initial, fixed };
}

type Facts = ReturnType<typeof eligibilityFacts> &
  Pick<
    Compiled,
    | 'periodCount'
    | 'locPeriod'
    | 'slotDemand'
    | 'S'
    | 'initial'
    | 'fixed'
    | 'published'
    | 'contract'
    | 'weights'
  >;

/** The parts in the order of `Compiled`'s fields, so that every compiled problem has the same shape. */
function assemble(
  problem: Problem,
  keys: Keys,
  sh: Shifts,
  types: ShiftTypes,
  m: Memberships,
  f: Facts,
): Compiled {
  const { resources, demands } = problem;
  const L = keys.locations.ids.length;
  return {
    problem,
    R: resources.length,
    D: demands.length,
    N: sh.N,
    H: problem.horizonDays ?? sh.maxDay + 1,
    resourceIds: resources.map((r) => r.id),
    resourceNames: resources.map((r) => r.name ?? r.id),
    demandIds: demands.map((d) => d.id),
    demandLabels: demands.map((d) => d.label ?? d.id),
    locationIds: keys.locations.ids,
    regionIds: keys.regions.ids,
    skillIds: keys.skills.ids,
    regionNames: keys.regions.ids.map((id) => problem.names?.regions?.[id] ?? id),
    skillNames: keys.skills.ids.map((id) => problem.names?.skills?.[id] ?? id),
    start: sh.start,
    end: sh.end,
    day: sh.day,
    night: sh.night,
    weekend: sh.weekend,
    loc: sh.loc,
    region: sh.region,
    period: sh.period,
    periodCount: f.periodCount,
    locPeriod: f.locPeriod,
    tags: demands.map((d) => [...(d.tags ?? [])]),
    required: sh.required,
    requiredSkills: f.requiredSkills,
    priorOwner: sh.priorOwner,
    slotStart: sh.slotStart,
    slotDemand: f.slotDemand,
    S: f.S,
    initial: f.initial,
    fixed: f.fixed,
    published: f.published,
    flags: f.flags,
    eligible: f.eligible,
    contract: f.contract,
    weekendsBefore: resources.map((r) => [...new Set(r.history?.weekendsBefore ?? [])]),
    targetMinutes: new Float64Array(resources.length),
    nightShare: 0,
    shortfallSquared: true,
    weekendShare: 0,
    homeRegion: m.homeRegion,
    regionsOf: m.regionsOf,
    skillsOf: m.skillsOf,
    unavailable: f.unavailable,
    preferences: resources.map((r) => [...(r.preferences ?? [])]),
    familiar: m.familiar,
    caps: resources.map((r) => [...(r.caps ?? [])]),
    excluded: f.excluded,
    gender: demands.map((d) => d.gender),
    resourceGender: resources.map((r) => r.gender),
    weights: f.weights,
    locKnown: new Uint8Array(L).map((_, l) => (resources.some((_r, i) => m.familiar[i * L + l]) ? 1 : 0)),
    fmt: formatInstantUtc,
    fmtDay: (day: number) => `day ${day}`,
    shiftType: sh.shiftType,
    shiftTypeIds: keys.types.ids,
    typeCaps: types.typeCaps,
    forbiddenNext: types.forbiddenNext,
    requests: types.requests,
    optional: sh.optional,
    underWeight: sh.underWeight,
    overWeight: sh.overWeight,
    idle: new Uint8Array(CONSTRAINTS.length),
  };
}

/** Marks the nurse-rostering rules that nothing in the problem sets, so moves do not pay for them. */
function markIdle(c: Compiled): void {
  const unused = (name: ConstraintName, used: boolean): void => {
    if (!used) c.idle[CONSTRAINTS.findIndex((k) => k.name === name)] = 1;
  };
  const contracts = c.contract;
  unused(
    'shiftTypeCap',
    c.typeCaps.some((t) => t !== null),
  );
  unused(
    'totalMinutes',
    contracts.some((k) => k.minTotalMinutes !== undefined || k.maxTotalMinutes !== undefined),
  );
  unused(
    'minConsecutiveDays',
    contracts.some((k) => (k.minConsecutiveDays ?? 1) > 1),
  );
  unused(
    'minConsecutiveDaysOff',
    contracts.some((k) => (k.minConsecutiveDaysOff ?? 1) > 1),
  );
  unused(
    'maxWeekends',
    contracts.some((k) => k.maxWeekends !== undefined),
  );
  unused(
    'succession',
    c.forbiddenNext.some((x) => x === 1),
  );
  unused(
    'requests',
    c.requests.some((q) => q.length > 0),
  );
  unused(
    'underCover',
    c.underWeight.some((w) => w > 0),
  );
  unused(
    'overCover',
    c.overWeight.some((w) => w > 0),
  );
}
