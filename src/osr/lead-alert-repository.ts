import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

// SQL of "the lead responder cannot be there": the database's own rule, per hub-week (see lead-alerts.ts).

/** A part of the working days in which the lead responder cannot be there. */
export interface UnavailablePart {
  start: Date;
  end: Date;
  why: 'absent' | 'left';
}

/** The key of a hub-week in the maps below: its hub and Monday. */
export const leadWeekKey = (hub: string, monday: string) => `${hub}/${monday}`;

/**
 * The unavailable parts of the working days of every led hub-week in the range, by `hub/monday`,
 * read with the database's own rule. Hub-weeks whose lead responder is there all week are absent.
 */
export async function unavailableLeads(
  db: Kysely<DB>,
  filter: { hubs?: string[]; fromMonday: string; toMonday: string },
  timezone: string,
): Promise<Map<string, { practitionerId: string; parts: UnavailablePart[] }>> {
  const hubs = filter.hubs ? (filter.hubs.length ? filter.hubs : ['']) : null;
  const { rows } = await sql<{
    hub_code: string;
    monday: string;
    practitioner_id: string;
    starts_at: Date | string;
    ends_at: Date | string;
    why: 'absent' | 'left';
  }>`
    SELECT l.hub_code, l.week_start::text AS monday, l.practitioner_id, u.starts_at, u.ends_at, u.why
      FROM osr_lead_responders l
      CROSS JOIN LATERAL osr_working_days(l.week_start, ${timezone}) AS w(span)
      CROSS JOIN LATERAL osr_unavailable(l.practitioner_id, lower(w.span), upper(w.span)) AS u
     WHERE l.practitioner_id IS NOT NULL
       AND l.week_start BETWEEN ${filter.fromMonday}::date AND ${filter.toMonday}::date
       ${hubs ? sql`AND l.hub_code IN (${sql.join(hubs)})` : sql``}
     ORDER BY l.hub_code, l.week_start, u.starts_at, u.ends_at`.execute(db);
  const out = new Map<string, { practitionerId: string; parts: UnavailablePart[] }>();
  for (const r of rows) {
    const k = leadWeekKey(r.hub_code, r.monday);
    const entry = out.get(k) ?? { practitionerId: r.practitioner_id, parts: [] };
    entry.parts.push({ start: new Date(r.starts_at), end: new Date(r.ends_at), why: r.why });
    out.set(k, entry);
  }
  return out;
}
