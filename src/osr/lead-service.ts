import { DateTime } from 'luxon';
import { checkAssignment, rankCandidates, type Assignments, type Reason } from '../scheduler/index.js';
import { problems } from '../http/problem.js';
import { buildHubProblem, demandId, type HubFacts, type PlanWeek } from './rota-problem.js';
import { findPractitionerBrief, hubNames, leadRows, type LeadRow } from './rota-repository.js';
import { hubFacts, LOOKBACK_WEEKS } from './rota-service.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addWeeks, formatLocal, osrWeek, parseWeek, toMinutes, weeksBetween } from './weeks.js';

/** A hub-week with the weeks around it, ready to ask the scheduler core about one change. */
export interface WeekContext {
  facts: HubFacts;
  weeks: PlanWeek[];
  rows: Map<string, LeadRow>;
  current: LeadRow | undefined;
}

export async function weekContext(
  db: Kysely<DB>,
  hub: string,
  week: string,
  timezone: string,
): Promise<WeekContext> {
  const names = await hubNames(db, [hub]);
  const hubName = names.get(hub);
  if (!hubName) throw problems.notFound('hub', hub);
  const span = weeksBetween(addWeeks(week, -LOOKBACK_WEEKS), addWeeks(week, 1));
  const list = await leadRows(db, {
    hubs: [hub],
    fromMonday: osrWeek(span[0]!, timezone).monday,
    toMonday: osrWeek(span.at(-1)!, timezone).monday,
  });
  const rows = new Map(list.map((r) => [r.week, r]));
  const people = list.flatMap((r) => (r.practitionerId ? [r.practitionerId] : []));
  const facts = await hubFacts(db, hub, hubName, span, timezone, people);
  const weeks = span.map((w) => ({
    week: w,
    history: w < week,
    pinned: w === week ? null : (rows.get(w)?.practitionerId ?? null),
  }));
  return { facts, weeks, rows, current: rows.get(week) };
}

const fmtFor = (timezone: string) => (t: number) => (t > 1e11 ? 'further notice' : formatLocal(t, timezone));

/** "Not the same person two weeks running" is kept at this level for manual changes: a warning, not a refusal. */
export function consecutiveWeekNotes(ctx: WeekContext, week: string, practitionerId: string): string[] {
  const notes: string[] = [];
  for (const [w, words] of [
    [addWeeks(week, -1), 'the week before'],
    [addWeeks(week, 1), 'the week after'],
  ] as const) {
    if (ctx.rows.get(w)?.practitionerId === practitionerId) notes.push(`Also leads ${words} (${w}).`);
  }
  return notes;
}

const words = (reasons: Reason[]) => reasons.map((r) => r.message);

/**
 * Checks a hub manager's choice with the same rules as the generated rota: from that hub, grade H or I,
 * not absent in the week's working days. Returns warnings (e.g. consecutive weeks) or throws 422.
 */
export async function checkOverride(
  db: Kysely<DB>,
  ctx: WeekContext,
  week: string,
  practitionerId: string,
  timezone: string,
) {
  const person = await findPractitionerBrief(db, practitionerId);
  const field = [{ field: '/body/practitionerId', message: 'cannot lead this hub-week' }];
  if (!person) throw problems.unprocessable(`No practitioner with id "${practitionerId}" exists.`, field);
  const inHub = ctx.facts.practitioners.find((p) => p.id === practitionerId && !p.left);
  if (!inHub || person.archived_at)
    throw problems.unprocessable(
      `${person.name} is not a current 0-19 practitioner of ${ctx.facts.hubName}; the lead responder comes from the hub.`,
      field,
    );
  const problem = buildHubProblem(ctx.facts, ctx.weeks, { consecutiveRule: false });
  const assignments: Assignments = {};
  const check = checkAssignment(problem, assignments, demandId(ctx.facts.hub, week), practitionerId, {
    formatInstant: fmtFor(timezone),
  });
  if (!check.allowed) {
    const why =
      person.grade !== 'H' && person.grade !== 'I'
        ? [`${person.name} is grade ${person.grade ?? 'not set'}; only grades H and I lead the OSR week.`]
        : words(check.hard);
    throw problems.unprocessable(`${person.name} cannot lead ${week}: ${why.join('; ')}`, field);
  }
  return { person, warnings: consecutiveWeekNotes(ctx, week, practitionerId) };
}

export interface Proposal {
  hub: string;
  week: string;
  from: string;
  current: { practitionerId: string; name: string } | null;
  candidates: {
    practitionerId: string;
    name: string;
    grade: string;
    allowed: boolean;
    reasons: string[];
    notes: string[];
  }[];
}

/** The proposal for a hub-week from an instant (default: now), for the hub manager to choose from. */
export async function proposeFrom(
  db: Kysely<DB>,
  hub: string,
  week: string,
  from: string | undefined,
  timezone: string,
): Promise<Proposal> {
  parseWeek(week, '/params/week');
  const ctx = await weekContext(db, hub, week, timezone);
  const now = from ? DateTime.fromISO(from, { zone: timezone }) : DateTime.now().setZone(timezone);
  return proposeReplacement(ctx, week, timezone, now);
}

/** Who could lead the rest of the week in place of the current lead responder, best first (the core ranks). */
export function proposeReplacement(
  ctx: WeekContext,
  week: string,
  timezone: string,
  now: DateTime,
): Proposal {
  const w = osrWeek(week, timezone);
  const from = now > w.start ? now : w.start;
  if (from >= w.workEnd)
    throw problems.conflict(`The working days of ${week} are over; nothing is left to cover.`, 'week-over');
  const weeks = ctx.weeks.map((x) => (x.week === week ? { ...x, from: toMinutes(from) } : x));
  const problem = buildHubProblem(ctx.facts, weeks, { consecutiveRule: false });
  const id = demandId(ctx.facts.hub, week);
  const current = ctx.current?.practitionerId ?? null;
  const assignments: Assignments = current ? { [id]: [current] } : {};
  const reports = rankCandidates(problem, assignments, id, {
    formatInstant: fmtFor(timezone),
    ...(current ? { replacing: current } : {}),
  });
  const byId = new Map(ctx.facts.practitioners.map((p) => [p.id, p]));
  return {
    hub: ctx.facts.hub,
    week,
    from: from.toISO()!,
    current: current ? { practitionerId: current, name: byId.get(current)?.name ?? '' } : null,
    candidates: reports.map((r) => {
      const p = byId.get(r.resourceId);
      const grade = p?.grade ?? '';
      const gradeOk = grade === 'H' || grade === 'I';
      return {
        practitionerId: r.resourceId,
        name: p?.name ?? r.name,
        grade,
        allowed: r.allowed,
        reasons: gradeOk
          ? words(r.hard)
          : [`Grade ${grade || 'not set'}; only grades H and I lead the OSR week.`],
        notes: [...consecutiveWeekNotes(ctx, week, r.resourceId), ...words(r.soft)],
      };
    }),
  };
}
