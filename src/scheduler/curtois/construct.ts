import type { Random } from '../random.js';
import type { Model } from './model.js';
import { buildFeasibleRow } from './row-builder.js';

/**
 * A starting roster built row by row (employees in random order) with the feasible row builder, each
 * row leaning towards the cover still unmet by the rows before it. A row the builder cannot find within
 * its budget falls back to the block pattern below, which the search then repairs.
 */
export function constructRoster(m: Model, rng: Random): Uint8Array {
  const { E, H, V } = m;
  const cells = blockPatternRoster(m, rng);
  const need = Int32Array.from(m.coverRequirement);
  const order = rng.shuffle(Array.from({ length: E }, (_, e) => e));
  for (const e of order) {
    // Several short randomised attempts beat one long backtrack, which thrashes near the root.
    let built = false;
    for (let attempt = 0; attempt < 12 && !built; attempt++) {
      built = buildFeasibleRow(m, e, rng, need, cells, 8 * H + 200, attempt >= 8);
    }
    if (!built) continue;
    for (let d = 0; d < H; d++) {
      const v = cells[e * H + d]!;
      if (v !== 0) need[d * V + v]!--;
    }
  }
  return cells;
}

/**
 * A fallback starting roster: each employee works in blocks of one shift type, sized to the middle of its
 * min/max consecutive range and spread to hit the middle of its minutes window. It is usually not
 * feasible (weekends, per-type limits, fixed days off are ignored); the search repairs it.
 */
function blockPatternRoster(m: Model, rng: Random): Uint8Array {
  const { E, H } = m;
  const cells = new Uint8Array(E * H);
  for (let e = 0; e < E; e++) {
    const allowed = m.allowed[e]!;
    if (allowed.length < 2) continue;
    let typical = 0;
    for (let j = 1; j < allowed.length; j++) typical += m.length[allowed[j]!]!;
    typical /= allowed.length - 1;
    const targetShifts = Math.round((m.minMinutes[e]! + m.maxMinutes[e]!) / 2 / Math.max(typical, 1));
    const cmin = Math.max(1, m.minConsecutive[e]!);
    const cmax = Math.max(cmin, m.maxConsecutive[e]!);
    const rmin = Math.max(1, m.minDaysOff[e]!);
    const blockLength = Math.max(cmin, Math.min(cmax, Math.round((cmin + cmax) / 2)));
    const blocks = Math.max(1, Math.round(targetShifts / blockLength));
    const gap = Math.max(rmin, Math.floor((H - blocks * blockLength) / blocks));
    let d = rng.int(gap + 1);
    let placed = 0;
    while (d < H && placed < targetShifts) {
      const v = allowed[1 + rng.int(allowed.length - 1)]!;
      for (let k = 0; k < blockLength && d < H && placed < targetShifts; k++, d++) {
        if (m.fixedOff[e * H + d]) continue;
        cells[e * H + d] = v;
        placed++;
      }
      d += gap;
    }
  }
  return cells;
}
