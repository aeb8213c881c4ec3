import { DateTime } from 'luxon';

/** ISO weeks (YYYY-Www) and local dates, in the organisation's time zone. */
export function isoWeekToMonday(week: string): string {
  const dt = DateTime.fromISO(week);
  if (!dt.isValid) throw new RangeError(`Not an ISO week: ${week}`);
  return dt.toISODate()!;
}

export function mondayToIsoWeek(date: string): string {
  return DateTime.fromISO(date).toFormat("kkkk-'W'WW");
}

export function currentWeekMonday(timezone: string, now: DateTime = DateTime.now()): string {
  return now.setZone(timezone).startOf('week').toISODate()!;
}

export function isValidIsoWeek(week: string): boolean {
  const dt = DateTime.fromISO(week);
  return dt.isValid && dt.toFormat("kkkk-'W'WW") === week;
}
