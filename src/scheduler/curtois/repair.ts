import type { Random } from '../random.js';
import type { MoveEngine } from './moves.js';
import type { ScoreState } from './state.js';

/**
 * Repairs, one at a time, the rows that break hard rules, by a short annealing on that row alone whose
 * score is its hard penalty (soft cost only breaks ties). Hard rules live inside rows, so rows can be
 * repaired independently; in the main search such a row can stall because every repair step first
 * breaks another rule, which the hard weight forbids. Returns the number of rows still infeasible.
 * `shouldStop` is asked every 256 steps, so a long repair keeps to the caller's time limit.
 */
export function repairRows(
  state: ScoreState,
  engine: MoveEngine,
  rng: Random,
  movesPerRow: number,
  shouldStop: () => boolean = () => false,
): number {
  const { E } = state.model;
  let left = 0;
  for (let e = 0; e < E; e++) {
    if (state.hardOf[e]! <= 0) continue;
    engine.focus = e;
    let current = score(state, e);
    for (let step = 0; step < movesPerRow && state.hardOf[e]! > 0; step++) {
      if ((step & 255) === 0 && shouldStop()) break;
      const temperature = 4 * (1 - step / movesPerRow) + 0.2;
      const r = rng.next();
      const changed =
        r < 0.35
          ? engine.change()
          : r < 0.6
            ? engine.exchangeDays()
            : r < 0.8
              ? engine.exchangeBlocks()
              : engine.setBlock();
      if (!changed) continue;
      const candidate = score(state, e);
      if (candidate <= current || rng.next() < Math.exp((current - candidate) / temperature)) {
        engine.commit();
        current = candidate;
      } else {
        engine.undo();
      }
    }
    engine.focus = -1;
    if (state.hardOf[e]! > 0) left++;
  }
  return left;
}

function score(state: ScoreState, e: number): number {
  return state.hardOf[e]! + state.soft * 1e-4;
}
