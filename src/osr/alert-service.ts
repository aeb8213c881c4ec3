import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { currentWeekMonday, mondayToIsoWeek } from '../time/weeks.js';
import { leadAlerts } from './lead-alerts.js';
import { leadRows } from './rota-repository.js';
import { osrWeek, weekRange } from './weeks.js';

/** The weeks the alert list covers: from the current week for 12 weeks unless the query says otherwise. */
export const alertWeeks = (q: { fromWeek?: string; toWeek?: string }, timezone: string): string[] =>
  weekRange(q.fromWeek ?? mondayToIsoWeek(currentWeekMonday(timezone)), q.toWeek);

/** Every alert of these weeks, of these hubs (all when none are named), in hub-week order. */
export async function listAlerts(db: Kysely<DB>, weeks: string[], hubs: string[] | null, timezone: string) {
  const rows = await leadRows(db, {
    ...(hubs ? { hubs } : {}),
    fromMonday: osrWeek(weeks[0]!, timezone).monday,
    toMonday: osrWeek(weeks.at(-1)!, timezone).monday,
  });
  const alerts = await leadAlerts(db, rows, timezone);
  return { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, items: [...alerts.values()].flat() };
}
