import { DateTime } from 'luxon';
import { shiftTypeAt, type ShiftTypeName } from './shift-types.js';

/** A daily pattern: local start and end times; an end at or before the start is on the next day. */
export interface ShiftPattern {
  start: string;
  end: string;
  practitioners: number;
  /** The kind of shift; without it, the start time gives it (`shiftTypeAt`). */
  type?: ShiftTypeName;
}

export interface Phase {
  fromDate: string;
  toDate: string;
  shifts: ShiftPattern[];
}

export interface PlannedShift {
  localDate: string;
  start: DateTime;
  end: DateTime;
  required: number;
  /** Ends on a later local date than it starts. */
  night: boolean;
  type: ShiftTypeName;
}

/** Without phases the whole placement is 24/7 in two shifts. */
export function defaultPhases(startDate: string, endDate: string, practitioners: number): Phase[] {
  return [
    {
      fromDate: startDate,
      toDate: endDate,
      shifts: [
        { start: '08:00', end: '20:00', practitioners },
        { start: '20:00', end: '08:00', practitioners },
      ],
    },
  ];
}

const at = (date: string, time: string, zone: string): DateTime =>
  DateTime.fromISO(`${date}T${time}`, { zone });

/**
 * Every shift the phases ask for, in local time. A night's end is "the next local date at 08:00", not
 * start + 12 h, so the night of the spring clock change is 11 h and the autumn one 13 h.
 */
export function planShifts(phases: readonly Phase[], timezone: string): PlannedShift[] {
  const out: PlannedShift[] = [];
  for (const phase of phases) {
    let day = DateTime.fromISO(phase.fromDate, { zone: timezone });
    const last = DateTime.fromISO(phase.toDate, { zone: timezone });
    while (day <= last) {
      const date = day.toISODate()!;
      for (const pattern of phase.shifts) {
        const start = at(date, pattern.start, timezone);
        const endDate = pattern.end <= pattern.start ? day.plus({ days: 1 }).toISODate()! : date;
        const end = at(endDate, pattern.end, timezone);
        out.push({
          localDate: date,
          start,
          end,
          required: pattern.practitioners,
          night: endDate !== date,
          type: pattern.type ?? shiftTypeAt(pattern.start),
        });
      }
      day = day.plus({ days: 1 });
    }
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.end.toMillis() - b.end.toMillis());
}

export interface PhaseProblem {
  field: string;
  message: string;
}

/** Phases must lie inside the placement, not overlap, and have sensible patterns. */
export function checkPhases(phases: readonly Phase[], startDate: string, endDate: string): PhaseProblem[] {
  const problems: PhaseProblem[] = [];
  const sorted = phases.map((p, i) => ({ p, i })).sort((a, b) => a.p.fromDate.localeCompare(b.p.fromDate));
  sorted.forEach(({ p, i }, k) => {
    const field = `/body/phases/${i}`;
    if (p.toDate < p.fromDate)
      problems.push({ field, message: `ends (${p.toDate}) before it starts (${p.fromDate})` });
    if (p.fromDate < startDate || p.toDate > endDate) {
      problems.push({ field, message: `must lie within the placement, ${startDate} to ${endDate}` });
    }
    const next = sorted[k + 1];
    if (next && next.p.fromDate <= p.toDate) {
      problems.push({ field, message: `overlaps phase ${next.i} (from ${next.p.fromDate})` });
    }
    const seen = new Set<string>();
    p.shifts.forEach((s, j) => {
      if (s.start === s.end)
        problems.push({ field: `${field}/shifts/${j}`, message: 'starts and ends at the same time' });
      const key = `${s.start}-${s.end}`;
      if (seen.has(key))
        problems.push({
          field: `${field}/shifts/${j}`,
          message: `repeats ${key}; raise practitioners instead`,
        });
      seen.add(key);
    });
  });
  return problems;
}
