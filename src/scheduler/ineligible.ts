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
 */
export function eligibility(f: EligibilityFacts): { flags: Uint8Array; eligible: Int32Array[] } {
  const R = f.resources.length;
  const D = f.demands.length;
  const flags = new Uint8Array(R * D);
  const eligible: Int32Array[] = [];
  for (let d = 0; d < D; d++) {
    const dem = f.demands[d]!;
    const list: number[] = [];
    const g = f.region[d] ?? 0;
    const need = f.requiredSkills[d] ?? [];
    for (let r = 0; r < R; r++) {
      let bits = 0;
      if (!f.regionsOf[r * f.regionCount + g]) bits |= INELIGIBLE.region;
      for (const k of need) if (!f.skillsOf[r * f.skillCount + k]) bits |= INELIGIBLE.skill;
      if (dem.gender !== undefined && f.resources[r]!.gender !== dem.gender) bits |= INELIGIBLE.gender;
      if (f.excluded[d]!.has(r)) bits |= INELIGIBLE.excluded;
      for (const a of f.unavailable[r]!)
        if (a.start < dem.end && dem.start < a.end) bits |= INELIGIBLE.absent;
      flags[r * D + d] = bits;
      if (bits === 0) list.push(r);
    }
    eligible.push(Int32Array.from(list));
  }
  return { flags, eligible };
}
