import { capForWeek } from '../reference/hubs-repository.js';
import { problems } from '../http/problem.js';
import { leadAlerts } from './lead-alerts.js';
import { hubNames, leadRows, type LeadRow } from './rota-repository.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { WeekFigures } from './review-schemas.js';
import { casesBookedPerWeek, countPerWeek, hubWeekKey as key } from './figures-repository.js';
import { datTeamOnDuty } from './setup-repository.js';
import { addWeeks, osrWeek, parseWeek, weekOfMonday } from './weeks.js';

export async function weekFigures(
  db: Kysely<DB>,
  hubs: string[],
  mondays: string[],
): Promise<Map<string, WeekFigures>> {
  const out = new Map<string, WeekFigures>();
  if (hubs.length === 0 || mondays.length === 0) return out;
  const [first, last] = [mondays[0]!, mondays.at(-1)!];
  const bookedBy = await casesBookedPerWeek(db, hubs, first, last);
  const refusedBy = await countPerWeek(db, 'osr_refusals', hubs, first, last);
  const startedBy = await countPerWeek(db, 'osr_interventions', hubs, first, last);
  for (const hub of hubs) {
    for (const monday of mondays) {
      const k = key(hub, monday);
      out.set(k, {
        hub,
        week: weekOfMonday(monday),
        weeklyCaseCap: await capForWeek(db, hub, monday),
        casesBooked: bookedBy.get(k) ?? 0,
        refusedRequests: refusedBy.get(k) ?? 0,
        interventionsStarted: startedBy.get(k) ?? 0,
      });
    }
  }
  return out;
}

export const leadOf = (row: LeadRow | undefined) =>
  row?.practitionerId
    ? {
        practitionerId: row.practitionerId,
        name: row.name ?? '',
        grade: row.grade ?? '',
        source: row.source,
        reason: row.reason,
        issued: row.issuedAt !== null,
      }
    : null;

/** The DAT team working with the hubs in a week: the one on duty the week before. */
export async function datTeamFor(db: Kysely<DB>, week: string, timezone: string) {
  const dutyWeek = addWeeks(week, -1);
  const team = await datTeamOnDuty(db, osrWeek(dutyWeek, timezone).monday);
  return team ? { ...team, dutyWeek } : null;
}

export async function hubWeekView(db: Kysely<DB>, hub: string, week: string, timezone: string) {
  parseWeek(week, '/params/week');
  const hubName = (await hubNames(db, [hub])).get(hub);
  if (!hubName) throw problems.notFound('hub', hub);
  const { monday } = osrWeek(week, timezone);
  const [row] = await leadRows(db, { hubs: [hub], fromMonday: monday, toMonday: monday });
  const figures = (await weekFigures(db, [hub], [monday])).get(key(hub, monday))!;
  return {
    hub,
    hubName,
    week,
    monday,
    leadResponder: leadOf(row),
    unfilledReasons: row?.unfilledReasons ?? [],
    weeklyCaseCap: figures.weeklyCaseCap,
    casesBooked: figures.casesBooked,
    casesRemaining: Math.max(0, figures.weeklyCaseCap - figures.casesBooked),
    refusedRequests: figures.refusedRequests,
    interventionsStarted: figures.interventionsStarted,
    datTeam: await datTeamFor(db, week, timezone),
    alerts: row ? ((await leadAlerts(db, [row], timezone)).get(`${hub}/${week}`) ?? []) : [],
  };
}
