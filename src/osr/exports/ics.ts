import { DateTime } from 'luxon';
import { vtimezone } from '../../time/vtimezone.js';
import type { ExportTable } from './rows.js';

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines. */
export function icsText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
}

/** Folds a content line at 75 octets (not characters), never inside a UTF-8 sequence; CRLF + space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const date = (iso: string) => iso.replace(/-/g, '');

const yearsOf = (table: ExportTable, fallback: number): [number, number] => {
  const years = table.rows.map((r) => Number(r.monday.slice(0, 4)));
  return years.length ? [Math.min(...years), Math.max(...years) + 1] : [fallback, fallback];
};

/**
 * One all-day event per filled hub-week, Monday to Friday. The UID is the hub and week, so a calendar
 * that subscribed updates the same event when the lead responder changes (SEQUENCE = the row's version).
 */
export function rotaIcs(table: ExportTable, timezone: string, now: DateTime = DateTime.utc()): string {
  const stamp = now.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//care-rota//OSR lead-responder rota//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:OSR lead responders',
    `X-WR-TIMEZONE:${timezone}`,
    ...vtimezone(timezone, ...yearsOf(table, now.setZone(timezone).year)),
  ];
  for (const r of table.rows) {
    if (!r.lead) continue;
    const saturday = DateTime.fromISO(r.friday).plus({ days: 1 }).toISODate()!;
    const dat = r.datTeam ? ` Working with ${r.datTeam}.` : '';
    lines.push(
      'BEGIN:VEVENT',
      `UID:osr-${r.hub}-${r.week}@care-rota`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${r.lead.version}`,
      `DTSTART;VALUE=DATE:${date(r.monday)}`,
      `DTEND;VALUE=DATE:${date(saturday)}`,
      `SUMMARY:${icsText(`OSR lead responder ${r.hubName}: ${r.lead.name} (grade ${r.lead.grade})`)}`,
      `DESCRIPTION:${icsText(`${r.lead.name} is the lead responder of ${r.hubName} for ${r.week}.${dat} Book consultations and joint visits through the OSR rota.`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
