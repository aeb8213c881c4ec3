import { DateTime } from 'luxon';

/**
 * The RFC 5545 VTIMEZONE of an IANA zone for a span of years, and local times that refer to it, so a
 * calendar app shows events in the organisation's zone (with its clock changes) whatever its own zone is.
 * Each clock change in the span is its own observance (DTSTART in the local time before the change); the
 * first observance states the offset in force at the start. Zones without changes get that one only.
 */
const offset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};
const local = (dt: DateTime) => dt.toFormat("yyyyLLdd'T'HHmmss");

/** The instants (ms) in [from, to) at which the zone's offset changes, found day by day then by bisection. */
function transitions(zone: string, from: DateTime, to: DateTime): number[] {
  const out: number[] = [];
  let day = from;
  while (day < to) {
    const next = day.plus({ days: 1 });
    if (day.setZone(zone).offset !== next.setZone(zone).offset) {
      let lo = day.toMillis();
      let hi = next.toMillis();
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (DateTime.fromMillis(mid, { zone }).offset === DateTime.fromMillis(lo, { zone }).offset) lo = mid;
        else hi = mid;
      }
      out.push(hi - (hi % 60_000));
    }
    day = next;
  }
  return out;
}

export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'utc' });
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'utc' });
  const first = start.setZone(zone);
  const observance = (at: DateTime, from: number, to: DateTime) => [
    `BEGIN:${to.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
    `DTSTART:${local(at)}`,
    `TZOFFSETFROM:${offset(from)}`,
    `TZOFFSETTO:${offset(to.offset)}`,
    `TZNAME:${to.offsetNameShort ?? offset(to.offset)}`,
    `END:${to.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
  ];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observance(first, first.offset, first)];
  for (const ms of transitions(zone, start, end)) {
    const before = DateTime.fromMillis(ms - 1, { zone });
    const after = DateTime.fromMillis(ms, { zone });
    // The change's moment as the clock showed it just before (e.g. 01:00 GMT -> 02:00 BST: "010000").
    const at = DateTime.fromMillis(ms, {
      zone: `UTC${offset(before.offset).replace(/(\d\d)(\d\d)$/, '$1:$2')}`,
    });
    lines.push(...observance(at, before.offset, after));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * An instant as an iCalendar date-time property in the zone ("DTSTART;TZID=Europe/London:20261130T200000"),
 * or in UTC within two hours of a clock change, where a local time may be ambiguous (the repeated hour).
 */
export function zonedProperty(name: string, iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { zone });
  if (at.minus({ hours: 2 }).offset !== at.plus({ hours: 2 }).offset)
    return `${name}:${at.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`;
  return `${name};TZID=${zone}:${local(at)}`;
}
