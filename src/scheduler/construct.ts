import type { Compiled } from './compile.js';
import type { Random } from './random.js';
import type { State } from './state.js';

function better(a: Float64Array, hard: number, medium: number, soft: number): boolean {
  return hard < a[0]! || (hard === a[0]! && (medium < a[1]! || (medium === a[1]! && soft < a[2]!)));
}

/**
 * Fills empty movable slots one by one, hardest demands first (fewest eligible resources, then
 * earliest), each with the candidate that leaves the best score; a slot stays empty when every
 * candidate would make the score worse (i.e. break a hard rule). `sample` bounds the candidates tried
 * per slot (a run of the eligible list from a random place), for problems too big to try everyone.
 */
export function construct(
  state: State,
  shouldStop: () => boolean = () => false,
  sample?: { size: number; rnd: Random },
): void {
  const c: Compiled = state.c;
  const slots: number[] = [];
  for (let i = 0; i < state.emptySlots.size; i++) slots.push(state.emptySlots.at(i));
  slots.sort((a, b) => {
    const da = c.slotDemand[a]!;
    const db = c.slotDemand[b]!;
    return c.eligible[da]!.length - c.eligible[db]!.length || c.start[da]! - c.start[db]! || a - b;
  });
  const best = new Float64Array(3);
  const people: number[] = [];
  let n = 0;
  for (const s of slots) {
    if ((++n & 63) === 0 && shouldStop()) return;
    const d = c.slotDemand[s]!;
    state.peopleOf(d, people);
    best.set(state.totals);
    let choice = -1;
    const list = c.eligible[d]!;
    // With a sample size, at most that many candidates (from a random offset) are tried per slot.
    const tries = sample ? Math.min(sample.size, list.length) : list.length;
    const from = sample && tries < list.length ? sample.rnd.int(list.length) : 0;
    for (let k = 0; k < tries; k++) {
      const r = list[(from + k) % list.length]!;
      if (people.includes(r)) continue;
      state.begin();
      state.setSlot(s, r);
      const t = state.totals;
      if (better(best, t[0]!, t[1]!, t[2]!)) {
        best.set(t);
        choice = r;
      }
      state.rollback();
    }
    if (choice >= 0) state.setSlot(s, choice);
  }
}
