import { vtimezone, zonedProperty } from '../time/vtimezone.js';
import { DateTime } from 'luxon';
import type { ShiftDto } from './shift-model.js';

/** A CSV cell that a spreadsheet will not run as a formula. */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type Assignment = ShiftDto['assignments'][number];

/** A name, with the part of the shift they work when it is not the whole shift ("Sam Lee 08:00-14:10"). */
function withPart(a: Assignment, s: ShiftDto, timezone: string): string {
  if (a.start === s.start && a.end === s.end) return a.name;
  const hm = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).toFormat('HH:mm');
  return `${a.name} ${hm(a.start)}-${hm(a.end)}`;
}

const CSV_HEADER = [
  'date',
  'start',
  'end',
  'hours',
  'case_reference',
  'region',
  'required',
  'status',
  'locked',
  'practitioners',
  'shift_id',
  // Last, so that a spreadsheet reading the columns by position before it was added still reads them.
  'type',
].join(',');

function csvRow(s: ShiftDto, timezone: string): string {
  const local = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
  return [
    s.localDate,
    local(s.start),
    local(s.end),
    (s.durationMinutes / 60).toFixed(2),
    s.caseReference,
    s.region,
    s.required,
    s.status,
    s.locked,
    s.assignments.map((a) => withPart(a, s, timezone)).join('; '),
    s.id,
    s.type,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * The coordinator's spreadsheet, one chunk of text per batch of shifts as they are read: a long
 * period never sits whole in memory, and the reply starts before the last row is read.
 */
export async function* shiftsCsv(
  batches: AsyncIterable<ShiftDto[]>,
  timezone: string,
): AsyncGenerator<string> {
  yield `${CSV_HEADER}\r\n`;
  for await (const batch of batches) yield batch.map((s) => `${csvRow(s, timezone)}\r\n`).join('');
}

const icsText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsTime = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");

/** RFC 5545 folds lines at 75 octets, continuing with a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
    // Never split a UTF-8 character.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

function calendarEvent(practitionerId: string, s: ShiftDto, stamp: Date, timezone: string): string[] {
  const mine = s.assignments.find((a) => a.practitionerId === practitionerId);
  return [
    'BEGIN:VEVENT',
    `UID:shift-${s.id}@care-rota`,
    // The shift's version rises with every change, so calendars replace the old copy.
    `SEQUENCE:${s.version}`,
    `DTSTAMP:${icsTime(stamp.toISOString())}`,
    zonedProperty('DTSTART', mine?.start ?? s.start, timezone),
    zonedProperty('DTEND', mine?.end ?? s.end, timezone),
    `SUMMARY:${icsText(`${s.type[0]!.toUpperCase()}${s.type.slice(1)} shift ${s.caseReference}`)}`,
    `DESCRIPTION:${icsText(`Placement ${s.caseReference} (${s.region}). ${s.assignments.map((a) => withPart(a, s, timezone)).join(', ')}.`)}`,
    // The kind of shift, and NIGHT for any that crosses midnight, as before kinds were named.
    `CATEGORIES:${[...new Set([s.type.toUpperCase(), s.night ? 'NIGHT' : 'DAY'])].join(',')}`,
    'END:VEVENT',
  ];
}

const icsLines = (lines: string[]) => lines.map((l) => `${fold(l)}\r\n`).join('');

/** Everything a calendar stream yields, as one text (a feed small enough to send whole). */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** A practitioner's shifts as events, each for the part of the shift they work, streamed batch by batch. */
export async function* practitionerCalendar(
  practitionerId: string,
  name: string,
  batches: AsyncIterable<ShiftDto[]> | Iterable<ShiftDto[]>,
  stamp: Date,
  timezone: string,
  /** The local years the calendar's period touches, for its VTIMEZONE (its shifts stream after it). */
  years: [number, number],
): AsyncGenerator<string> {
  yield icsLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//care-rota//rota//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`Rota: ${name}`)}`,
    `X-WR-TIMEZONE:${timezone}`,
    ...vtimezone(timezone, ...years),
  ]);
  for await (const batch of batches)
    yield icsLines(batch.flatMap((s) => calendarEvent(practitionerId, s, stamp, timezone)));
  yield icsLines(['END:VCALENDAR']);
}
