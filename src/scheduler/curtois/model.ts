import type { CurtoisInstance } from './types.js';

/**
 * The instance compiled to flat typed arrays for the search. A cell value is 0 for a day off and v >= 1
 * for shift type v-1; indices are e*H+d for cells, e*V+v for per-employee counts, d*V+v for cover.
 */
export interface Model {
  readonly E: number;
  readonly H: number;
  /** Number of cell values: shift types + 1 (day off). */
  readonly V: number;
  /** Number of weekends (Saturdays inside the horizon). */
  readonly W: number;
  readonly staffIds: readonly string[];
  /** shiftIds[v] for v >= 1; shiftIds[0] is '' (off). */
  readonly shiftIds: readonly string[];
  readonly length: Int32Array;
  /** forbidden[a*V+b] = 1 if value b may not follow value a on the next day. */
  readonly forbidden: Uint8Array;
  readonly maxShifts: Int32Array;
  readonly maxMinutes: Int32Array;
  readonly minMinutes: Int32Array;
  readonly maxConsecutive: Int32Array;
  readonly minConsecutive: Int32Array;
  readonly minDaysOff: Int32Array;
  readonly maxWeekends: Int32Array;
  readonly fixedOff: Uint8Array;
  /** Request cost of giving value v to cell i: pref[i*V+v]. */
  readonly pref: Int32Array;
  readonly coverRequirement: Int32Array;
  readonly coverUnder: Int32Array;
  readonly coverOver: Int32Array;
  /** weekendOf[d] = k when day d is in weekend k, else -1. */
  readonly weekendOf: Int32Array;
  /** Values an employee may take at all (0 plus the types with MaxShifts > 0): allowed[e] list. */
  readonly allowed: readonly Uint8Array[];
}

const UNLIMITED = 1 << 30;

export function compileModel(instance: CurtoisInstance): Model {
  const E = instance.staff.length;
  const H = instance.horizonDays;
  const V = instance.shifts.length + 1;
  if (V > 255) throw new Error('at most 254 shift types are supported');
  const shiftIds = ['', ...instance.shifts.map((s) => s.id)];
  const valueOf = new Map(shiftIds.map((id, v) => [id, v] as const));
  const staffIndex = new Map(instance.staff.map((s, e) => [s.id, e] as const));
  const vOf = (id: string): number => valueOf.get(id) ?? 0;
  const eOf = (id: string): number => staffIndex.get(id) ?? 0;

  const length = new Int32Array(V);
  const forbidden = new Uint8Array(V * V);
  instance.shifts.forEach((s, k) => {
    length[k + 1] = s.lengthMinutes;
    for (const t of s.forbiddenNext) forbidden[(k + 1) * V + vOf(t)] = 1;
  });

  const maxShifts = new Int32Array(E * V);
  const perEmployee = (f: (e: number) => number): Int32Array =>
    Int32Array.from({ length: E }, (_, e) => f(e));
  const staff = instance.staff;
  const fixedOff = new Uint8Array(E * H);
  const allowed: Uint8Array[] = [];
  staff.forEach((member, e) => {
    const values = [0];
    for (let v = 1; v < V; v++) {
      const limit = member.maxShifts[shiftIds[v] ?? ''] ?? UNLIMITED;
      maxShifts[e * V + v] = limit;
      if (limit > 0) values.push(v);
    }
    maxShifts[e * V] = UNLIMITED;
    allowed.push(Uint8Array.from(values));
    for (const d of member.daysOff) fixedOff[e * H + d] = 1;
  });

  const pref = new Int32Array(E * H * V);
  for (const r of instance.onRequests) {
    const base = (eOf(r.employee) * H + r.day) * V;
    for (let v = 0; v < V; v++) if (v !== vOf(r.shift)) pref[base + v]! += r.weight;
  }
  for (const r of instance.offRequests) pref[(eOf(r.employee) * H + r.day) * V + vOf(r.shift)]! += r.weight;

  const coverRequirement = new Int32Array(H * V);
  const coverUnder = new Int32Array(H * V);
  const coverOver = new Int32Array(H * V);
  const seen = new Uint8Array(H * V);
  for (const c of instance.cover) {
    const k = c.day * V + vOf(c.shift);
    // The incremental cover cost keeps one piecewise-linear term per (day, shift); all 24 files comply.
    if (seen[k]) throw new Error(`two cover lines for day ${c.day} shift ${c.shift}`);
    seen[k] = 1;
    coverRequirement[k] = c.requirement;
    coverUnder[k] = c.weightUnder;
    coverOver[k] = c.weightOver;
  }

  const weekendOf = new Int32Array(H).fill(-1);
  let W = 0;
  for (let sat = 5; sat < H; sat += 7, W++) {
    weekendOf[sat] = W;
    if (sat + 1 < H) weekendOf[sat + 1] = W;
  }

  return {
    E,
    H,
    V,
    W,
    staffIds: staff.map((s) => s.id),
    shiftIds,
    length,
    forbidden,
    maxShifts,
    maxMinutes: perEmployee((e) => staff[e]?.maxTotalMinutes ?? 0),
    minMinutes: perEmployee((e) => staff[e]?.minTotalMinutes ?? 0),
    maxConsecutive: perEmployee((e) => staff[e]?.maxConsecutiveShifts ?? 0),
    minConsecutive: perEmployee((e) => staff[e]?.minConsecutiveShifts ?? 0),
    minDaysOff: perEmployee((e) => staff[e]?.minConsecutiveDaysOff ?? 0),
    maxWeekends: perEmployee((e) => staff[e]?.maxWeekends ?? 0),
    fixedOff,
    pref,
    coverRequirement,
    coverUnder,
    coverOver,
    weekendOf,
    allowed,
  };
}
