/**
 * The kind of a shift, which care-rota rules name ("no early shift the day after a late one"). A pattern
 * may name it; otherwise it follows the local start time.
 */
export const SHIFT_TYPES = ['early', 'day', 'late', 'night'] as const;
export type ShiftTypeName = (typeof SHIFT_TYPES)[number];

export const SHIFT_TYPE_BY_START =
  'without one, the local start time gives it: before 10:00 early, 10:00-15:59 day, 16:00-19:59 late, from 20:00 night';

/** The kind a local start time ('HH:MM') gives a shift whose pattern names none. */
export function shiftTypeAt(start: string): ShiftTypeName {
  if (start < '10:00') return 'early';
  if (start < '16:00') return 'day';
  if (start < '20:00') return 'late';
  return 'night';
}
