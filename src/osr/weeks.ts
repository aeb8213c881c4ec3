import { DateTime } from 'luxon';
import { problems } from '../http/problem.js';
import { currentWeekMonday, isoWeekToMonday, isValidIsoWeek, mondayToIsoWeek } from '../time/weeks.js';

/**
 * The one definition of an OSR week, used by bookings, leave checks, alerts and the rota: an ISO week
 * in the organisation's zone (Europe/London). Its working days, when the lead responder is on duty and
 * visits can be booked, run from Monday 00:00 to Saturday 00:00 local time (Monday to Friday); the
 * calendar week runs on to the next Monday.
 */
export interface OsrWeek {
  week: string;
  monday: string;
  friday: string;
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
  const workEnd = start.plus({ days: 5 });
  return {
    week,
    monday,
    friday: start.plus({ days: 4 }).toISODate()!,
    start,
    workEnd,
    end: start.plus({ weeks: 1 }),
  };
}

/** Whether an instant falls on the week's working days (Monday to Friday, local time). */
export const onWorkingDays = (at: DateTime, w: OsrWeek): boolean => at >= w.start && at < w.workEnd;

/** Refuses (422) a week before the current one: what is past is not booked any more. */
export function refusePastWeek(week: string, timezone: string, now: DateTime, field: string): void {
  const w = osrWeek(week, timezone);
  const current = now.setZone(timezone).startOf('week');
  if (w.start < current) {
    throw problems.unprocessable(
      `The OSR week ${week} (Monday ${w.monday} to Friday ${w.friday}) is over; book in the current week (${mondayToIsoWeek(current.toISODate()!)}) or a later one.`,
      [{ field, message: 'is a past week' }],
    );
  }
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

/** A query's weeks, from the current week for 12 weeks unless it says otherwise. */
export const weeksFromNow = (q: { fromWeek?: string; toWeek?: string }, timezone: string): string[] =>
  weekRange(q.fromWeek ?? mondayToIsoWeek(currentWeekMonday(timezone)), q.toWeek);

/** The Mondays of the first and last of these weeks, as the hub-week filters take them. */
export const mondaySpan = (weeks: string[], timezone: string): { fromMonday: string; toMonday: string } => ({
  fromMonday: osrWeek(weeks[0]!, timezone).monday,
  toMonday: osrWeek(weeks.at(-1)!, timezone).monday,
});

/** A list's optional weeks (toWeek alone means fromWeek alone; at most ten years) as Mondays, or no bound. */
export const listedWeeks = (q: { fromWeek?: string; toWeek?: string }, timezone: string) =>
  q.fromWeek ? mondaySpan(weekRange(q.fromWeek, q.toWeek ?? q.fromWeek, 520), timezone) : {};

export const weekOfMonday = (monday: string): string => mondayToIsoWeek(monday);

/** Minutes since the Unix epoch: the scheduler core's instants. */
export const toMinutes = (dt: DateTime): number => Math.round(dt.toMillis() / 60000);

export function formatLocal(minutes: number, timezone: string): string {
  return DateTime.fromMillis(minutes * 60000, { zone: timezone }).toFormat('ccc d LLL yyyy HH:mm');
}
