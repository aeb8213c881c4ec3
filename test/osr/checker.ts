import { DateTime } from 'luxon';
import type { AbsenceSpec, Person } from './fixtures.js';

/**
 * An independent check of an OSR rota, written from the protocol rather than from the solver:
 * it shares no code with src/osr or src/scheduler.
 */
export interface RotaBody {
  assignments: { hub: string; week: string; practitionerId: string; grade: string }[];
  unfilled: { hub: string; week: string; reasons: string[] }[];
}

const TZ = 'Europe/London';

function workingDays(week: string): [number, number] {
  const monday = DateTime.fromISO(week, { zone: TZ }).startOf('day');
  return [monday.toMillis(), monday.plus({ days: 5 }).toMillis()];
}

export function isAbsent(person: Person, week: string, absences: AbsenceSpec[]): boolean {
  const [from, to] = workingDays(week);
  return absences.some(
    (a) =>
      a.name === person.name && Date.parse(a.start) < to && (a.end === undefined || Date.parse(a.end) > from),
  );
}

export function eligible(people: Person[], hub: string, week: string, absences: AbsenceSpec[]): Person[] {
  return people.filter(
    (p) => p.hub === hub && (p.grade === 'H' || p.grade === 'I') && !isAbsent(p, week, absences),
  );
}

/** Every broken rule, in words; an empty list means the rota keeps them all. */
export function checkRota(
  rota: RotaBody,
  people: Person[],
  hubs: string[],
  weeks: string[],
  absences: AbsenceSpec[],
): string[] {
  const errors: string[] = [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const lead = new Map<string, string>();
  for (const hub of hubs) {
    for (const week of weeks) {
      const a = rota.assignments.filter((x) => x.hub === hub && x.week === week);
      const u = rota.unfilled.filter((x) => x.hub === hub && x.week === week);
      if (a.length + u.length !== 1)
        errors.push(`${hub} ${week}: ${a.length} assignments and ${u.length} unfilled`);
      if (a.length === 1) lead.set(`${hub}/${week}`, a[0]!.practitionerId);
      if (u.length === 1 && eligible(people, hub, week, absences).length > 0)
        errors.push(`${hub} ${week} unfilled although someone eligible was available`);
      if (u.length === 1 && u[0]!.reasons.length === 0)
        errors.push(`${hub} ${week} unfilled without reasons`);
    }
  }
  for (const a of rota.assignments) {
    const p = byId.get(a.practitionerId);
    if (!p) {
      errors.push(`${a.hub} ${a.week}: unknown practitioner`);
      continue;
    }
    if (p.hub !== a.hub) errors.push(`${a.hub} ${a.week}: ${p.name} is from ${p.hub}`);
    if (p.grade !== 'H' && p.grade !== 'I') errors.push(`${a.hub} ${a.week}: ${p.name} is grade ${p.grade}`);
    if (a.grade !== p.grade) errors.push(`${a.hub} ${a.week}: grade ${a.grade} reported for ${p.name}`);
    if (isAbsent(p, a.week, absences)) errors.push(`${a.hub} ${a.week}: ${p.name} is absent`);
  }
  for (const hub of hubs) {
    for (let i = 1; i < weeks.length; i++) {
      const before = lead.get(`${hub}/${weeks[i - 1]}`);
      const now = lead.get(`${hub}/${weeks[i]}`);
      if (!before || before !== now) continue;
      const others = eligible(people, hub, weeks[i]!, absences).filter((p) => p.id !== now);
      if (others.length > 0)
        errors.push(
          `${hub}: ${byId.get(now)?.name} leads ${weeks[i - 1]} and ${weeks[i]} though others were free`,
        );
    }
  }
  return errors;
}

/** Weeks led per person of a hub, and the H share of the hub's filled weeks. */
export function spread(rota: RotaBody, people: Person[], hub: string) {
  const counts = new Map<string, number>();
  for (const p of people) if (p.hub === hub && (p.grade === 'H' || p.grade === 'I')) counts.set(p.name, 0);
  const byId = new Map(people.map((p) => [p.id, p]));
  let h = 0;
  let n = 0;
  for (const a of rota.assignments.filter((x) => x.hub === hub)) {
    const p = byId.get(a.practitionerId)!;
    counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    n++;
    if (p.grade === 'H') h++;
  }
  return { counts, hShare: n ? h / n : 0 };
}
