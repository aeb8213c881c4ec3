import { datTeamFor } from '../figures.js';
import { unavailableLeads } from '../lead-alert-repository.js';
import { daysTouched, mergeParts } from '../lead-alerts.js';
import { hubNames, leadRows } from '../rota-repository.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { knownHub } from '../rota-service.js';
import { mondaySpan, osrWeek, weeksFromNow } from '../weeks.js';

/** One hub-week of the issued rota, as every export format shows it. */
export interface ExportRow {
  hub: string;
  hubName: string;
  week: string;
  /** Monday and Friday, local dates. */
  monday: string;
  friday: string;
  lead: { name: string; grade: string; source: 'generated' | 'override'; version: number } | null;
  datTeam: string | null;
  /**
   * Working days (local dates) the lead responder cannot be there, or has left: the week is being
   * reassigned. The same rule as the hub-week's alerts; the kind of absence is never shown.
   */
  leadUnavailableDays: string[];
}

export interface ExportTable {
  hubs: { code: string; name: string }[];
  weeks: string[];
  rows: ExportRow[];
}

/** The table an export asks for: 12 weeks from the current week unless it says otherwise, every hub or one. */
export async function exportTableOf(
  db: Kysely<DB>,
  q: { fromWeek?: string; toWeek?: string; hub?: string },
  timezone: string,
): Promise<ExportTable> {
  const weeks = weeksFromNow(q, timezone);
  await knownHub(db, q.hub);
  return exportTable(db, weeks, q.hub, timezone);
}

export async function exportTable(
  db: Kysely<DB>,
  weeks: string[],
  hub: string | undefined,
  timezone: string,
): Promise<ExportTable> {
  const names = await hubNames(db, hub ? [hub] : undefined);
  const hubs = [...names].map(([code, name]) => ({ code, name }));
  const filter = { hubs: hubs.map((h) => h.code), ...mondaySpan(weeks, timezone) };
  const stored = await leadRows(db, filter);
  const byKey = new Map(stored.map((r) => [`${r.hub}/${r.week}`, r]));
  const away = await unavailableLeads(db, filter, timezone);
  const rows: ExportRow[] = [];
  for (const week of weeks) {
    const w = osrWeek(week, timezone);
    const dat = await datTeamFor(db, week, timezone);
    for (const h of hubs) {
      const r = byKey.get(`${h.code}/${week}`);
      rows.push({
        hub: h.code,
        hubName: h.name,
        week,
        monday: w.monday,
        friday: w.friday,
        lead: r?.practitionerId
          ? { name: r.name ?? '', grade: r.grade ?? '', source: r.source, version: r.version }
          : null,
        datTeam: dat?.name ?? null,
        leadUnavailableDays: daysTouched(w, mergeParts(away.get(`${h.code}/${w.monday}`)?.parts ?? [])),
      });
    }
  }
  return { hubs, weeks, rows };
}
