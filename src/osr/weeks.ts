import { DateTime } from 'luxon';
import { problems } from '../http/problem.js';
import { isoWeekToMonday, isValidIsoWeek, mondayToIsoWeek } from '../time/weeks.js';

/** An OSR week in local time: Monday 00:00 to the next Monday; the working days end on Saturday 00:00. */
export interface OsrWeek {
  week: string;
  monday: string;
  start: DateTime;
  workEnd: DateTime;
  end: DateTime;
}

/** A week from the request, refused with 400 (naming the field) when it is not a real ISO week. */
export function parseWeek(week: string, field: string): string {
  if (!isValidIsoWeek(week)) {
    throw problems.badRequest(`${field} "${week}" is not an ISO week (YYYY-Www) that exists.`, [
      { field, message: 'is not an existing ISO week' },
    ]);
  }
  return week;
}

export function osrWeek(week: string, timezone: string): OsrWeek {
  const monday = isoWeekToMonday(week);
  const start = DateTime.fromISO(monday, { zone: timezone }).startOf('day');
  return { week, monday, start, workEnd: start.plus({ days: 5 }), end: start.plus({ weeks: 1 }) };
}

export function addWeeks(week: string, n: number): string {
  return mondayToIsoWeek(DateTime.fromISO(isoWeekToMonday(week)).plus({ weeks: n }).toISODate()!);
}

/** A week's Monday as a number, so weeks compare as dates (never as strings: "10000-W01" < "9999-W52"). */
const mondayOrdinal = (week: string): number =>
  DateTime.fromISO(isoWeekToMonday(week), { zone: 'utc' }).toMillis();

/** The weeks from `from` to `to`, both included. */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const last = mondayOrdinal(to);
  for (let w = from; mondayOrdinal(w) <= last && out.length < 600; w = addWeeks(w, 1)) out.push(w);
  return out;
}

/** The range of a query, checked: both weeks real, `to` not before `from`, at most `max` weeks. */
export function weekRange(from: string, to: string | undefined, max = 104): string[] {
  parseWeek(from, '/querystring/fromWeek');
  const last = to === undefined ? addWeeks(from, 11) : parseWeek(to, '/querystring/toWeek');
  const weeks = weeksBetween(from, last);
  if (mondayOrdinal(last) < mondayOrdinal(from) || weeks.length === 0 || weeks.length > max) {
    throw problems.badRequest(`toWeek must be on or after fromWeek and at most ${max} weeks later.`, [
      { field: '/querystring/toWeek', message: 'is out of range' },
    ]);
  }
  return weeks;
}

export const weekOfMonday = (monday: string): string => mondayToIsoWeek(monday);

/** Minutes since the Unix epoch: the scheduler core's instants. */
export const toMinutes = (dt: DateTime): number => Math.round(dt.toMillis() / 60000);

export function formatLocal(minutes: number, timezone: string): string {
  return DateTime.fromMillis(minutes * 60000, { zone: timezone }).toFormat('ccc d LLL yyyy HH:mm');
}
