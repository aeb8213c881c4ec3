import { DateTime } from 'luxon';

/**
 * An independent check of the law and safety rules on a published rota, written from DOMAIN.md alone
 * (not from the scheduler's code), over the API's own views of shifts, panel, absences and placements.
 */
export interface CheckedShift {
  id: string;
  placementId: string;
  localDate: string;
  start: string;
  end: string;
  night: boolean;
  /** early, day, late or night. */
  type?: string;
  assignments: { practitionerId: string }[];
}
export interface CheckedPractitioner {
  id: string;
  name: string;
  regions: string[];
  specialisms: string[];
  gender: string | null;
  contract: {
    maxHoursPer7Days: number;
    minRestHours: number;
    maxConsecutiveNights: number;
    maxConsecutiveDays: number;
    /** 2: days off come together (no single day off between two working days). */
    minConsecutiveDaysOff?: number;
    /** At most this many weekends with work in any 4 consecutive weeks. */
    maxWeekendsIn4Weeks?: number | null;
  };
}
interface CheckedAbsence {
  practitionerId: string;
  start: string;
  end: string | null;
}
interface CheckedPlacement {
  id: string;
  region: string;
  requiredSpecialisms: string[];
  genderRequirement: string | null;
  excludedPractitioners: string[];
}

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

function longestRun(days: string[], zone: string): number {
  const sorted = [...new Set(days)].sort();
  let best = 0;
  let run = 0;
  let prev: DateTime | undefined;
  for (const d of sorted) {
    const day = DateTime.fromISO(d, { zone });
    run = prev && Math.round(day.diff(prev, 'days').days) === 1 ? run + 1 : 1;
    best = Math.max(best, run);
    prev = day;
  }
  return best;
}

export function checkHardRules(
  shifts: CheckedShift[],
  panel: CheckedPractitioner[],
  absences: CheckedAbsence[],
  placements: CheckedPlacement[],
  zone: string,
): string[] {
  const out: string[] = [];
  const person = new Map(panel.map((p) => [p.id, p]));
  const placement = new Map(placements.map((p) => [p.id, p]));
  const work = new Map<string, CheckedShift[]>();
  for (const s of shifts) {
    const pl = placement.get(s.placementId)!;
    for (const a of s.assignments) {
      const p = person.get(a.practitionerId)!;
      work.set(p.id, [...(work.get(p.id) ?? []), s]);
      if (!p.regions.includes(pl.region)) out.push(`${p.name} outside their regions on ${s.id}`);
      for (const sp of pl.requiredSpecialisms)
        if (!p.specialisms.includes(sp)) out.push(`${p.name} lacks ${sp} on ${s.id}`);
      if (pl.genderRequirement && p.gender !== pl.genderRequirement)
        out.push(`${p.name} wrong gender on ${s.id}`);
      if (pl.excludedPractitioners.includes(p.id)) out.push(`${p.name} excluded from ${s.placementId}`);
      for (const ab of absences.filter((x) => x.practitionerId === p.id)) {
        const abEnd = ab.end ? ms(ab.end) : Infinity;
        if (ms(s.start) < abEnd && ms(ab.start) < ms(s.end)) out.push(`${p.name} works ${s.id} while absent`);
      }
    }
  }
  for (const [id, list] of work) {
    const p = person.get(id)!;
    const sorted = [...list].sort((a, b) => ms(a.start) - ms(b.start));
    for (let i = 1; i < sorted.length; i++) {
      const gap = (ms(sorted[i]!.start) - ms(sorted[i - 1]!.end)) / HOUR;
      if (gap < 0) out.push(`${p.name} in two places at once: ${sorted[i - 1]!.id} and ${sorted[i]!.id}`);
      else if (gap < p.contract.minRestHours)
        out.push(`${p.name} has only ${gap} h rest before ${sorted[i]!.id}`);
    }
    for (const s of sorted) {
      const windowEnd = ms(s.start) + 168 * HOUR;
      const hours = sorted
        .filter((x) => ms(x.start) >= ms(s.start) && ms(x.start) < windowEnd)
        .reduce((sum, x) => sum + (ms(x.end) - ms(x.start)) / HOUR, 0);
      if (hours > p.contract.maxHoursPer7Days)
        out.push(`${p.name} works ${hours} h in 7 days from ${s.start}`);
    }
    const days = sorted.map((s) => s.localDate);
    if (longestRun(days, zone) > p.contract.maxConsecutiveDays)
      out.push(`${p.name} works more than ${p.contract.maxConsecutiveDays} days in a row`);
    if (
      longestRun(
        sorted.filter((s) => s.night).map((s) => s.localDate),
        zone,
      ) > p.contract.maxConsecutiveNights
    ) {
      out.push(`${p.name} works more than ${p.contract.maxConsecutiveNights} nights in a row`);
    }
    out.push(...careRotaBreaks(p, sorted, zone));
    const worked = new Set(days);
    const first = DateTime.fromISO([...worked].sort()[0]!, { zone });
    const lastDay = DateTime.fromISO([...worked].sort().at(-1)!, { zone });
    for (let d = first; d.plus({ days: 6 }) <= lastDay; d = d.plus({ days: 1 })) {
      const window = Array.from({ length: 7 }, (_, k) => d.plus({ days: k }).toISODate()!);
      if (window.every((x) => worked.has(x)))
        out.push(`${p.name} has no day off in the 7 days from ${d.toISODate()}`);
    }
  }
  return out;
}

/**
 * The care-rota rules: days off together (a run of days off between two working days is at least
 * `minConsecutiveDaysOff` long), no early shift the day after a late or a night, and at most
 * `maxWeekendsIn4Weeks` weekends (a shift starting on a Saturday or Sunday) in any 4 consecutive weeks.
 */
function careRotaBreaks(p: CheckedPractitioner, shifts: CheckedShift[], zone: string): string[] {
  const out: string[] = [];
  const date = (d: string) => DateTime.fromISO(d, { zone });
  const days = [...new Set(shifts.map((s) => s.localDate))].sort();
  const least = p.contract.minConsecutiveDaysOff ?? 1;
  for (let i = 1; i < days.length; i++) {
    const off = Math.round(date(days[i]!).diff(date(days[i - 1]!), 'days').days) - 1;
    if (off > 0 && off < least) out.push(`${p.name} has ${off} day(s) off alone before ${days[i]}`);
  }
  for (const late of shifts.filter((s) => s.type === 'late' || s.type === 'night')) {
    const next = date(late.localDate).plus({ days: 1 }).toISODate();
    for (const early of shifts.filter((s) => s.type === 'early' && s.localDate === next))
      out.push(`${p.name} works ${early.id} (early) the day after ${late.id} (${late.type})`);
  }
  const most = p.contract.maxWeekendsIn4Weeks;
  if (most !== null && most !== undefined) {
    const weekendWeeks = [
      ...new Set(
        shifts
          .filter((s) => date(s.localDate).weekday >= 6)
          .map((s) => date(s.localDate).startOf('week').toISODate()!),
      ),
    ].sort();
    for (const week of weekendWeeks) {
      const end = date(week).plus({ weeks: 4 }).toISODate()!;
      const inFour = weekendWeeks.filter((w) => w >= week && w < end).length;
      if (inFour > most) out.push(`${p.name} works ${inFour} weekends in the 4 weeks from ${week}`);
    }
  }
  return out;
}
