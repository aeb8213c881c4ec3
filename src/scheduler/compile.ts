import type {
  Absence,
  ConstraintName,
  Contract,
  Preference,
  Problem,
  Resource,
  ShiftRequest,
} from './model.js';
import { CONSTRAINTS } from './constraints/index.js';
import { computeTargets } from './targets.js';
import { formatInstantUtc } from './words.js';
import { eligibility } from './ineligible.js';

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

function indexer(): { ids: string[]; of: (id: string) => number } {
  const ids: string[] = [];
  const map = new Map<string, number>();
  return {
    ids,
    of(id) {
      let i = map.get(id);
      if (i === undefined) {
        i = ids.length;
        ids.push(id);
        map.set(id, i);
      }
      return i;
    },
  };
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
 * refills them; without it (scoring, explaining) the assignment is taken exactly as given.
 */
export function compile(problem: Problem, { forSearch = false }: { forSearch?: boolean } = {}): Compiled {
  const { resources, demands } = problem;
  const R = resources.length;
  const D = demands.length;
  const byId = resourceIndex(resources);
  const idx = (id: string): number => byId.get(id) ?? -1;
  const locations = indexer();
  const regions = indexer();
  const skills = indexer();
  const periods = indexer();
  const types = indexer();

  const priors: {
    owner: number;
    start: number;
    end: number;
    day: number;
    night: boolean;
    type: string | undefined;
  }[] = [];
  resources.forEach((r, i) => {
    for (const p of r.history?.priorWork ?? [])
      priors.push({
        owner: i,
        start: p.start,
        end: p.end,
        day: p.day,
        night: p.night ?? false,
        type: p.shiftType,
      });
  });
  const N = D + priors.length;
  const start = new Float64Array(N);
  const end = new Float64Array(N);
  const day = new Int32Array(N);
  const night = new Uint8Array(N);
  const weekend = new Uint8Array(N);
  const loc = new Int32Array(N).fill(-1);
  const region = new Int32Array(N).fill(-1);
  const period = new Int32Array(N).fill(-1);
  const priorOwner = new Int32Array(N).fill(-1);
  const required = new Int32Array(D);
  const optional = new Int32Array(D);
  const underWeight = new Float64Array(D).fill(-1);
  const overWeight = new Float64Array(D);
  const shiftType = new Int32Array(N).fill(-1);
  const slotStart = new Int32Array(D + 1);
  let maxDay = -1;
  const demandIndex = new Map<string, number>();
  demands.forEach((d, i) => {
    if (demandIndex.has(d.id)) throw new Error(`duplicate demand id ${d.id}`);
    if (!(d.end > d.start)) throw new Error(`demand ${d.id} ends before it starts`);
    demandIndex.set(d.id, i);
    start[i] = d.start;
    end[i] = d.end;
    day[i] = d.day;
    night[i] = d.night ? 1 : 0;
    weekend[i] = d.weekend ? 1 : 0;
    loc[i] = locations.of(d.location);
    region[i] = regions.of(d.region);
    period[i] = periods.of(String(d.period ?? Math.floor(d.day / 7)));
    required[i] = Math.max(0, d.required ?? 1);
    optional[i] = Math.max(0, d.optional ?? 0);
    if (d.underWeight !== undefined) underWeight[i] = d.underWeight;
    overWeight[i] = d.overWeight ?? 0;
    if (d.shiftType !== undefined) shiftType[i] = types.of(d.shiftType);
    slotStart[i + 1] =
      (slotStart[i] ?? 0) + Math.max((required[i] ?? 0) + (optional[i] ?? 0), d.pinned?.length ?? 0);
    maxDay = Math.max(maxDay, d.day);
    for (const s of d.requiredSkills ?? []) skills.of(s);
  });
  priors.forEach((p, k) => {
    const i = D + k;
    start[i] = p.start;
    end[i] = p.end;
    day[i] = p.day;
    night[i] = p.night ? 1 : 0;
    priorOwner[i] = p.owner;
    if (p.type !== undefined) shiftType[i] = types.of(p.type);
  });
  for (const r of resources) for (const t of Object.keys(r.contract?.maxShiftsByType ?? {})) types.of(t);
  for (const r of resources) for (const q of r.requests ?? []) if (q.shiftType) types.of(q.shiftType);
  for (const f of problem.forbiddenSuccessions ?? []) {
    types.of(f.first);
    types.of(f.next);
  }
  const T = types.ids.length;
  const forbiddenNext = new Uint8Array(T * T);
  for (const f of problem.forbiddenSuccessions ?? [])
    forbiddenNext[types.of(f.first) * T + types.of(f.next)] = 1;
  const typeCaps = resources.map((r) => {
    const caps = r.contract?.maxShiftsByType;
    if (!caps || Object.keys(caps).length === 0) return null;
    const out = new Int32Array(T).fill(-1);
    for (const [t, max] of Object.entries(caps)) out[types.of(t)] = max;
    return out;
  });
  const requestsOf = (list: readonly ShiftRequest[]) =>
    list
      .map((q) => ({
        day: q.day,
        type: q.shiftType === undefined ? -1 : types.of(q.shiftType),
        on: q.kind === 'on',
        weight: q.weight ?? 1,
      }))
      // Sorted by day, so a rule walks them alongside the timeline.
      .sort((a, b) => a.day - b.day);
  for (const r of resources) {
    for (const g of r.regions ?? []) regions.of(g);
    if (r.homeRegion !== undefined) regions.of(r.homeRegion);
    for (const s of r.skills ?? []) skills.of(s);
    for (const l of r.history?.locations ?? []) locations.of(l);
  }
  const S = slotStart[D] ?? 0;
  const slotDemand = new Int32Array(S);
  for (let d = 0; d < D; d++)
    for (let s = slotStart[d] ?? 0; s < (slotStart[d + 1] ?? 0); s++) slotDemand[s] = d;

  const G = regions.ids.length;
  const K = skills.ids.length;
  const L = locations.ids.length;
  const P = Math.max(1, periods.ids.length);
  const regionsOf = new Uint8Array(R * G);
  const skillsOf = new Uint8Array(R * K);
  const familiar = new Uint8Array(R * L);
  const homeRegion = new Int32Array(R).fill(-1);
  resources.forEach((r, i) => {
    for (const g of r.regions ?? []) regionsOf[i * G + regions.of(g)] = 1;
    for (const s of r.skills ?? []) skillsOf[i * K + skills.of(s)] = 1;
    for (const l of r.history?.locations ?? []) familiar[i * L + locations.of(l)] = 1;
    if (r.homeRegion !== undefined) homeRegion[i] = regions.of(r.homeRegion);
  });
  const locPeriod = new Int32Array(N).fill(-1);
  for (let d = 0; d < D; d++) locPeriod[d] = (loc[d] ?? 0) * P + (period[d] ?? 0);
  const requiredSkills = demands.map((d) => (d.requiredSkills ?? []).map((s) => skills.of(s)));
  const excluded = demands.map((d) => new Set((d.excluded ?? []).map(idx).filter((i) => i >= 0)));
  const unavailable = resources.map((r) => [...(r.unavailable ?? [])]);

  const { flags, eligible } = eligibility({
    demands,
    resources,
    region,
    requiredSkills,
    excluded,
    unavailable,
    regionsOf,
    skillsOf,
    regionCount: G,
    skillCount: K,
  });

  const initial = new Int32Array(S).fill(-1);
  const fixed = new Uint8Array(S);
  const solveOnly = problem.solveOnly ? new Set(problem.solveOnly) : undefined;
  const published = demands.map((d) => (d.published ?? []).map(idx).filter((i) => i >= 0));
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

  const contract = resources.map((r) => ({ ...DEFAULT_CONTRACT, ...(r.contract ?? {}) }));
  const weights = new Float64Array(CONSTRAINTS.length);
  CONSTRAINTS.forEach((c, i) => (weights[i] = problem.weights?.[c.name] ?? c.defaultWeight));

  const compiled: Compiled = {
    problem,
    R,
    D,
    N,
    H: problem.horizonDays ?? maxDay + 1,
    resourceIds: resources.map((r) => r.id),
    resourceNames: resources.map((r) => r.name ?? r.id),
    demandIds: demands.map((d) => d.id),
    demandLabels: demands.map((d) => d.label ?? d.id),
    locationIds: locations.ids,
    regionIds: regions.ids,
    skillIds: skills.ids,
    regionNames: regions.ids.map((id) => problem.names?.regions?.[id] ?? id),
    skillNames: skills.ids.map((id) => problem.names?.skills?.[id] ?? id),
    start,
    end,
    day,
    night,
    weekend,
    loc,
    region,
    period,
    periodCount: P,
    locPeriod,
    tags: demands.map((d) => [...(d.tags ?? [])]),
    required,
    requiredSkills,
    priorOwner,
    slotStart,
    slotDemand,
    S,
    initial,
    fixed,
    published,
    flags,
    eligible,
    contract,
    targetMinutes: new Float64Array(R),
    nightShare: 0,
    shortfallSquared: true,
    weekendShare: 0,
    homeRegion,
    regionsOf,
    skillsOf,
    unavailable,
    preferences: resources.map((r) => [...(r.preferences ?? [])]),
    familiar,
    caps: resources.map((r) => [...(r.caps ?? [])]),
    excluded,
    gender: demands.map((d) => d.gender),
    resourceGender: resources.map((r) => r.gender),
    weights,
    locKnown: new Uint8Array(L).map((_, l) => (resources.some((_r, i) => familiar[i * L + l]) ? 1 : 0)),
    fmt: formatInstantUtc,
    fmtDay: (day: number) => `day ${day}`,
    shiftType,
    shiftTypeIds: types.ids,
    typeCaps,
    forbiddenNext,
    requests: resources.map((r) => requestsOf(r.requests ?? [])),
    optional,
    underWeight,
    overWeight,
    idle: new Uint8Array(CONSTRAINTS.length),
  };
  computeTargets(compiled);
  markIdle(compiled);
  return compiled;
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
