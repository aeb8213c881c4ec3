import { performance } from 'node:perf_hooks';
import {
  explain,
  groupUnfilled,
  solve,
  type Assignments,
  type Problem,
  type Reason,
} from '../scheduler/index.js';
import { osrSummary, type OsrUnfilledGroupDto } from './unfilled-summary.js';
import { buildHubProblem, demandId, isLeadGrade, type HubFacts, type PlanWeek } from './rota-problem.js';
import { formatLocal } from './weeks.js';

export interface HubRota {
  /** Practitioner id per planned week, or null when unfilled. */
  lead: Map<string, string | null>;
  /** Why an unfilled week could not be filled, in words: who was considered and why not. */
  reasons: Map<string, string[]>;
  /** Weeks where a preference had to give way (e.g. the same person as an adjacent week). */
  notes: Map<string, string[]>;
  /** The unfilled weeks grouped by cause, with the fixes the core re-checked. */
  summary: OsrUnfilledGroupDto[];
}

// Tiny problems (a hub has a handful of people, a run a few dozen weeks): a fixed move budget keeps
// the result a pure function of the facts; the time limit is only a safety net.
const SOLVE = {
  seed: 7,
  maxMoves: 30_000,
  unimprovedLimit: 3_000,
  timeLimitMs: 5_000,
  now: () => performance.now(),
};

const other = (g: 'H' | 'I'): 'H' | 'I' => (g === 'H' ? 'I' : 'H');

/**
 * The grade each planned week should have, fixed before solving (the core cannot say "unlike the
 * previous week"). Alternate: H and I week by week, continuing from the last known week. Share: the
 * week goes to the grade whose share of the hub's weeks so far (history and fixed weeks included) is
 * furthest below its target, so 0.5 gives H, I, H, I and 0.6 gives H, I, H, H, I: never runs of one
 * grade longer than the share asks for. A hub without both grades gets no pattern.
 */
export function plannedGrades(facts: HubFacts, weeks: PlanWeek[]): Map<string, 'H' | 'I'> {
  const gradeOf = new Map(facts.practitioners.map((p) => [p.id, p.grade]));
  const has = (g: 'H' | 'I') => facts.practitioners.some((p) => p.grade === g && !p.left);
  const out = new Map<string, 'H' | 'I'>();
  if (!has('H') || !has('I')) return out;
  const share = facts.mix.gradeMix === 'alternate' ? undefined : facts.mix.hShare;
  let previous: 'H' | 'I' | undefined;
  const count = { H: 0, I: 0 };
  for (const w of weeks) {
    const fixedGrade = w.pinned ? gradeOf.get(w.pinned) : undefined;
    let g: 'H' | 'I' | undefined;
    if (isLeadGrade(fixedGrade)) g = fixedGrade;
    else if (!w.history && !w.pinned) {
      if (share === undefined) g = previous ? other(previous) : 'H';
      // Error diffusion: H when the H weeks so far fall at least half a week short of the target.
      else g = share * (count.H + count.I + 1) - count.H >= 0.5 ? 'H' : 'I';
      out.set(w.week, g);
    }
    if (g) {
      count[g] += 1;
      previous = g;
    }
  }
  return out;
}

function openWeeks(weeks: PlanWeek[], hub: string, assignments: Assignments): string[] {
  return weeks
    .filter((w) => !w.history && !w.pinned && (assignments[demandId(hub, w.week)]?.length ?? 0) === 0)
    .map((w) => w.week);
}

function resolve(problem: Problem, assignments: Assignments, only: string[]): Assignments {
  return solve({ ...problem, assignments, solveOnly: only }, SOLVE).assignments;
}

function reasonWords(facts: HubFacts, id: string, reason: Reason): string {
  const p = facts.practitioners.find((x) => x.id === id);
  if (reason.constraint === 'skill' && p)
    return `${p.name} is grade ${p.grade || 'not set'}; only grades H and I lead the OSR week`;
  return reason.message;
}

/** Who was considered for an unfilled week and why each could not take it, from the core's explanation. */
function unfilledReasons(
  facts: HubFacts,
  problem: Problem,
  assignments: Assignments,
  open: string[],
): Map<string, string[]> {
  const fmt = (t: number) => (t > 1e11 ? 'further notice' : formatLocal(t, facts.timezone));
  const out = new Map<string, string[]>();
  for (const u of explain(problem, assignments, { formatInstant: fmt }).unfilled) {
    const week = u.demandId.slice(facts.hub.length + 1);
    if (!open.includes(week)) continue;
    if (u.candidates.length === 0) {
      out.set(week, [`No current 0-19 practitioner belongs to ${facts.hubName}.`]);
      continue;
    }
    const lines = [
      `Considered ${u.candidates.length} practitioner(s) of ${facts.hubName}; none can lead ${week}.`,
    ];
    for (const c of u.candidates) {
      const why = c.hard.map((r) => reasonWords(facts, c.resourceId, r));
      lines.push(why.length ? why.join('; ') : `${c.name} is allowed but was not chosen`);
    }
    out.set(week, lines);
  }
  return out;
}

/**
 * Fills a hub's planned weeks in up to three passes, each keeping what the one before placed:
 * 1. every rule, including "not the same person two weeks running" and the week's planned grade;
 * 2. without the week's grade, for weeks nobody of that grade can take;
 * 3. without the consecutive rule, for weeks only an adjacent week's lead responder can take.
 * The hard rules (grade H or I, from the hub, not absent) hold in every pass.
 */
export function generateHubRota(facts: HubFacts, weeks: PlanWeek[]): HubRota {
  const notes = new Map<string, string[]>();
  const note = (week: string, text: string) => notes.set(week, [...(notes.get(week) ?? []), text]);
  const planned = plannedGrades(facts, weeks);
  const gradeOf = planned.size > 0 ? planned : undefined;

  const strict = buildHubProblem(facts, weeks, { consecutiveRule: true, ...(gradeOf ? { gradeOf } : {}) });
  let assignments: Assignments = solve(strict, SOLVE).assignments;
  let open = openWeeks(weeks, facts.hub, assignments);

  // Fills the open weeks again under looser rules; a week it fills says which rule gave way.
  const retry = (looser: Problem, why: (week: string) => string) => {
    assignments = resolve(
      looser,
      assignments,
      open.map((w) => demandId(facts.hub, w)),
    );
    const still = new Set(openWeeks(weeks, facts.hub, assignments));
    for (const w of open) if (!still.has(w)) note(w, why(w));
    open = [...still];
  };
  if (open.length > 0 && gradeOf) {
    retry(
      buildHubProblem(facts, weeks, { consecutiveRule: true }),
      (w) => `Nobody of grade ${gradeOf.get(w)} could take it: the grades do not mix as planned here.`,
    );
  }
  const relaxed = buildHubProblem(facts, weeks, { consecutiveRule: false });
  if (open.length > 0) {
    retry(relaxed, () => 'Only the lead responder of an adjacent week could take it: consecutive weeks.');
  }

  const lead = new Map<string, string | null>();
  for (const w of weeks)
    if (!w.history) lead.set(w.week, assignments[demandId(facts.hub, w.week)]?.[0] ?? null);
  const reasons =
    open.length > 0 ? unfilledReasons(facts, relaxed, assignments, open) : new Map<string, string[]>();
  const summary =
    open.length > 0
      ? osrSummary(
          groupUnfilled(relaxed, assignments, {
            formatInstant: (t) => (t > 1e11 ? 'further notice' : formatLocal(t, facts.timezone)),
            only: open.map((w) => demandId(facts.hub, w)),
          }),
          facts.hub,
          facts.hubName,
          (id) => id.slice(facts.hub.length + 1),
          (id) => facts.practitioners.find((p) => p.id === id)?.name ?? id,
        )
      : [];
  return { lead, reasons, notes, summary };
}
