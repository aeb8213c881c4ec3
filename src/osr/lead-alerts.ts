import { DateTime } from 'luxon';
import { findBookingsOfLead, type BookingDto } from './booking-repository.js';
import type { InterventionDto } from './intervention-model.js';
import { listInterventions } from './intervention-repository.js';
import { proposeReplacement, weekContext } from './lead-service.js';
import { findPractitionerBrief, hubNames, type LeadRow } from './rota-repository.js';
import { leadWeekKey as key, unavailableLeads, type UnavailablePart } from './lead-alert-repository.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addWeeks, osrWeek, weekOfMonday, type OsrWeek } from './weeks.js';

/**
 * "The lead responder cannot be there": one rule, kept by the database and read here.
 *
 * The SQL function `osr_unavailable(person, from, to)` (migration 20261129_010) gives the parts of an
 * interval in which a person is absent (any kind) or has left (archived). The booking trigger refuses a
 * visit with an unavailable lead responder with it (SQLSTATE OSR02, beside the case cap's OSR01), and
 * this module derives the hub-week's alerts from it on every read: nothing is stored, so an alert
 * appears the moment an absence or an archiving is committed and goes the moment the week is
 * reassigned or the absence ends. The replacement proposal is computed on the same read (by the
 * scheduler core, for the week's working days), so it too reflects today's facts.
 *
 * Alerts are read by social workers too: they say "unavailable", never the kind of absence.
 */

export interface LeadAlert {
  kind: 'lead-responder-absent';
  cause: 'unavailable' | 'left';
  hub: string;
  week: string;
  practitionerId: string;
  name: string;
  unavailableDays: string[];
  unavailable: { start: string; end: string }[];
  message: string;
  proposal: AlertProposal | null;
  affected: { bookings: BookingDto[]; interventions: InterventionDto[] };
}

export interface AlertProposal {
  from: string;
  proposed: { practitionerId: string; name: string; grade: string; notes: string[] } | null;
  candidates: { practitionerId: string; name: string; grade: string; allowed: boolean; reasons: string[] }[];
  message: string;
}

/** How far back an intervention delivered by the lead responder counts as affected: 6 + 6 weekly sessions. */
export const INTERVENTION_WEEKS = 12;

/** Overlapping or touching parts merged, in order. */
export function mergeParts(parts: UnavailablePart[]): UnavailablePart[] {
  const sorted = [...parts].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: UnavailablePart[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && p.start <= last.end) {
      if (p.end > last.end) last.end = p.end;
      if (p.why === 'left') last.why = 'left';
    } else out.push({ ...p });
  }
  return out;
}

/** The working days (local dates, Monday to Friday) that a part of unavailability touches. */
export function daysTouched(w: OsrWeek, parts: UnavailablePart[]): string[] {
  const days: string[] = [];
  for (let d = 0; d < 5; d++) {
    const from = w.start.plus({ days: d });
    const to = from.plus({ days: 1 });
    if (parts.some((p) => p.start < to.toJSDate() && p.end > from.toJSDate())) days.push(from.toISODate()!);
  }
  return days;
}

const DAY = 'ccc d LLL yyyy';

/** "from Tue 5 Mar 2030 08:00 to the end of Fri 8 Mar 2030", "on Wed 6 Mar 2030 09:00-17:00". */
export function partWords(part: { start: Date; end: Date }, timezone: string): string {
  const s = DateTime.fromJSDate(part.start, { zone: timezone });
  const e = DateTime.fromJSDate(part.end, { zone: timezone });
  const sMidnight = s.equals(s.startOf('day'));
  const eMidnight = e.equals(e.startOf('day'));
  const lastDay = eMidnight ? e.minus({ days: 1 }) : e;
  if (s.hasSame(lastDay, 'day')) {
    if (sMidnight && eMidnight) return `on ${s.toFormat(DAY)}`;
    return `on ${s.toFormat(DAY)} ${s.toFormat('HH:mm')}-${eMidnight ? '24:00' : e.toFormat('HH:mm')}`;
  }
  const from = sMidnight ? s.toFormat(DAY) : s.toFormat(`${DAY} HH:mm`);
  const to = eMidnight ? `the end of ${lastDay.toFormat(DAY)}` : e.toFormat(`${DAY} HH:mm`);
  return `from ${from} to ${to}`;
}

const listWords = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The sentence of an alert: names, hub and local dates; never the kind of absence, never an id. */
export function alertMessage(
  name: string,
  hubName: string,
  w: OsrWeek,
  parts: UnavailablePart[],
  timezone: string,
): string {
  const friday = w.start.plus({ days: 4 }).toFormat(DAY);
  const week = `the OSR week ${w.week} (${w.start.toFormat(DAY)} to ${friday})`;
  if (parts.some((p) => p.why === 'left')) {
    return `${name} has left, but leads ${hubName} in ${week}; the week needs another lead responder, and no visit can be booked until it is reassigned.`;
  }
  const when = listWords(parts.map((p) => partWords(p, timezone)));
  return `${name}, the lead responder of ${hubName} in ${week}, is unavailable ${when}; the week needs another lead responder, and no visit can be booked with ${name} while unavailable.`;
}

/** The core's proposal for the week, in words a social worker may read; null once its working days are over. */
async function alertProposal(
  db: Kysely<DB>,
  hub: string,
  w: OsrWeek,
  timezone: string,
  now: DateTime,
): Promise<AlertProposal | null> {
  if (now >= w.workEnd) return null;
  const ctx = await weekContext(db, hub, w.week, timezone);
  // Every absence reads as "unavailable" here: the alert is not the place for the kind of absence.
  const facts = {
    ...ctx.facts,
    absences: ctx.facts.absences.map((a) => ({ ...a, kind: 'unavailable' as const })),
  };
  // The whole working week, not just the rest of it: reassigning replaces the week's lead responder
  // (every booking of the week moves to them) and the override checks the whole week, so only someone
  // it would accept is proposed, and the new lead leaves no alert behind.
  const p = proposeReplacement({ ...ctx, facts }, w.week, timezone, w.start);
  const best = p.candidates.find((c) => c.allowed && c.practitionerId !== p.current?.practitionerId);
  const fromWords = `for all of ${w.week}`;
  const message = best
    ? `Proposed: ${best.name} (grade ${best.grade}) can lead ${ctx.facts.hubName} ${fromWords}${best.notes.length ? ` (${best.notes.join(' ')})` : ''}. The hub manager applies it by reassigning the week.`
    : `Nobody else in ${ctx.facts.hubName} can lead ${fromWords}; the hub manager needs to arrange cover outside the rota, or send new requests by the standard 0-19 Request Form route.`;
  return {
    from: p.from,
    proposed: best
      ? { practitionerId: best.practitionerId, name: best.name, grade: best.grade, notes: best.notes }
      : null,
    candidates: p.candidates.map((c) => ({
      practitionerId: c.practitionerId,
      name: c.name,
      grade: c.grade,
      allowed: c.allowed,
      reasons: c.reasons,
    })),
    message,
  };
}

async function affectedOf(
  db: Kysely<DB>,
  hub: string,
  w: OsrWeek,
  practitionerId: string,
  parts: UnavailablePart[],
  timezone: string,
): Promise<LeadAlert['affected']> {
  const bookings = (await findBookingsOfLead(db, hub, w.monday, practitionerId)).filter(
    (b) =>
      b.scheduledAt === null ||
      parts.some((p) => new Date(b.scheduledAt!) < p.end && new Date(b.visitEndsAt!) > p.start),
  );
  // Closed interventions are over: only open ones need someone else.
  const { items } = await listInterventions(
    db,
    {
      hub,
      practitionerId,
      fromMonday: osrWeek(addWeeks(w.week, -INTERVENTION_WEEKS), timezone).monday,
      toMonday: w.monday,
      status: 'open',
    },
    1000,
    0,
  );
  return { bookings, interventions: items };
}

/**
 * The alerts of these stored hub-weeks, by `hub/week`: one per week whose lead responder is absent on
 * any of its working days or has left, with a replacement proposal and the bookings and interventions
 * it touches. Weeks without an alert are not in the map.
 */
export async function leadAlerts(
  db: Kysely<DB>,
  rows: LeadRow[],
  timezone: string,
  now: DateTime = DateTime.now().setZone(timezone),
): Promise<Map<string, LeadAlert[]>> {
  const out = new Map<string, LeadAlert[]>();
  const led = rows.filter((r) => r.practitionerId);
  if (led.length === 0) return out;
  const mondays = led.map((r) => r.monday).sort();
  const hubs = [...new Set(led.map((r) => r.hub))];
  const found = await unavailableLeads(
    db,
    { hubs, fromMonday: mondays[0]!, toMonday: mondays.at(-1)! },
    timezone,
  );
  if (found.size === 0) return out;
  const names = await hubNames(db, hubs);
  for (const row of led) {
    const hit = found.get(key(row.hub, row.monday));
    if (!hit || hit.practitionerId !== row.practitionerId) continue;
    const w = osrWeek(weekOfMonday(row.monday), timezone);
    const parts = mergeParts(hit.parts);
    const name = row.name ?? '';
    const hubName = names.get(row.hub) ?? row.hub;
    out.set(`${row.hub}/${w.week}`, [
      {
        kind: 'lead-responder-absent',
        cause: parts.some((p) => p.why === 'left') ? 'left' : 'unavailable',
        hub: row.hub,
        week: w.week,
        practitionerId: hit.practitionerId,
        name,
        unavailableDays: daysTouched(w, parts),
        unavailable: parts.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
        message: alertMessage(name, hubName, w, parts, timezone),
        proposal: await alertProposal(db, row.hub, w, timezone, now),
        affected: await affectedOf(db, row.hub, w, hit.practitionerId, parts, timezone),
      },
    ]);
  }
  return out;
}

/** The words of a refused booking (409 lead-responder-absent), from the same rule as the alert. */
export async function leadAbsentDetail(
  db: Kysely<DB>,
  hub: string,
  week: string,
  timezone: string,
  standardRoute: string,
): Promise<string> {
  const w = osrWeek(week, timezone);
  const hubName = (await hubNames(db, [hub])).get(hub) ?? hub;
  const found = (
    await unavailableLeads(db, { hubs: [hub], fromMonday: w.monday, toMonday: w.monday }, timezone)
  ).get(key(hub, w.monday));
  const person = found ? await findPractitionerBrief(db, found.practitionerId) : undefined;
  const name = person?.name ?? 'The lead responder';
  const parts = mergeParts(found?.parts ?? []);
  const why = parts.some((p) => p.why === 'left')
    ? `${name} has left, and the hub manager has not yet reassigned the week`
    : parts.length
      ? `${name} is unavailable ${listWords(parts.map((p) => partWords(p, timezone)))}`
      : `${name} is unavailable at that time`;
  return (
    `No visit was booked: ${why}, as lead responder of ${hubName} in ${week}. ` +
    `Choose a time when they are available, or wait for the hub manager to reassign the week; ` +
    `for an urgent family use the standard route: ${standardRoute}.`
  );
}
