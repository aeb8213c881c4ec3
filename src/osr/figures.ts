import { capForWeek } from '../reference/hubs-repository.js';
import { problems } from '../http/problem.js';
import { leadAlerts } from './lead-alerts.js';
import { hubNames, leadRows, type LeadRow } from './rota-repository.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { WeekFigures } from './review-schemas.js';
import { addWeeks, osrWeek, parseWeek, weekOfMonday } from './weeks.js';

const key = (hub: string, monday: string) => `${hub}/${monday}`;

export async function weekFigures(
  db: Kysely<DB>,
  hubs: string[],
  mondays: string[],
): Promise<Map<string, WeekFigures>> {
  const out = new Map<string, WeekFigures>();
  if (hubs.length === 0 || mondays.length === 0) return out;
  const [first, last] = [mondays[0]!, mondays.at(-1)!];
  const booked = await db
    .selectFrom('osr_hub_weeks')
    .select(['hub_code', 'week_start', 'cases_booked'])
    .where('hub_code', 'in', hubs)
    .where('week_start', '>=', first)
    .where('week_start', '<=', last)
    .execute();
  const refusedBy = await countPerWeek(db, 'osr_refusals', hubs, first, last);
  const startedBy = await countPerWeek(db, 'osr_interventions', hubs, first, last);
  const bookedBy = new Map(booked.map((r) => [key(r.hub_code, r.week_start), r.cases_booked]));
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

/** How many rows of a table each hub-week has (refusals, interventions started), by `key`. */
async function countPerWeek(
  db: Kysely<DB>,
  table: 'osr_refusals' | 'osr_interventions',
  hubs: string[],
  first: string,
  last: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['hub_code', 'week_start', (eb) => eb.fn.countAll<number>().as('n')])
    .where('hub_code', 'in', hubs)
    .where('week_start', '>=', first)
    .where('week_start', '<=', last)
    .groupBy(['hub_code', 'week_start'])
    .execute();
  return new Map(rows.map((r) => [key(r.hub_code, r.week_start), Number(r.n)]));
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
  const row = await db
    .selectFrom('osr_dat_duty_weeks as d')
    .innerJoin('osr_dat_teams as t', 't.code', 'd.dat_team')
    .select(['t.code', 't.name'])
    .where('d.duty_week_start', '=', osrWeek(dutyWeek, timezone).monday)
    .executeTakeFirst();
  return row ? { code: row.code, name: row.name, dutyWeek } : null;
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
