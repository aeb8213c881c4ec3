import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { leadAlerts } from './lead-alerts.js';
import { leadRows } from './rota-repository.js';
import { mondaySpan } from './weeks.js';

/** Every alert of these weeks, of these hubs (all when none are named), in hub-week order. */
export async function listAlerts(db: Kysely<DB>, weeks: string[], hubs: string[] | null, timezone: string) {
  const rows = await leadRows(db, { ...(hubs ? { hubs } : {}), ...mondaySpan(weeks, timezone) });
  const alerts = await leadAlerts(db, rows, timezone);
  return { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, items: [...alerts.values()].flat() };
}
