/** Why a resource may never work a demand, as bits of `Compiled.flags` (precomputed once per solve). */
export const INELIGIBLE = { absent: 1, region: 2, skill: 4, gender: 8, excluded: 16 } as const;
