import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';

const counts = new Map<number, number>();

/** Demands beyond a resource's per-period cap for a tag (e.g. at most one lead-responder week). */
export function periodCap(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const caps = c.caps[r]!;
  if (caps.length === 0) return 0;
  let penalty = 0;
  for (const cap of caps) {
    counts.clear();
    for (const d of tl)
      if (d < c.D && c.tags[d]!.includes(cap.tag))
        counts.set(c.period[d]!, (counts.get(c.period[d]!) ?? 0) + 1);
    for (const [p, n] of counts) {
      if (n <= cap.max) continue;
      penalty += n - cap.max;
      emit?.({
        penalty: n - cap.max,
        resource: r,
        demands: tl.filter((d) => d < c.D && c.period[d] === p && c.tags[d]!.includes(cap.tag)),
        message: `${c.resourceNames[r]} would have ${n} ${cap.tag} shifts in one period (at most ${cap.max})`,
      });
    }
  }
  return penalty;
}
