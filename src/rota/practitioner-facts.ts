import type { AbsenceKind } from '../db/schema.js';
import type { Absence, Contract } from '../scheduler/index.js';

const toMinutes = (d: Date): number => Math.round(d.getTime() / 60_000);

interface PractitionerLimits {
  max_hours_per_7_days: number | string;
  min_rest_hours: number | string;
  max_consecutive_days: number;
  max_consecutive_nights: number;
  min_consecutive_days_off: number;
}

/**
 * A practitioner's working-time limits as the core states them; "no nights" allows no run of nights.
 * Weekends depend on the period judged: see `care-rules.ts`.
 */
export function hardContract(p: PractitionerLimits, noNights: boolean): Partial<Contract> {
  return {
    maxMinutesPer7Days: Math.round(Number(p.max_hours_per_7_days) * 60),
    minRestMinutes: Math.round(Number(p.min_rest_hours) * 60),
    maxConsecutiveDays: p.max_consecutive_days,
    maxConsecutiveNights: noNights ? 0 : p.max_consecutive_nights,
    ...(p.min_consecutive_days_off > 1 ? { minConsecutiveDaysOff: p.min_consecutive_days_off } : {}),
  };
}

/** Absences as the core's unavailability; an open-ended sickness runs to `openEnd`. */
export function unavailableFrom(
  absences: readonly { starts_at: Date; ends_at: Date | null; kind: AbsenceKind }[],
  openEnd: number,
): Absence[] {
  return absences.map((a) => ({
    start: toMinutes(a.starts_at),
    end: a.ends_at ? toMinutes(a.ends_at) : openEnd,
    kind: a.kind,
  }));
}
