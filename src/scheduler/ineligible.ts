import type { Absence, Demand, Resource } from './model.js';

/** Why a resource may never work a demand, as bits of `Compiled.flags` (precomputed once per solve). */
export const INELIGIBLE = { absent: 1, region: 2, skill: 4, gender: 8, excluded: 16 } as const;

export interface EligibilityFacts {
  demands: readonly Demand[];
  resources: readonly Resource[];
  region: Int32Array;
  requiredSkills: number[][];
  excluded: Set<number>[];
  unavailable: Absence[][];
  /** R x regionCount and R x skillCount membership. */
  regionsOf: Uint8Array;
  skillsOf: Uint8Array;
  regionCount: number;
  skillCount: number;
}

/**
 * Every resource against every demand, once per solve: the R x D bits of what makes a pair
 * impossible, and per demand the resources with none. The search only ever picks from these lists.
 * It runs for every pair (800,000 in a national cover plan), so a demand's bits are ORed from rows
 * made once (per region, per skill, per gender), and only the few people with an absence or an
 * exclusion are looked at one by one: checking every rule for every pair was half of a cover plan's
 * solving.
 */
export function eligibility(
  f: EligibilityFacts,
  like?: Eligibility,
): { flags: Uint8Array; eligible: Int32Array[] } {
  return (like && eligibilityLike(f, like)) ?? everyPair(f);
}

/** A compiled problem's eligibility with the resources and demands it was worked out for. */
export interface Eligibility {
  resources: readonly Resource[];
  demands: readonly Demand[];
  flags: Uint8Array;
  eligible: Int32Array[];
}

/**
 * The eligibility of a problem that shares most of its resources and demands (the same objects, in the
 * same order) with one already worked out, as a rule relaxed for one person or one family is: only the
 * pairs of a resource or demand that is not the same object are worked out again. Undefined when the
 * two do not line up that way.
 */
function eligibilityLike(f: EligibilityFacts, like: Eligibility): ReturnType<typeof everyPair> | undefined {
  const R = f.resources.length;
  const D = f.demands.length;
  if (like.resources.length !== R || like.demands.length !== D) return undefined;
  const newR: number[] = [];
  for (let r = 0; r < R; r++) {
    if (f.resources[r] === like.resources[r]) continue;
    if (f.resources[r]!.id !== like.resources[r]!.id) return undefined;
    newR.push(r);
  }
  const newD = new Uint8Array(D);
  let changedDemands = 0;
  for (let d = 0; d < D; d++)
    if (f.demands[d] !== like.demands[d]) {
      newD[d] = 1;
      changedDemands++;
    }
  // Worth it only while few pairs change (one person, or one family's shifts).
  if (newR.length * D + changedDemands * R > (R * D) / 4) return undefined;
  const flags = Uint8Array.from(like.flags);
  const eligible = like.eligible.slice();
  for (let d = 0; d < D; d++) {
    let changed = newD[d] === 1;
    for (const r of newD[d] ? f.resources.keys() : newR) {
      const bits = pairBits(f, r, d);
      if ((bits === 0) !== (flags[r * D + d] === 0)) changed = true;
      flags[r * D + d] = bits;
    }
    if (!changed) continue;
    const list: number[] = [];
    for (let r = 0; r < R; r++) if (flags[r * D + d] === 0) list.push(r);
    eligible[d] = Int32Array.from(list);
  }
  return { flags, eligible };
}

/** The bits of one pair, each rule read straight off the facts (as `everyPair` ORs them by rows). */
function pairBits(f: EligibilityFacts, r: number, d: number): number {
  const dem = f.demands[d]!;
  let bits = f.regionsOf[r * f.regionCount + (f.region[d] ?? 0)] ? 0 : INELIGIBLE.region;
  for (const k of f.requiredSkills[d] ?? []) if (!f.skillsOf[r * f.skillCount + k]) bits |= INELIGIBLE.skill;
  if (dem.gender !== undefined && f.resources[r]!.gender !== dem.gender) bits |= INELIGIBLE.gender;
  if (f.excluded[d]!.has(r)) bits |= INELIGIBLE.excluded;
  for (const a of f.unavailable[r]!) if (a.start < dem.end && dem.start < a.end) bits |= INELIGIBLE.absent;
  return bits;
}

function everyPair(f: EligibilityFacts): { flags: Uint8Array; eligible: Int32Array[] } {
  const R = f.resources.length;
  const D = f.demands.length;
  const flags = new Uint8Array(R * D);
  const eligible: Int32Array[] = [];
  const outOf = rows(f.regionCount, R, (g, r) => !f.regionsOf[r * f.regionCount + g], INELIGIBLE.region);
  const lacking = rows(f.skillCount, R, (k, r) => !f.skillsOf[r * f.skillCount + k], INELIGIBLE.skill);
  const otherGender = new Map<string, Uint8Array>();
  const away = f.resources.flatMap((_, r) => (f.unavailable[r]!.length > 0 ? [r] : []));
  const bits = new Uint8Array(R);
  const list = new Int32Array(R);
  for (let d = 0; d < D; d++) {
    const dem = f.demands[d]!;
    bits.set(outOf[f.region[d] ?? 0]!);
    for (const k of f.requiredSkills[d] ?? []) or(bits, lacking[k]!);
    if (dem.gender !== undefined) {
      let row = otherGender.get(dem.gender);
      if (!row) {
        row = Uint8Array.from(f.resources, (r) => (r.gender !== dem.gender ? INELIGIBLE.gender : 0));
        otherGender.set(dem.gender, row);
      }
      or(bits, row);
    }
    for (const r of f.excluded[d]!) bits[r]! |= INELIGIBLE.excluded;
    for (const r of away)
      for (const a of f.unavailable[r]!)
        if (a.start < dem.end && dem.start < a.end) bits[r]! |= INELIGIBLE.absent;
    let n = 0;
    for (let r = 0; r < R; r++) {
      const b = bits[r]!;
      flags[r * D + d] = b;
      if (b === 0) list[n++] = r;
    }
    eligible.push(list.slice(0, n));
  }
  return { flags, eligible };
}

/** For each of `count` keys, a row of R bytes: `bit` where `misses(key, r)`. */
function rows(
  count: number,
  R: number,
  misses: (key: number, r: number) => boolean,
  bit: number,
): Uint8Array[] {
  return Array.from({ length: count }, (_, key) => {
    const row = new Uint8Array(R);
    for (let r = 0; r < R; r++) if (misses(key, r)) row[r] = bit;
    return row;
  });
}

function or(into: Uint8Array, row: Uint8Array): void {
  for (let i = 0; i < into.length; i++) into[i]! |= row[i]!;
}
