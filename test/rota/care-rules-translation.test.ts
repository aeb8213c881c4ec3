import { describe, expect, it } from 'vitest';
import { NO_EARLY_AFTER_LATE_OR_NIGHT, successionsRestAllows } from '../../src/rota/care-rules.js';

describe('no early shift the day after a late or a night, stated where rest does not already rule it out', () => {
  const HOUR = 60;
  const shift = (id: string, day: number, from: number, to: number, shiftType: string) => ({
    id,
    day,
    start: (day * 24 + from) * HOUR,
    end: (day * 24 + to) * HOUR,
    shiftType,
    location: 'CR-1',
    region: 'north',
  });
  const panel = (restHours: number) => [{ id: 'p', contract: { minRestMinutes: restHours * HOUR } }];

  it('leaves out a pair that rest already forbids: the 24/7 night, then the 08:00 shift', () => {
    const demands = [shift('n', 0, 20, 32, 'night'), shift('e', 1, 8, 20, 'early')];
    expect(successionsRestAllows(NO_EARLY_AFTER_LATE_OR_NIGHT, demands, panel(11))).toEqual([]);
  });

  it('keeps a pair someone could work with the rest they have, prior work included', () => {
    const demands = [shift('l', 0, 14, 22, 'late'), shift('e', 1, 7, 15, 'early')];
    expect(successionsRestAllows(NO_EARLY_AFTER_LATE_OR_NIGHT, demands, panel(11))).toEqual([]);
    expect(successionsRestAllows(NO_EARLY_AFTER_LATE_OR_NIGHT, demands, panel(8))).toEqual([
      { first: 'late', next: 'early' },
    ]);
    const afterPrior = [shift('e', 0, 7, 15, 'early')];
    const worked = [{ ...panel(8)[0]!, history: { priorWork: [{ ...shift('x', -1, 20, 23, 'night') }] } }];
    expect(successionsRestAllows(NO_EARLY_AFTER_LATE_OR_NIGHT, afterPrior, worked)).toEqual([
      { first: 'night', next: 'early' },
    ]);
  });
});
