import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { plural } from '../words.js';

/** Days beyond the maximum in each run of consecutive start days (nights only, when asked). */
function runsOver(
  c: Compiled,
  r: number,
  tl: readonly number[],
  nightsOnly: boolean,
  max: number,
  emit: Emit | undefined,
  what: string,
): number {
  let penalty = 0;
  let prevDay = Number.NaN;
  let run = 0;
  let first = 0;
  // i === tl.length closes the last run; no closure, as this runs on every move.
  for (let i = 0; i <= tl.length; i++) {
    const d = i < tl.length ? tl[i]! : -1;
    if (d >= 0 && nightsOnly && !c.night[d]) continue;
    const day = d >= 0 ? c.day[d]! : Number.NaN;
    if (day === prevDay) continue;
    if (day === prevDay + 1) {
      run++;
      prevDay = day;
      continue;
    }
    if (run > max) {
      penalty += run - max;
      emit?.({
        penalty: run - max,
        resource: r,
        demands: tl.slice(first, i).filter((x) => !nightsOnly || c.night[x]),
        message: `${c.resourceNames[r]} would work ${plural(run, what)} in a row (at most ${max})`,
      });
    }
    run = 1;
    first = i;
    prevDay = day;
  }
  return penalty;
}

export function maxConsecutiveDays(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  return runsOver(c, r, tl, false, c.contract[r]!.maxConsecutiveDays, emit, 'day');
}

export function maxConsecutiveNights(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  return runsOver(c, r, tl, true, c.contract[r]!.maxConsecutiveNights, emit, 'night');
}

const touched: number[] = [];

/**
 * Days short of the days off required in every window of 7 (or 14) days ('none': no such rule). A day counts as worked when
 * a shift starts on it or a night shift from the day before runs into it, so a day off is a full day.
 * Windows run from the earliest known day (prior work) to the horizon's end; days after it are unknown.
 */
export function daysOff(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  if (c.contract[r]!.daysOff === 'none') return 0;
  const twoIn14 = c.contract[r]!.daysOff === 'two-in-14';
  const length = twoIn14 ? 14 : 7;
  const need = twoIn14 ? 2 : 1;
  touched.length = 0;
  for (const d of tl) {
    const day = c.day[d]!;
    const lastDay = touched[touched.length - 1];
    if (lastDay === undefined || day > lastDay) touched.push(day);
    if (c.night[d] && touched[touched.length - 1]! < day + 1) touched.push(day + 1);
  }
  // A window short of days off holds more than length - need worked days: look for such a cluster
  // first, as on most moves there is none and the window scan can be skipped.
  const most = length - need;
  let crowded = false;
  for (let i = 0; i + most < touched.length && !crowded; i++)
    crowded = touched[i + most]! - touched[i]! < length;
  if (!crowded) return 0;
  let penalty = 0;
  const from = Math.min(0, touched[0]!);
  let lo = 0;
  let hi = 0;
  for (let w = from; w + length <= c.H; w++) {
    while (lo < touched.length && touched[lo]! < w) lo++;
    while (hi < touched.length && touched[hi]! < w + length) hi++;
    const worked = hi - lo;
    const short = need - (length - worked);
    if (short > 0) {
      penalty += short;
      if (emit) {
        const demands = tl.filter((d) => c.day[d]! >= w && c.day[d]! < w + length);
        emit({
          penalty: short,
          resource: r,
          demands,
          message: `${c.resourceNames[r]} would have ${plural(length - worked, 'day')} off in the ${length} days from ${c.fmtDay(w)} (needs ${need})`,
        });
      }
    }
  }
  return penalty;
}
