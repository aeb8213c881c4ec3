import type { OsrUnfilledGroupDto } from './unfilled-summary.js';
import type { RotaQuery } from './schemas.js';
import { writeEvent } from '../changes/events.js';
import { problems } from '../http/problem.js';
import { currentWeekMonday } from '../time/weeks.js';
import { leadAlerts, type LeadAlert } from './lead-alerts.js';
import { sharedSolverThread } from '../solving/index.js';
import { isLeadGrade, type HubFacts, type PlanWeek } from './rota-problem.js';
import {
  absencesOf,
  findPractitionerBrief,
  gradeMixOf,
  hubNames,
  hubPractitioners,
  hubExists,
  issueWeeks,
  leadRows,
  lockLeadRows,
  saveGenerated,
  type LeadRow,
} from './rota-repository.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { addWeeks, osrWeek, parseWeek, weekOfMonday, weekRange, weeksBetween } from './weeks.js';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';

/** Weeks before a run that fairness and the consecutive rule look back on. */
export const LOOKBACK_WEEKS = 8;

export interface RotaAssignment {
  hub: string;
  week: string;
  practitionerId: string;
  name: string;
  grade: string;
  source: 'generated' | 'override';
  issued: boolean;
  reason: string | null;
  notes: string[];
  /** The lead responder is absent on a working day of the week, or has left (derived on read). */
  alerts: LeadAlert[];
}

export interface RotaUnfilled {
  hub: string;
  week: string;
  reasons: string[];
}

export interface Rota {
  fromWeek: string;
  toWeek: string;
  assignments: RotaAssignment[];
  unfilled: RotaUnfilled[];
}

/** Facts of one hub over [first week's Monday, last week's end). */
export async function hubFacts(
  db: Kysely<DB>,
  hub: string,
  hubName: string,
  weeks: string[],
  timezone: string,
  alsoPeople: string[] = [],
): Promise<HubFacts> {
  const practitioners = await hubPractitioners(db, hub);
  // People fixed on a kept week who have since left the hub stay in the problem, so pinning holds.
  for (const id of alsoPeople) {
    if (practitioners.some((p) => p.id === id)) continue;
    const p = await findPractitionerBrief(db, id);
    if (p) practitioners.push({ id: p.id, name: p.name, grade: p.grade ?? '', hub, left: true });
  }
  const from = osrWeek(weeks[0]!, timezone).start.toJSDate();
  const to = osrWeek(weeks[weeks.length - 1]!, timezone).end.toJSDate();
  const absences = await absencesOf(
    db,
    practitioners.map((p) => p.id),
    from,
    to,
  );
  return { hub, hubName, practitioners, absences, mix: await gradeMixOf(db, hub), timezone };
}

/** Weeks kept as they are: overridden, issued, or already started. */
export const isKept = (row: LeadRow | undefined, currentMonday: string): boolean =>
  Boolean(row?.practitionerId && (row.source === 'override' || row.issuedAt || row.monday <= currentMonday));

export function toAssignment(row: LeadRow, notes: string[] = [], alerts: LeadAlert[] = []): RotaAssignment {
  return {
    hub: row.hub,
    week: row.week,
    practitionerId: row.practitionerId!,
    name: row.name ?? '',
    grade: row.grade ?? '',
    source: row.source,
    issued: row.issuedAt !== null,
    reason: row.reason,
    notes,
    alerts,
  };
}

/** Generates (or regenerates) the rota of every hub for `weeks` weeks from `fromWeek`, keeping kept weeks. */
export async function generateRota(
  ctx: ChangeContext,
  input: { fromWeek: string; weeks: number; hub?: string },
): Promise<Rota & { unfilledSummary: OsrUnfilledGroupDto[] }> {
  const { db, timezone } = ctx;
  parseWeek(input.fromWeek, '/body/fromWeek');
  const planned = weeksBetween(input.fromWeek, addWeeks(input.fromWeek, input.weeks - 1));
  const history = weeksBetween(addWeeks(input.fromWeek, -LOOKBACK_WEEKS), addWeeks(input.fromWeek, -1));
  const names = await hubNames(db, input.hub ? [input.hub] : undefined);
  if (input.hub && !names.has(input.hub)) throw problems.notFound('hub', input.hub);
  const run: RunWeeks = { planned, history, currentMonday: currentWeekMonday(timezone), timezone };
  const { after } = await applyChange(ctx, {
    entity: 'osr_rota',
    action: 'generate',
    write: async (trx) => {
      const notesOf = new Map<string, string[]>();
      const unfilledSummary: OsrUnfilledGroupDto[] = [];
      for (const [hub, hubName] of names) {
        unfilledSummary.push(...(await generateHub(trx, hub, hubName, run, notesOf)));
      }
      const rota = await readRota(
        trx,
        { fromWeek: planned[0]!, toWeek: planned.at(-1)!, hubs: [...names.keys()] },
        timezone,
        notesOf,
      );
      return { ...rota, unfilledSummary };
    },
    entityId: (rota) => `${rota.fromWeek}..${rota.toWeek}`,
    audited: ({ unfilledSummary: _, ...rota }) => rota,
  });
  return after;
}

/** The weeks of one rota run: those planned, those looked back on, and the current week's Monday. */
interface RunWeeks {
  planned: string[];
  history: string[];
  currentMonday: string;
  timezone: string;
}

/** Plans one hub's weeks (keeping kept ones), saves them and tells of each changed lead responder. */
async function generateHub(
  trx: Transaction<DB>,
  hub: string,
  hubName: string,
  run: RunWeeks,
  notesOf: Map<string, string[]>,
): Promise<OsrUnfilledGroupDto[]> {
  const { planned, history, timezone } = run;
  const rows = await lockLeadRows(trx, {
    hubs: [hub],
    fromMonday: osrWeek(history[0]!, timezone).monday,
    toMonday: osrWeek(planned.at(-1)!, timezone).monday,
  });
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const weeks: PlanWeek[] = [
    ...history.map((week) => ({ week, history: true, pinned: byWeek.get(week)?.practitionerId ?? null })),
    ...planned.map((week) => {
      const row = byWeek.get(week);
      return { week, pinned: isKept(row, run.currentMonday) ? row!.practitionerId : null };
    }),
  ];
  const pinnedPeople = weeks.flatMap((w) => (w.pinned ? [w.pinned] : []));
  const facts = await hubFacts(trx, hub, hubName, [...history, ...planned], timezone, pinnedPeople);
  // Solved in the warm solver thread: a run plans every hub, and their solves would hold the event loop.
  const result = await sharedSolverThread.hubRota(facts, weeks);
  for (const w of weeks) {
    if (w.history || w.pinned) continue;
    const id = result.lead.get(w.week) ?? null;
    const lead = facts.practitioners.find((p) => p.id === id);
    const grade = isLeadGrade(lead?.grade) ? lead.grade : null;
    const monday = osrWeek(w.week, timezone).monday;
    await saveGenerated(trx, {
      hub,
      monday,
      practitionerId: id,
      grade,
      reasons: result.reasons.get(w.week) ?? [],
    });
    if ((byWeek.get(w.week)?.practitionerId ?? null) !== id) {
      await writeEvent(trx, 'osr.lead-responder.changed', `${hub}/${w.week}`, {
        hub,
        week: w.week,
        practitioner: lead ? { id: lead.id, name: lead.name } : null,
        grade,
        source: 'generated',
        reason: null,
      });
    }
    notesOf.set(`${hub}/${w.week}`, result.notes.get(w.week) ?? []);
  }
  return result.summary;
}

/** 404 for a hub that does not exist (none asked: every hub). */
export async function knownHub(db: Kysely<DB>, hub: string | undefined): Promise<void> {
  if (hub && !(await hubExists(db, hub))) throw problems.notFound('hub', hub);
}

/** The stored rota asked for by a query: its weeks (both included), of one hub or all. */
export async function readRotaOf(db: Kysely<DB>, q: RotaQuery, timezone: string): Promise<Rota> {
  const weeks = weekRange(q.fromWeek, q.toWeek);
  await knownHub(db, q.hub);
  return readRota(
    db,
    { fromWeek: weeks[0]!, toWeek: weeks.at(-1)!, ...(q.hub ? { hubs: [q.hub] } : {}) },
    timezone,
  );
}

/** The stored rota: filled weeks as assignments, weeks without anyone as unfilled with their reasons. */
export async function readRota(
  db: Kysely<DB>,
  filter: { fromWeek: string; toWeek: string; hubs?: string[] },
  timezone: string,
  notesOf: Map<string, string[]> = new Map(),
): Promise<Rota> {
  const rows = await leadRows(db, {
    ...(filter.hubs ? { hubs: filter.hubs } : {}),
    fromMonday: osrWeek(filter.fromWeek, timezone).monday,
    toMonday: osrWeek(filter.toWeek, timezone).monday,
  });
  const alerts = await leadAlerts(db, rows, timezone);
  return {
    fromWeek: filter.fromWeek,
    toWeek: filter.toWeek,
    assignments: rows
      .filter((r) => r.practitionerId)
      .map((r) =>
        toAssignment(r, notesOf.get(`${r.hub}/${r.week}`) ?? [], alerts.get(`${r.hub}/${r.week}`) ?? []),
      ),
    unfilled: rows
      .filter((r) => !r.practitionerId)
      .map((r) => ({ hub: r.hub, week: weekOfMonday(r.monday), reasons: r.unfilledReasons })),
  };
}

/** Issues the filled weeks to social workers (later runs keep them), through the change pipeline. */
export async function issueRota(
  ctx: ChangeContext,
  input: { fromWeek: string; toWeek: string; hub?: string },
) {
  const weeks = weekRange(input.fromWeek, input.toWeek);
  await knownHub(ctx.db, input.hub);
  const [first, last] = [weeks[0]!, weeks.at(-1)!];
  const { after } = await applyChange(ctx, {
    entity: 'osr_rota',
    action: 'issue',
    write: async (trx) => {
      const issued = await issueWeeks(
        trx,
        {
          ...(input.hub ? { hub: input.hub } : {}),
          fromMonday: osrWeek(first, ctx.timezone).monday,
          toMonday: osrWeek(last, ctx.timezone).monday,
        },
        new Date(),
      );
      const rota = await readRota(
        trx,
        { fromWeek: first, toWeek: last, ...(input.hub ? { hubs: [input.hub] } : {}) },
        ctx.timezone,
      );
      return { issued, rota };
    },
    entityId: () => `${first}..${last}`,
    audited: ({ issued }) => ({ issued, hub: input.hub ?? null }),
    event: ({ issued, rota }) => ({
      type: 'osr.rota.issued',
      subjectId: `${first}..${last}`,
      payload: {
        fromWeek: first,
        toWeek: last,
        hub: input.hub ?? null,
        issued,
        assignments: rota.assignments.map((a) => ({
          hub: a.hub,
          week: a.week,
          practitioner: { id: a.practitionerId, name: a.name },
          grade: a.grade,
        })),
      },
    }),
  });
  return after;
}
