import type { Demand, Problem, Resource } from '../scheduler/index.js';
import type { AbsenceFact, GradeMixSetting, HubPractitioner } from './rota-repository.js';
import { osrWeek, toMinutes } from './weeks.js';

/**
 * Translates one hub's OSR weeks into the scheduler core's model:
 * - one demand per hub-week, `[Monday 00:00, Saturday 00:00)` local (the working days), location and
 *   region = the hub, day = 7 x the week's index, so a person's weeks never touch;
 * - resources = the hub's 0-19 practitioners; grades H and I carry the skill `grade H or I` (and
 *   `grade H` / `grade I`), so other grades are ineligible in the core's own words;
 * - absences (leave, sickness, training, unavailable) become unavailability;
 * - "not the same person in consecutive weeks": each demand carries the tags of the two 2-week windows
 *   it belongs to, and every resource may hold at most one demand per window (a per-period cap, with one
 *   period for the whole horizon). The core's caps are hard, so the rota relaxes this rule in a later
 *   pass where it cannot be kept (see rota-generate.ts);
 * - the H/I mix: each person's fair-share target (`contract.targetMinutes`) is their grade's share of
 *   the weeks split by the weeks they are available; `alternate` adds a required grade per week in the
 *   first pass.
 */
export const ELIGIBLE_SKILL = 'grade H or I';
export const gradeSkill = (grade: 'H' | 'I'): string => `grade ${grade}`;
const WINDOW_TAG = 'two-week window from ';

export interface PlanWeek {
  week: string;
  /** Someone already fixed for this week (issued, overridden, or a past week): the search keeps them. */
  pinned?: string | null;
  /** Weeks before the planned run, given only so fairness and the consecutive rule see them. */
  history?: boolean;
  /** Only this part of the week (e.g. the rest of it after sickness), in epoch minutes. */
  from?: number;
}

export interface HubFacts {
  hub: string;
  hubName: string;
  practitioners: HubPractitioner[];
  absences: AbsenceFact[];
  mix: GradeMixSetting;
  timezone: string;
}

export interface BuildOptions {
  consecutiveRule: boolean;
  /** Required grade by week (alternate mode, first pass). */
  gradeOf?: ReadonlyMap<string, 'H' | 'I'>;
}

export const demandId = (hub: string, week: string): string => `${hub}/${week}`;
export const isLeadGrade = (grade: string | null | undefined): grade is 'H' | 'I' =>
  grade === 'H' || grade === 'I';

const dateMinutes = (d: Date): number => Math.round(d.getTime() / 60000);
const weekIndex = (monday: string): number => Math.round(Date.parse(`${monday}T00:00:00Z`) / 604_800_000);

/** Working-day minutes of each week a person is not absent: their capacity for the fair share. */
function availableWeeks(facts: HubFacts, weeks: PlanWeek[], id: string): number {
  let n = 0;
  for (const w of weeks) {
    const { start, workEnd } = osrWeek(w.week, facts.timezone);
    const away = facts.absences.some(
      (a) =>
        a.practitionerId === id &&
        a.start < workEnd.toJSDate() &&
        (a.end === null || a.end > start.toJSDate()),
    );
    if (!away) n++;
  }
  return n;
}

/** Each eligible person's target minutes: their grade's share of all weeks, split by availability. */
export function fairTargets(facts: HubFacts, weeks: PlanWeek[]): Map<string, number> {
  const weekMinutes = 5 * 24 * 60;
  const total = weeks.length * weekMinutes;
  const targets = new Map<string, number>();
  const groups = { H: [] as string[], I: [] as string[] };
  for (const p of facts.practitioners) if (isLeadGrade(p.grade) && !p.left) groups[p.grade].push(p.id);
  const hShare = groups.I.length === 0 ? 1 : groups.H.length === 0 ? 0 : facts.mix.hShare;
  for (const [grade, share] of [
    ['H', hShare],
    ['I', 1 - hShare],
  ] as const) {
    const avail = new Map(groups[grade].map((id) => [id, availableWeeks(facts, weeks, id)]));
    const sum = [...avail.values()].reduce((a, b) => a + b, 0);
    for (const [id, a] of avail) targets.set(id, sum > 0 ? (total * share * a) / sum : 0);
  }
  return targets;
}

export function buildHubProblem(facts: HubFacts, weeks: PlanWeek[], options: BuildOptions): Problem {
  const indices = weeks.map((w) => weekIndex(osrWeek(w.week, facts.timezone).monday));
  const first = Math.min(...indices);
  const windows = new Set<string>();
  const demands: Demand[] = weeks.map((w, i) => {
    const { start, workEnd } = osrWeek(w.week, facts.timezone);
    const k = indices[i]!;
    const tags = [`${WINDOW_TAG}${k - 1}`, `${WINDOW_TAG}${k}`];
    for (const t of tags) windows.add(t);
    const grade = options.gradeOf?.get(w.week);
    return {
      id: demandId(facts.hub, w.week),
      label: `${facts.hubName} lead responder, week ${w.week}`,
      start: Math.max(toMinutes(start), w.from ?? -Infinity),
      end: toMinutes(workEnd),
      day: (k - first) * 7,
      location: facts.hub,
      region: facts.hub,
      requiredSkills: grade ? [gradeSkill(grade)] : [ELIGIBLE_SKILL],
      period: 'osr',
      tags: options.consecutiveRule ? tags : [],
      ...(w.pinned ? { pinned: [w.pinned] } : {}),
    };
  });
  const targets = fairTargets(facts, weeks);
  const caps = options.consecutiveRule ? [...windows].map((tag) => ({ tag, max: 1 })) : [];
  const resources: Resource[] = facts.practitioners.map((p) => ({
    id: p.id,
    name: `${p.name} (grade ${p.grade || 'none'})`,
    skills: isLeadGrade(p.grade) && !p.left ? [ELIGIBLE_SKILL, gradeSkill(p.grade)] : [],
    regions: [facts.hub],
    // A lead-responder week is five whole days: the contract rules of shift work do not apply here.
    contract: {
      maxMinutesPer7Days: 7 * 24 * 60,
      minRestMinutes: 0,
      maxConsecutiveDays: 14,
      daysOff: 'one-in-7',
      targetMinutes: targets.get(p.id) ?? 0,
    },
    unavailable: facts.absences
      .filter((a) => a.practitionerId === p.id)
      .map((a) => ({
        start: dateMinutes(a.start),
        // Open-ended sickness: unavailable until further notice.
        end: a.end ? dateMinutes(a.end) : Number.MAX_SAFE_INTEGER / 2,
        kind: a.kind,
      })),
    caps,
  }));
  const fixedBefore = weeks.find((w) => !w.history);
  return {
    resources,
    demands,
    horizonDays: (Math.max(...indices) - first + 1) * 7,
    weights: { continuity: 0, familiarity: 0, travel: 0, changes: 0, fairNights: 0, fairWeekends: 0 },
    ...(fixedBefore ? { fixedBefore: toMinutes(osrWeek(fixedBefore.week, facts.timezone).start) } : {}),
  };
}
