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

/** Dense indices of the instance's ids: shift values (0 is off) and employees. */
interface Ids {
  readonly shiftIds: string[];
  readonly V: number;
  readonly H: number;
  vOf(id: string): number;
  eOf(id: string): number;
}

export function compileModel(instance: CurtoisInstance): Model {
  const E = instance.staff.length;
  const H = instance.horizonDays;
  const V = instance.shifts.length + 1;
  if (V > 255) throw new Error('at most 254 shift types are supported');
  const shiftIds = ['', ...instance.shifts.map((s) => s.id)];
  const valueOf = new Map(shiftIds.map((id, v) => [id, v] as const));
  const staffIndex = new Map(instance.staff.map((s, e) => [s.id, e] as const));
  const ids: Ids = {
    shiftIds,
    V,
    H,
    vOf: (id) => valueOf.get(id) ?? 0,
    eOf: (id) => staffIndex.get(id) ?? 0,
  };
  const perEmployee = (f: (e: number) => number): Int32Array =>
    Int32Array.from({ length: E }, (_, e) => f(e));
  const staff = instance.staff;
  const { W, weekendOf } = weekends(H);
  return {
    E,
    H,
    V,
    W,
    staffIds: staff.map((s) => s.id),
    shiftIds,
    ...shiftTables(instance, ids),
    ...staffLimits(instance, ids),
    maxMinutes: perEmployee((e) => staff[e]?.maxTotalMinutes ?? 0),
    minMinutes: perEmployee((e) => staff[e]?.minTotalMinutes ?? 0),
    maxConsecutive: perEmployee((e) => staff[e]?.maxConsecutiveShifts ?? 0),
    minConsecutive: perEmployee((e) => staff[e]?.minConsecutiveShifts ?? 0),
    minDaysOff: perEmployee((e) => staff[e]?.minConsecutiveDaysOff ?? 0),
    maxWeekends: perEmployee((e) => staff[e]?.maxWeekends ?? 0),
    fixedOff: fixedDaysOff(instance),
    pref: preferences(instance, ids),
    ...coverTables(instance, ids),
    weekendOf,
    allowed: allowedValues(instance, ids),
  };
}

function shiftTables(instance: CurtoisInstance, { V, vOf }: Ids) {
  const length = new Int32Array(V);
  const forbidden = new Uint8Array(V * V);
  instance.shifts.forEach((s, k) => {
    length[k + 1] = s.lengthMinutes;
    for (const t of s.forbiddenNext) forbidden[(k + 1) * V + vOf(t)] = 1;
  });
  return { length, forbidden };
}

/** maxShifts[e * V + v]: how many shifts of value v employee e may work (unlimited for days off). */
function staffLimits(instance: CurtoisInstance, { V, shiftIds }: Ids) {
  const maxShifts = new Int32Array(instance.staff.length * V);
  instance.staff.forEach((member, e) => {
    for (let v = 1; v < V; v++) maxShifts[e * V + v] = member.maxShifts[shiftIds[v] ?? ''] ?? UNLIMITED;
    maxShifts[e * V] = UNLIMITED;
  });
  return { maxShifts };
}

function allowedValues(instance: CurtoisInstance, { V, shiftIds }: Ids): Uint8Array[] {
  return instance.staff.map((member) => {
    const values = [0];
    for (let v = 1; v < V; v++) if ((member.maxShifts[shiftIds[v] ?? ''] ?? UNLIMITED) > 0) values.push(v);
    return Uint8Array.from(values);
  });
}

function fixedDaysOff(instance: CurtoisInstance): Uint8Array {
  const H = instance.horizonDays;
  const fixedOff = new Uint8Array(instance.staff.length * H);
  instance.staff.forEach((member, e) => {
    for (const d of member.daysOff) fixedOff[e * H + d] = 1;
  });
  return fixedOff;
}

/** pref[(e * H + d) * V + v]: the request weight broken by giving employee e value v on day d. */
function preferences(instance: CurtoisInstance, { V, H, vOf, eOf }: Ids): Int32Array {
  const pref = new Int32Array(instance.staff.length * H * V);
  for (const r of instance.onRequests) {
    const base = (eOf(r.employee) * H + r.day) * V;
    for (let v = 0; v < V; v++) if (v !== vOf(r.shift)) pref[base + v]! += r.weight;
  }
  for (const r of instance.offRequests) pref[(eOf(r.employee) * H + r.day) * V + vOf(r.shift)]! += r.weight;
  return pref;
}

function coverTables(instance: CurtoisInstance, { V, H, vOf }: Ids) {
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
  return { coverRequirement, coverUnder, coverOver };
}

/** weekendOf[d]: the index of the weekend (Saturday and Sunday) day d falls in, -1 on weekdays. */
function weekends(H: number): { W: number; weekendOf: Int32Array } {
  const weekendOf = new Int32Array(H).fill(-1);
  let W = 0;
  for (let sat = 5; sat < H; sat += 7, W++) {
    weekendOf[sat] = W;
    if (sat + 1 < H) weekendOf[sat + 1] = W;
  }
  return { W, weekendOf };
}
