import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { LocalDate } from '../http/schemas.js';
import type { CoverTarget } from './cover-problem.js';

/**
 * A cover plan looks this many local days ahead from its first uncovered shift. A long absence (a
 * 13-month sickness) would otherwise put a year of shifts into one solve (10 s and +300 MB): cover is
 * arranged a few weeks ahead, and the later shifts wait for a later plan, when more is known.
 */
export const DEFAULT_COVER_HORIZON_DAYS = 28;

export const Horizon = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    days: Type.Integer({ description: 'The horizon in local days (COVER_HORIZON_DAYS)' }),
    laterShifts: Type.Integer({ description: 'Uncovered shifts after `to`, left for a later plan' }),
    laterUntil: Type.Union([LocalDate, Type.Null()], { description: 'The local date of the last of them' }),
    note: Type.String(),
  },
  {
    description:
      'The local dates this plan covers (both included); shifts after them are left for a later plan',
  },
);

export interface HorizonView {
  from: string;
  to: string;
  days: number;
  laterShifts: number;
  laterUntil: string | null;
  note: string;
}

const words = (date: string) => DateTime.fromISO(date).toFormat('ccc d LLL yyyy');

/** The targets within `days` local days of the first one, and what the plan says about the rest. */
export function withinHorizon(
  targets: CoverTarget[],
  days: number,
): { targets: CoverTarget[]; horizon: HorizonView | null } {
  const first = targets.reduce<string | null>(
    (min, t) => (min === null || t.localDate < min ? t.localDate : min),
    null,
  );
  if (first === null) return { targets, horizon: null };
  const to = DateTime.fromISO(first)
    .plus({ days: days - 1 })
    .toISODate()!;
  const within = targets.filter((t) => t.localDate <= to);
  const later = targets.filter((t) => t.localDate > to);
  const laterUntil = later.reduce<string | null>(
    (max, t) => (max === null || t.localDate > max ? t.localDate : max),
    null,
  );
  const covers = `This plan covers shifts from ${words(first)} to ${words(to)}`;
  const note =
    laterUntil === null
      ? `${covers}: every uncovered shift is in it.`
      : `${covers}; ${later.length} later uncovered ${later.length === 1 ? 'shift' : 'shifts'} (to ${words(laterUntil)}) ${later.length === 1 ? 'is' : 'are'} left for a later plan.`;
  return {
    targets: within,
    horizon: { from: first, to, days, laterShifts: later.length, laterUntil, note },
  };
}
