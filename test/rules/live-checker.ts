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
  /** early, day, late or night. */
  type: string;
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
  contract: {
    maxHoursPer7Days: number;
    minRestHours: number;
    /** 2: no single day off between two working days. */
    minConsecutiveDaysOff: number;
    /** At most this many weekends with work in any 4 weeks; null: no limit. */
    maxWeekendsIn4Weeks: number | null;
  };
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
  const parts = new Map<string, Part[]>();
  for (const s of shifts) {
    const pl = placement.get(s.placementId)!;
    for (const a of s.assignments) {
      const p = person.get(a.practitionerId)!;
      const part = {
        shiftId: s.id,
        start: ms(a.start),
        end: ms(a.end),
        localDate: s.localDate,
        type: s.type,
      };
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
    out.push(...careRotaViolations(p, sorted, now));
  }
  return out;
}

interface Part {
  shiftId: string;
  start: number;
  end: number;
  localDate: string;
  type: string;
}

const dayNumber = (localDate: string) => Date.parse(`${localDate}T12:00:00Z`) / 86_400_000;
/** The Monday of a local date's week, as a day number: Saturday and Sunday share it. */
const weekOf = (localDate: string) => {
  const d = Math.round(dayNumber(localDate));
  return d - ((new Date(`${localDate}T12:00:00Z`).getUTCDay() + 6) % 7);
};

/**
 * Days off together, no early the day after a late or a night, and weekends in any 4 weeks, for work
 * that has not ended (what was worked before only gives context).
 */
function careRotaViolations(p: LivePractitioner, parts: Part[], now: number): string[] {
  const out: string[] = [];
  const openOn = (localDate: string) => parts.some((x) => x.localDate === localDate && x.end > now);
  const days = [...new Set(parts.map((x) => x.localDate))].sort();
  for (let i = 1; i < days.length; i++) {
    const off = Math.round(dayNumber(days[i]!) - dayNumber(days[i - 1]!)) - 1;
    if (off > 0 && off < p.contract.minConsecutiveDaysOff && openOn(days[i]!))
      out.push(`${p.name} has ${off} day(s) off alone before ${days[i]}`);
  }
  for (const late of parts.filter((x) => x.type === 'late' || x.type === 'night'))
    for (const early of parts.filter((x) => x.type === 'early' && x.end > now))
      if (Math.round(dayNumber(early.localDate) - dayNumber(late.localDate)) === 1)
        out.push(
          `${p.name} works an early (${early.shiftId}) the day after a ${late.type} (${late.shiftId})`,
        );
  const most = p.contract.maxWeekendsIn4Weeks;
  if (most !== null) {
    const weekend = parts.filter((x) => new Date(`${x.localDate}T12:00:00Z`).getUTCDay() % 6 === 0);
    const weeks = [...new Set(weekend.map((x) => weekOf(x.localDate)))].sort((a, b) => a - b);
    for (const week of weeks) {
      const inFour = weekend.filter((x) => weekOf(x.localDate) >= week && weekOf(x.localDate) < week + 28);
      const count = new Set(inFour.map((x) => weekOf(x.localDate))).size;
      if (count > most && inFour.some((x) => x.end > now))
        out.push(`${p.name} works ${count} weekends in the 4 weeks from day ${week}`);
    }
  }
  return out;
}
