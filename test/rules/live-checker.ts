/**
 * An independent check of the hard rules on the rota as it stands, written from DOMAIN.md and the issue
 * (not from the product's rule code), over the API's own views. Only work that has not ended is judged:
 * what was worked is history. Each assignment is judged by the part of the shift its person works.
 */
export interface LiveShift {
  id: string;
  placementId: string;
  localDate: string;
  night: boolean;
  start: string;
  end: string;
  assignments: { practitionerId: string; start: string; end: string }[];
}
export interface LivePractitioner {
  id: string;
  name: string;
  kind: string;
  archivedAt: string | null;
  regions: string[];
  specialisms: string[];
  gender: string | null;
  contract: { maxHoursPer7Days: number; minRestHours: number };
}
export interface LiveAbsence {
  practitionerId: string;
  start: string;
  end: string | null;
}
export interface LivePlacement {
  id: string;
  region: string;
  requiredSpecialisms: string[];
  genderRequirement: string | null;
  excludedPractitioners: string[];
}

export interface LivePreferences {
  noNights: boolean;
  unavailableWeekdays: string[];
}

const ms = (iso: string) => Date.parse(iso);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The weekday of a local date, by the calendar (no time zone is involved in a date). */
const weekdayOf = (localDate: string) => WEEKDAYS[(new Date(`${localDate}T12:00:00Z`).getUTCDay() + 6) % 7]!;
const HOUR = 3_600_000;

export function liveViolations(
  shifts: LiveShift[],
  panel: LivePractitioner[],
  absences: LiveAbsence[],
  placements: LivePlacement[],
  now: number,
  preferences: Map<string, LivePreferences> = new Map(),
): string[] {
  const out: string[] = [];
  const person = new Map(panel.map((p) => [p.id, p]));
  const placement = new Map(placements.map((p) => [p.id, p]));
  const parts = new Map<string, { shiftId: string; start: number; end: number }[]>();
  for (const s of shifts) {
    const pl = placement.get(s.placementId)!;
    for (const a of s.assignments) {
      const p = person.get(a.practitionerId)!;
      const part = { shiftId: s.id, start: ms(a.start), end: ms(a.end) };
      if (part.start < ms(s.start) || part.end > ms(s.end) || part.end <= part.start)
        out.push(`${p.name}'s part of ${s.id} lies outside the shift`);
      parts.set(p.id, [...(parts.get(p.id) ?? []), part]);
      if (part.end <= now) continue;
      if (p.archivedAt || p.kind !== 'parenting') out.push(`${p.name} is off the panel but on ${s.id}`);
      if (!p.regions.includes(pl.region)) out.push(`${p.name} works outside their regions on ${s.id}`);
      for (const sp of pl.requiredSpecialisms)
        if (!p.specialisms.includes(sp)) out.push(`${p.name} lacks ${sp} on ${s.id}`);
      if (pl.genderRequirement && p.gender !== pl.genderRequirement)
        out.push(`${p.name} wrong gender on ${s.id}`);
      if (pl.excludedPractitioners.includes(p.id)) out.push(`${p.name} is excluded but on ${s.id}`);
      const pref = preferences.get(p.id);
      if (pref?.noNights && s.night) out.push(`${p.name} works nights no more, but is on ${s.id}`);
      if (pref?.unavailableWeekdays.includes(weekdayOf(s.localDate)))
        out.push(`${p.name} does not work on ${weekdayOf(s.localDate)}, but is on ${s.id}`);
      for (const ab of absences.filter((x) => x.practitionerId === p.id)) {
        const abEnd = ab.end ? ms(ab.end) : Infinity;
        if (part.start < abEnd && ms(ab.start) < part.end) out.push(`${p.name} works ${s.id} while absent`);
      }
    }
  }
  for (const [id, list] of parts) {
    const p = person.get(id)!;
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (cur.end <= now) continue;
      const gap = (cur.start - prev.end) / HOUR;
      if (gap < 0) out.push(`${p.name} in two places at once: ${prev.shiftId} and ${cur.shiftId}`);
      else if (gap < p.contract.minRestHours)
        out.push(`${p.name} has only ${gap} h rest before ${cur.shiftId}`);
    }
    for (const s of sorted) {
      const windowEnd = s.start + 168 * HOUR;
      const inWindow = sorted.filter((x) => x.start >= s.start && x.start < windowEnd);
      if (!inWindow.some((x) => x.end > now)) continue;
      const hours = inWindow.reduce((sum, x) => sum + (x.end - x.start) / HOUR, 0);
      if (hours > p.contract.maxHoursPer7Days + 1e-9)
        out.push(`${p.name} works ${hours} h in the 7 days from ${new Date(s.start).toISOString()}`);
    }
  }
  return out;
}
