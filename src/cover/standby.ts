import type { Kysely, Transaction } from 'kysely';
import { problems } from '../http/problem.js';
import { missingCodes } from '../reference/repository.js';
import {
  activePractitionerName,
  insertStandby,
  readStandbyFacts,
  upsertStandby,
  worksInRegion,
} from './standby-repository.js';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';

export interface StandbyEntry {
  region: string;
  date: string;
  practitionerId: string;
  name: string;
}

/**
 * Names a region's standby practitioner for a day: the region must exist, and the practitioner be
 * active and work in it (422 in words otherwise).
 */
export async function setStandby(
  trx: Transaction<DB>,
  region: string,
  date: string,
  practitionerId: string,
): Promise<StandbyEntry> {
  if ((await missingCodes(trx, 'regions', [region])).length)
    throw problems.unprocessable(`Unknown region code: ${region}.`);
  const name = await activePractitionerName(trx, practitionerId);
  if (name === undefined)
    throw problems.unprocessable('There is no active practitioner with that id.', [
      { field: '/practitionerId', message: 'not an active practitioner' },
    ]);
  if (!(await worksInRegion(trx, practitionerId, region)))
    throw problems.unprocessable(`${name} does not work in region ${region}.`);
  await upsertStandby(trx, region, date, practitionerId);
  return { region, date, practitionerId, name };
}

/**
 * Designates, for each region and day without one, an on-call practitioner who works in that region, is
 * not absent and has no shift starting that day; the fewest standby days in the period go first, then
 * the fewest hours that week, so the duty is shared.
 */
export async function suggestStandby(db: Kysely<DB>, from: string, to: string, timezone: string) {
  const first = DateTime.fromISO(from, { zone: timezone });
  const last = DateTime.fromISO(to, { zone: timezone });
  const facts = await readStandbyFacts(db, first, last, from, to);
  const { regions, people, links, absences, work, existing } = facts;
  const taken = new Set(existing.map((e) => `${e.region}|${e.local_date}`));
  const busyOn = new Set(existing.map((e) => `${e.practitioner_id}|${e.local_date}`));
  const count = new Map<string, number>();
  for (const e of existing) count.set(e.practitioner_id, (count.get(e.practitioner_id) ?? 0) + 1);
  const works = new Set(work.map((w) => `${w.practitioner_id}|${w.local_date}`));
  const worksIn = new Set(links.map((l) => `${l.practitioner_id}|${l.region_code}`));
  const absencesOf = new Map<string, typeof absences>();
  for (const a of absences)
    absencesOf.set(a.practitioner_id, [...(absencesOf.get(a.practitioner_id) ?? []), a]);
  const created: StandbyEntry[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const dayStart = day.toJSDate();
    const dayEnd = day.plus({ days: 1 }).toJSDate();
    const weekStart = day.startOf('week').toISODate()!;
    // Hours worked so far this week, once per day rather than inside the sort.
    const hours = hoursInWeek(work, weekStart, date);
    for (const { code } of regions) {
      if (taken.has(`${code}|${date}`)) continue;
      const eligible = people.filter(
        (p) =>
          worksIn.has(`${p.id}|${code}`) &&
          !works.has(`${p.id}|${date}`) &&
          !busyOn.has(`${p.id}|${date}`) &&
          !(absencesOf.get(p.id) ?? []).some(
            (a) => a.starts_at < dayEnd && (!a.ends_at || a.ends_at > dayStart),
          ),
      );
      if (eligible.length === 0) continue;
      eligible.sort(
        (a, b) =>
          (count.get(a.id) ?? 0) - (count.get(b.id) ?? 0) ||
          (hours.get(a.id) ?? 0) - (hours.get(b.id) ?? 0) ||
          a.id.localeCompare(b.id),
      );
      const chosen = eligible[0]!;
      await insertStandby(db, code, date, chosen.id);
      busyOn.add(`${chosen.id}|${date}`);
      count.set(chosen.id, (count.get(chosen.id) ?? 0) + 1);
      created.push({ region: code, date, practitionerId: chosen.id, name: chosen.name });
    }
  }
  return created;
}

/** Hours each person works from `weekStart` to `date`, both included (local dates). */
function hoursInWeek(
  work: readonly { practitioner_id: string; local_date: string; starts_at: Date; ends_at: Date }[],
  weekStart: string,
  date: string,
): Map<string, number> {
  const hours = new Map<string, number>();
  for (const w of work) {
    if (w.local_date < weekStart || w.local_date > date) continue;
    const h = (w.ends_at.getTime() - w.starts_at.getTime()) / 3_600_000;
    hours.set(w.practitioner_id, (hours.get(w.practitioner_id) ?? 0) + h);
  }
  return hours;
}
