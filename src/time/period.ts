import { DateTime } from 'luxon';
import { problems } from '../http/problem.js';

/**
 * A period of local dates, both included, as the instants [start, end): from 00:00 on `from` to 00:00 on
 * the day after `to`, in the organisation's zone (so a period across a clock change is 23 or 25 h longer).
 */
export function localPeriod(
  from: string,
  to: string,
  timezone: string,
  maxDays?: number,
  field = '/querystring/to',
): { start: Date; end: Date } {
  const start = DateTime.fromISO(from, { zone: timezone }).startOf('day');
  const end = DateTime.fromISO(to, { zone: timezone }).startOf('day').plus({ days: 1 });
  if (!start.isValid || !end.isValid)
    throw problems.badRequest(`"${from}" to "${to}" is not a pair of dates.`);
  if (end <= start) {
    throw problems.badRequest(`The period ends (${to}) before it starts (${from}).`, [
      { field: '/querystring/to', message: 'must not be before from' },
    ]);
  }
  // Every period parameter has a documented maximum span (src/http/spans.ts): no request loads years.
  if (maxDays !== undefined && Math.round(end.diff(start, 'days').days) > maxDays) {
    throw problems.badRequest(`A period here spans at most ${maxDays} days; ask for shorter periods.`, [
      { field, message: `is more than ${maxDays} days after from` },
    ]);
  }
  return { start: start.toJSDate(), end: end.toJSDate() };
}
