import { compile } from './compile.js';
import type { Compiled } from './compile.js';
import { DEMAND_RULES, LOCATION_RULES, RESOURCE_RULES } from './constraints/index.js';
import type { Match } from './constraints/index.js';
import type { Assignments, ConstraintName, Instant, Level, Problem, Score } from './model.js';
import { compareScores } from './score.js';
import { State } from './state.js';

export interface ExplainOptions {
  /** Formats instants in messages (e.g. in Europe/London with luxon); default UTC. */
  formatInstant?: (t: Instant) => string;
  /** Names a day index (negative before the horizon) in words, e.g. "Mon 7 Dec"; default "day N". */
  formatDay?: (day: number) => string;
}

/** A rule a proposed assignment would break (hard) or strain (medium, soft), in words. */
export interface Reason {
  constraint: ConstraintName;
  label: string;
  level: Level;
  /** Penalty added by the assignment, before weight. */
  penalty: number;
  message: string;
}

export interface CandidateReport {
  resourceId: string;
  name: string;
  /** True when the assignment breaks no hard rule. */
  allowed: boolean;
  hard: Reason[];
  soft: Reason[];
  /** Score after minus score before. */
  delta: Score;
}

/**
 * A state on the given assignments, for trying one change at a time. `like`: a compiled problem sharing
 * most resources and demands with this one (see `compile`).
 */
export function stateFor(
  problem: Problem,
  assignments: Assignments | undefined,
  options: ExplainOptions & { like?: Compiled } = {},
): State {
  const c = compile(
    {
      ...problem,
      solveOnly: undefined,
      fixedBefore: undefined,
      ...(assignments ? { assignments } : {}),
    },
    options.like ? { like: options.like } : {},
  );
  useFormats(c, options);
  return new State(c);
}

/** Puts the caller's formatters (local times and dates in words) on a compiled problem, where given. */
export function useFormats(c: Compiled, options: ExplainOptions): void {
  if (options.formatInstant) c.fmt = options.formatInstant;
  if (options.formatDay) c.fmtDay = options.formatDay;
}

function demandIndex(c: Compiled, demandId: string): number {
  const d = c.demandIds.indexOf(demandId);
  if (d < 0) throw new Error(`unknown demand ${demandId}`);
  return d;
}

type Collect = (
  rule: { name: ConstraintName; label: string; level: Level },
  before: number,
  after: number,
  matches: Match[],
) => void;

/**
 * Each active rule's penalty for r's timeline, d and d's location-period, in a fixed order. Matches (with
 * their messages) are collected only for the rules `withMatches` names by position: building words for
 * every rule of every candidate was most of a cover plan's time.
 */
function penalties(
  state: State,
  r: number,
  d: number,
  withMatches: (i: number) => boolean = () => false,
): {
  id: ConstraintName;
  p: number;
  matches: Match[];
  rule: { name: ConstraintName; label: string; level: Level };
}[] {
  const c = state.c;
  const out: {
    id: ConstraintName;
    p: number;
    matches: Match[];
    rule: { name: ConstraintName; label: string; level: Level };
  }[] = [];
  const tl = state.timelines[r]!;
  const emitter = (matches: Match[]) => (withMatches(out.length) ? (m: Match) => matches.push(m) : undefined);
  for (const { rule, index } of RESOURCE_RULES) {
    if (c.weights[index] === 0) continue;
    const matches: Match[] = [];
    const p = rule.evaluate(c, r, tl, emitter(matches));
    out.push({ id: rule.name, p, matches, rule });
  }
  const people = state.peopleOf(d);
  for (const { rule, index } of DEMAND_RULES) {
    if (c.weights[index] === 0) continue;
    const matches: Match[] = [];
    out.push({ id: rule.name, p: rule.evaluate(c, d, people, emitter(matches)), matches, rule });
  }
  const lp = c.locPeriod[d]!;
  for (const { rule, index } of LOCATION_RULES) {
    if (c.weights[index] === 0) continue;
    const matches: Match[] = [];
    out.push({
      id: rule.name,
      p: rule.evaluate(c, lp, state.locCounts[lp]!, emitter(matches)),
      matches,
      rule,
    });
  }
  return out;
}

/**
 * Tries resource r on demand d (in an empty slot, or in place of `replacing`) and reports every rule
 * whose penalty the change raises, with the matches that involve the demand. The state is left as found.
 */
export function tryAssignment(state: State, d: number, r: number, replacing = -1): CandidateReport {
  const c = state.c;
  const report: CandidateReport = {
    resourceId: c.resourceIds[r]!,
    name: c.resourceNames[r]!,
    allowed: true,
    hard: [],
    soft: [],
    delta: { hard: 0, medium: 0, soft: 0 },
  };
  const collect: Collect = (rule, before, after, matches) => {
    if (after <= before) return;
    const own = matches.filter((m) => m.demands.includes(d));
    for (const m of own.length > 0 ? own : matches) {
      const reason: Reason = {
        constraint: rule.name,
        label: rule.label,
        level: rule.level,
        penalty: m.penalty,
        message: m.message,
      };
      (rule.level === 'hard' ? report.hard : report.soft).push(reason);
    }
  };
  let slot = -1;
  for (let s = c.slotStart[d]!; s < c.slotStart[d + 1]!; s++) {
    const a = state.assign[s]!;
    if (a === r) {
      report.allowed = false;
      report.hard.push({
        constraint: 'overlap',
        label: 'No one works two shifts at once',
        level: 'hard',
        penalty: 0,
        message: `${c.resourceNames[r]} already works ${c.demandLabels[d]}`,
      });
      return report;
    }
    if ((replacing >= 0 && a === replacing) || (replacing < 0 && a < 0 && slot < 0)) slot = s;
  }
  if (slot < 0)
    throw new Error(
      replacing >= 0
        ? `${c.resourceIds[replacing]} does not work ${c.demandIds[d]}`
        : `${c.demandIds[d]} has no empty place; name whom to replace`,
    );
  const before = state.score();
  const pre = penalties(state, r, d);
  const old = state.setSlot(slot, r);
  // Numbers first; words only for the rules the change makes worse (the only ones reported).
  const numbers = penalties(state, r, d);
  const worse = numbers.some((x, i) => x.p > pre[i]!.p);
  const post = worse ? penalties(state, r, d, (i) => numbers[i]!.p > pre[i]!.p) : numbers;
  const after = state.score();
  state.setSlot(slot, old);
  post.forEach((x, i) => collect(x.rule, pre[i]!.p, x.p, x.matches));
  report.delta = {
    hard: after.hard - before.hard,
    medium: after.medium - before.medium,
    soft: after.soft - before.soft,
  };
  report.allowed = report.hard.length === 0 && report.delta.hard <= 0;
  return report;
}

/** How many different hard rules a candidate would break: 1 is "one rule away" from working it. */
export const rulesBroken = (r: CandidateReport): number => new Set(r.hard.map((h) => h.constraint)).size;

/** Allowed first, then those fewest rules away (one fact to change), then by the least score added. */
export function rank(reports: CandidateReport[]): CandidateReport[] {
  return reports.sort(
    (a, b) =>
      Number(b.allowed) - Number(a.allowed) ||
      (a.allowed ? 0 : rulesBroken(a) - rulesBroken(b)) ||
      compareScores(a.delta, b.delta) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

/** Every resource not yet on the demand, tried on it: allowed first, then by the least score added. */
export function candidatesFor(state: State, d: number): CandidateReport[] {
  const on = state.peopleOf(d);
  const full = on.length >= state.c.slotStart[d + 1]! - state.c.slotStart[d]!;
  if (full) return [];
  const reports: CandidateReport[] = [];
  for (let r = 0; r < state.c.R; r++) if (!on.includes(r)) reports.push(tryAssignment(state, d, r));
  return rank(reports);
}

/**
 * Who could take this demand, given the current assignments, and if not, why not (sickness cover,
 * manual edits). With `replacing`, candidates are tried in that person's place.
 */
export function rankCandidates(
  problem: Problem,
  assignments: Assignments,
  demandId: string,
  options: ExplainOptions & { replacing?: string } = {},
): CandidateReport[] {
  const state = stateFor(problem, assignments, options);
  const c = state.c;
  const d = demandIndex(c, demandId);
  if (options.replacing === undefined) {
    const empty = state.headcount(d) < c.slotStart[d + 1]! - c.slotStart[d]!;
    if (empty) return candidatesFor(state, d);
  }
  const replacing = options.replacing === undefined ? -1 : c.resourceIds.indexOf(options.replacing);
  const on = state.peopleOf(d);
  const victim = replacing >= 0 ? replacing : (on[0] ?? -1);
  const reports: CandidateReport[] = [];
  for (let r = 0; r < c.R; r++) if (!on.includes(r)) reports.push(tryAssignment(state, d, r, victim));
  return rank(reports);
}

export interface AssignmentCheck {
  /** False when a hard rule would break: a manual edit should be refused. */
  allowed: boolean;
  hard: Reason[];
  /** Medium and soft rules the assignment strains: warn, do not refuse. */
  warnings: Reason[];
  delta: Score;
}

/** Checks one proposed assignment (a manual edit): hard violations refuse it, soft ones warn. */
export function checkAssignment(
  problem: Problem,
  assignments: Assignments,
  demandId: string,
  resourceId: string,
  options: ExplainOptions & { replacing?: string } = {},
): AssignmentCheck {
  const state = stateFor(problem, assignments, options);
  const c = state.c;
  const d = demandIndex(c, demandId);
  const r = c.resourceIds.indexOf(resourceId);
  if (r < 0) throw new Error(`unknown resource ${resourceId}`);
  const replacing = options.replacing === undefined ? -1 : c.resourceIds.indexOf(options.replacing);
  const report = tryAssignment(state, d, r, replacing);
  return { allowed: report.allowed, hard: report.hard, warnings: report.soft, delta: report.delta };
}
