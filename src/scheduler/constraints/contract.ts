import type { Compiled } from '../compile.js';
import type { Emit } from './types.js';
import { shiftWords } from './types.js';
import { formatDuration, plural } from '../words.js';

/**
 * Contract rules from nurse rostering (the Curtois & Qu benchmark writes them per employee; care-rota
 * contracts may set them too): per-type caps, total minutes, minimum runs of work and of days off,
 * weekends, successions and requests. Each is off unless the contract or problem sets it, so problems
 * that do not use them score as before.
 */

let typeCounts = new Int32Array(16);

/** Shifts of a type beyond the resource's cap over the horizon. */
export function shiftTypeCap(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const caps = c.typeCaps[r];
  if (!caps) return 0;
  const T = caps.length;
  if (typeCounts.length < T) typeCounts = new Int32Array(T);
  typeCounts.fill(0, 0, T);
  for (const d of tl) {
    const t = c.shiftType[d]!;
    if (d < c.D && t >= 0) typeCounts[t]!++;
  }
  let penalty = 0;
  for (let t = 0; t < T; t++) {
    const max = caps[t]!;
    const n = typeCounts[t]!;
    if (max < 0 || n <= max) continue;
    penalty += n - max;
    emit?.({
      penalty: n - max,
      resource: r,
      demands: tl.filter((d) => d < c.D && c.shiftType[d] === t),
      message: `${c.resourceNames[r]} would work ${n} ${c.shiftTypeIds[t]} shifts (at most ${max})`,
    });
  }
  return penalty;
}

/** Minutes short of the contract's minimum, or over its maximum, over the horizon. */
export function totalMinutes(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const { minTotalMinutes: min, maxTotalMinutes: max } = c.contract[r]!;
  if (min === undefined && max === undefined) return 0;
  let total = 0;
  for (const d of tl) if (d < c.D) total += c.end[d]! - c.start[d]!;
  const short = min !== undefined && total < min ? min - total : 0;
  const over = max !== undefined && total > max ? total - max : 0;
  if (short + over > 0 && emit)
    emit({
      penalty: short + over,
      resource: r,
      demands: over > 0 ? tl.filter((d) => d < c.D) : [],
      message:
        short > 0
          ? `${c.resourceNames[r]} would work ${formatDuration(total)}, ${formatDuration(short)} short of ${formatDuration(min!)}`
          : `${c.resourceNames[r]} would work ${formatDuration(total)}, ${formatDuration(over)} over ${formatDuration(max!)}`,
    });
  return short + over;
}

const workedDays: number[] = [];

/** The distinct days with a shift start, ascending (prior work included), in the shared list. */
function daysWorked(c: Compiled, tl: readonly number[]): number[] {
  workedDays.length = 0;
  for (const d of tl) {
    const day = c.day[d]!;
    const last = workedDays[workedDays.length - 1];
    if (last === undefined || day > last) workedDays.push(day);
  }
  return workedDays;
}

/**
 * Days short of the minimum in each working run that starts after the horizon's first day and ends
 * before its last (a run cut by either end may go on outside it).
 */
export function minConsecutiveDays(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const min = c.contract[r]!.minConsecutiveDays ?? 1;
  if (min <= 1 || tl.length === 0) return 0;
  const days = daysWorked(c, tl);
  let penalty = 0;
  let first = 0;
  for (let i = 1; i <= days.length; i++) {
    if (i < days.length && days[i] === days[i - 1]! + 1) continue;
    const from = days[first]!;
    const to = days[i - 1]!;
    const length = to - from + 1;
    if (from > 0 && to < c.H - 1 && length < min) {
      penalty += min - length;
      emit?.({
        penalty: min - length,
        resource: r,
        demands: tl.filter((d) => d < c.D && c.day[d]! >= from && c.day[d]! <= to),
        message: `${c.resourceNames[r]} would work ${plural(length, 'day')} in a row from ${c.fmtDay(from)} (at least ${min})`,
      });
    }
    first = i;
  }
  return penalty;
}

/**
 * Days short of the minimum in each run of days off between two working days, the second of them inside
 * the horizon (the first may be work before it: a lone day off on day 0 after work the day before counts).
 */
export function minConsecutiveDaysOff(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const min = c.contract[r]!.minConsecutiveDaysOff ?? 1;
  if (min <= 1 || tl.length < 2) return 0;
  const days = daysWorked(c, tl);
  let penalty = 0;
  for (let i = 1; i < days.length; i++) {
    const before = days[i - 1]!;
    const off = days[i]! - before - 1;
    if (days[i]! < 0 || off === 0 || off >= min) continue;
    penalty += min - off;
    emit?.({
      penalty: min - off,
      resource: r,
      demands: tl.filter((d) => d < c.D && (c.day[d] === before || c.day[d] === days[i])),
      message: `${c.resourceNames[r]} would have ${plural(off, 'day')} off from ${c.fmtDay(before + 1)} (at least ${min} together)`,
    });
  }
  return penalty;
}

const weekendDays: number[] = [];
const lastDay: number[] = [];

/**
 * Weekends worked beyond the maximum, graded by the days of work to clear: the weekend days worked in
 * the lightest excess weekends (so dropping one day of a two-day weekend is already progress). Weekend k
 * is the weekend-flagged demands of days 7k..7k+6.
 */
export function maxWeekends(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const { maxWeekends: max, weekendWindowWeeks: window } = c.contract[r]!;
  if (max === undefined) return 0;
  if (window !== undefined) return windowWeekends(c, r, tl, max, window, emit);
  weekendDays.length = 0;
  lastDay.length = 0;
  let week = Number.NaN;
  for (const d of tl) {
    if (d >= c.D || !c.weekend[d]) continue;
    const day = c.day[d]!;
    const w = Math.floor(day / 7);
    if (w !== week) {
      week = w;
      weekendDays.push(1);
      lastDay.push(day);
    } else if (lastDay[lastDay.length - 1] !== day) {
      weekendDays[weekendDays.length - 1]!++;
      lastDay[lastDay.length - 1] = day;
    }
  }
  const over = weekendDays.length - max;
  if (over <= 0) return 0;
  weekendDays.sort((x, y) => x - y);
  let penalty = 0;
  for (let k = 0; k < over; k++) penalty += weekendDays[k]!;
  emit?.({
    penalty,
    resource: r,
    demands: tl.filter((d) => d < c.D && c.weekend[d]),
    message: `${c.resourceNames[r]} would work ${plural(weekendDays.length, 'weekend')} (at most ${max})`,
  });
  return penalty;
}

let weekWorked = new Uint8Array(8);

/** `maxWeekends` in any `window` weeks running: see `weekendWindowExcess`. */
function windowWeekends(
  c: Compiled,
  r: number,
  tl: readonly number[],
  max: number,
  window: number,
  emit?: Emit,
): number {
  const weeks = Math.ceil(c.H / 7);
  if (weekWorked.length < weeks) weekWorked = new Uint8Array(weeks);
  weekWorked.fill(0, 0, weeks);
  for (const d of tl)
    if (d < c.D && c.weekend[d] && c.day[d]! >= 0 && c.day[d]! < c.H)
      weekWorked[Math.floor(c.day[d]! / 7)] = 1;
  const report = emit
    ? (from: number, count: number, excess: number) => {
        const to = from + window - 1;
        emit({
          penalty: excess,
          resource: r,
          demands: tl.filter(
            (d) =>
              d < c.D && c.weekend[d] && Math.floor(c.day[d]! / 7) >= from && Math.floor(c.day[d]! / 7) <= to,
          ),
          message: `${c.resourceNames[r]} would work ${plural(count, 'weekend')} in the ${window} weeks ${from >= 0 ? `from ${c.fmtDay(7 * from)}` : `to ${c.fmtDay(7 * to + 6)}`} (at most ${max})`,
        });
      }
    : undefined;
  return weekendWindowExcess(weekWorked, 0, weeks, c.weekendsBefore[r]!, max, window, report);
}

/**
 * Weekends beyond `max` in each window of `window` weeks running that reaches into the horizon. Weeks
 * with weekend work done before it (`before`: negative, or the horizon's first week when its Saturday was
 * worked before day 0) count, once each, but only the horizon's weekends are charged: a window already
 * full before the horizon is broken by each weekend the horizon adds, never by the past.
 * Horizon week w has weekend work when `worked[at + w] > 0` (w = 0 .. weeks - 1).
 */
export function weekendWindowExcess(
  worked: ArrayLike<number>,
  at: number,
  weeks: number,
  before: readonly number[],
  max: number,
  window: number,
  each?: (from: number, count: number, excess: number) => void,
): number {
  let total = 0;
  for (let from = 1 - window; from < weeks; from++) {
    const to = from + window - 1;
    let past = 0;
    for (const w of before) if (w >= from && w <= to && !(w >= 0 && w < weeks && worked[at + w]! > 0)) past++;
    let now = 0;
    for (let w = Math.max(0, from); w <= Math.min(weeks - 1, to); w++) if (worked[at + w]! > 0) now++;
    const excess = Math.min(now, past + now - max);
    if (excess <= 0) continue;
    total += excess;
    each?.(from, past + now, excess);
  }
  return total;
}

/** Forbidden pairs: a shift of type b starting the day after one of type a. */
export function succession(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const T = c.shiftTypeIds.length;
  if (c.forbiddenNext.length === 0) return 0;
  let penalty = 0;
  for (let i = 0; i < tl.length; i++) {
    const a = tl[i]!;
    const ta = c.shiftType[a]!;
    if (ta < 0) continue;
    const next = c.day[a]! + 1;
    for (let j = i + 1; j < tl.length && c.day[tl[j]!]! <= next; j++) {
      const b = tl[j]!;
      const tb = c.shiftType[b]!;
      if (c.day[b] !== next || tb < 0 || !c.forbiddenNext[ta * T + tb]) continue;
      penalty++;
      emit?.({
        penalty: 1,
        resource: r,
        demands: [a, b],
        message: `${c.resourceNames[r]} would work ${shiftWords(c, b)} the day after ${shiftWords(c, a)} (${c.shiftTypeIds[tb]} may not follow ${c.shiftTypeIds[ta]})`,
      });
    }
  }
  return penalty;
}

/**
 * Shift-on requests not met (no shift of the type that day) and shift-off requests not met (a shift of
 * the type that day), each costing the request's weight. Requests are sorted by day at compile time.
 */
export function requests(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  const list = c.requests[r]!;
  if (list.length === 0) return 0;
  let penalty = 0;
  let i = 0;
  for (const q of list) {
    while (i < tl.length && c.day[tl[i]!]! < q.day) i++;
    let match = -1;
    for (let j = i; j < tl.length && c.day[tl[j]!] === q.day; j++) {
      const d = tl[j]!;
      if (d < c.D && (q.type < 0 || c.shiftType[d] === q.type)) {
        match = d;
        break;
      }
    }
    if (q.on === match >= 0) continue;
    penalty += q.weight;
    if (emit) {
      const what = q.type < 0 ? 'a shift' : `a ${c.shiftTypeIds[q.type]} shift`;
      emit({
        penalty: q.weight,
        resource: r,
        demands: match >= 0 ? [match] : [],
        message: q.on
          ? `${c.resourceNames[r]} asked for ${what} on ${c.fmtDay(q.day)}`
          : `${c.resourceNames[r]} asked not to work ${what} on ${c.fmtDay(q.day)}`,
      });
    }
  }
  return penalty;
}
