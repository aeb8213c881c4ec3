import type { Demand, Problem, Resource, ShiftRequest } from './model.js';

/** Dense indices for string keys, in the order they are first met. */
export interface Indexer {
  readonly ids: string[];
  of(id: string): number;
}

export function indexer(): Indexer {
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

/** The problem's string keys; the order each is first met fixes its index. */
export interface Keys {
  readonly locations: Indexer;
  readonly regions: Indexer;
  readonly skills: Indexer;
  readonly periods: Indexer;
  readonly types: Indexer;
}

export function newKeys(): Keys {
  return {
    locations: indexer(),
    regions: indexer(),
    skills: indexer(),
    periods: indexer(),
    types: indexer(),
  };
}

interface PriorShift {
  owner: number;
  start: number;
  end: number;
  day: number;
  night: boolean;
  type: string | undefined;
}

function priorShifts(resources: readonly Resource[]): PriorShift[] {
  const priors: PriorShift[] = [];
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
  return priors;
}

function shiftArrays(D: number, N: number) {
  return {
    start: new Float64Array(N),
    end: new Float64Array(N),
    day: new Int32Array(N),
    night: new Uint8Array(N),
    weekend: new Uint8Array(N),
    loc: new Int32Array(N).fill(-1),
    region: new Int32Array(N).fill(-1),
    period: new Int32Array(N).fill(-1),
    priorOwner: new Int32Array(N).fill(-1),
    required: new Int32Array(D),
    optional: new Int32Array(D),
    underWeight: new Float64Array(D).fill(-1),
    overWeight: new Float64Array(D),
    shiftType: new Int32Array(N).fill(-1),
    slotStart: new Int32Array(D + 1),
  };
}

export type Shifts = ReturnType<typeof shiftArrays> & { N: number; maxDay: number };

/** Demands (0..D-1) then the people's prior shifts (D..N-1) as parallel arrays, with each demand's slots. */
export function compileShifts(problem: Problem, keys: Keys): Shifts {
  const priors = priorShifts(problem.resources);
  const D = problem.demands.length;
  const N = D + priors.length;
  const s = shiftArrays(D, N);
  const maxDay = placeDemands(problem.demands, s, keys);
  priors.forEach((p, k) => {
    const i = D + k;
    s.start[i] = p.start;
    s.end[i] = p.end;
    s.day[i] = p.day;
    s.night[i] = p.night ? 1 : 0;
    s.priorOwner[i] = p.owner;
    if (p.type !== undefined) s.shiftType[i] = keys.types.of(p.type);
  });
  return { ...s, N, maxDay };
}

/** Fills the demands' entries and returns the last day any demand falls on (-1 without demands). */
function placeDemands(demands: readonly Demand[], s: ReturnType<typeof shiftArrays>, keys: Keys): number {
  const { slotStart, required, optional } = s;
  let maxDay = -1;
  const demandIndex = new Map<string, number>();
  demands.forEach((d, i) => {
    if (demandIndex.has(d.id)) throw new Error(`duplicate demand id ${d.id}`);
    if (!(d.end > d.start)) throw new Error(`demand ${d.id} ends before it starts`);
    demandIndex.set(d.id, i);
    s.start[i] = d.start;
    s.end[i] = d.end;
    s.day[i] = d.day;
    s.night[i] = d.night ? 1 : 0;
    s.weekend[i] = d.weekend ? 1 : 0;
    s.loc[i] = keys.locations.of(d.location);
    s.region[i] = keys.regions.of(d.region);
    s.period[i] = keys.periods.of(String(d.period ?? Math.floor(d.day / 7)));
    required[i] = Math.max(0, d.required ?? 1);
    optional[i] = Math.max(0, d.optional ?? 0);
    if (d.underWeight !== undefined) s.underWeight[i] = d.underWeight;
    s.overWeight[i] = d.overWeight ?? 0;
    if (d.shiftType !== undefined) s.shiftType[i] = keys.types.of(d.shiftType);
    slotStart[i + 1] =
      (slotStart[i] ?? 0) + Math.max((required[i] ?? 0) + (optional[i] ?? 0), d.pinned?.length ?? 0);
    maxDay = Math.max(maxDay, d.day);
    for (const sk of d.requiredSkills ?? []) keys.skills.of(sk);
  });
  return maxDay;
}

export interface ShiftTypes {
  typeCaps: (Int32Array | null)[];
  forbiddenNext: Uint8Array;
  requests: { day: number; type: number; on: boolean; weight: number }[][];
}

/** Shift-type caps, forbidden successions and requests, once every type has its index. */
export function compileShiftTypes(problem: Problem, types: Indexer): ShiftTypes {
  const { resources } = problem;
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
  return { typeCaps, forbiddenNext, requests: resources.map((r) => requestsOf(r.requests ?? [])) };
}

export interface Memberships {
  regionsOf: Uint8Array;
  skillsOf: Uint8Array;
  familiar: Uint8Array;
  homeRegion: Int32Array;
}

/** Each person's regions, skills and last period's locations as R x G, R x K and R x L bits. */
export function compileMemberships(resources: readonly Resource[], keys: Keys): Memberships {
  const { regions, skills, locations } = keys;
  for (const r of resources) {
    for (const g of r.regions ?? []) regions.of(g);
    if (r.homeRegion !== undefined) regions.of(r.homeRegion);
    for (const s of r.skills ?? []) skills.of(s);
    for (const l of r.history?.locations ?? []) locations.of(l);
  }
  const R = resources.length;
  const G = regions.ids.length;
  const K = skills.ids.length;
  const L = locations.ids.length;
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
  return { regionsOf, skillsOf, familiar, homeRegion };
}
