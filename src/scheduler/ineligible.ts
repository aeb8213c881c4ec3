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
export function eligibility(f: EligibilityFacts): { flags: Uint8Array; eligible: Int32Array[] } {
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
      for (const a of f.unavailable[r]!) if (a.start < dem.end && dem.start < a.end) bits[r]! |= INELIGIBLE.absent;
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
function rows(count: number, R: number, misses: (key: number, r: number) => boolean, bit: number): Uint8Array[] {
  return Array.from({ length: count }, (_, key) => {
    const row = new Uint8Array(R);
    for (let r = 0; r < R; r++) if (misses(key, r)) row[r] = bit;
    return row;
  });
}

function or(into: Uint8Array, row: Uint8Array): void {
  for (let i = 0; i < into.length; i++) into[i]! |= row[i]!;
}
