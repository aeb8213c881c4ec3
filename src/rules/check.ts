import { scoreAssignments, type ConstraintName } from '../scheduler/index.js';
import { wordsIn } from '../rota/problem.js';
import type { RuleFacts } from './facts.js';

/** The rule a break is of: the core's hard constraints, and 'panel' for someone no longer on it. */
export type RuleName = ConstraintName | 'panel';

/** One assignment that breaks a hard rule, and what to take off to mend it. */
export interface RuleBreak {
  shiftId: string;
  practitionerId: string;
  rule: RuleName;
  message: string;
  /** The part of the shift the person works (the scheduler demand judged). */
  demandId: string;
  /** Every shift the broken rule involves (a rest break involves two). */
  involvedShiftIds: string[];
}

// Rule breaks are read by everyone who reads shifts; the kind of an absence is health data.
const withoutHealth = (message: string) =>
  message.replace(/ is (off sick|on annual leave|on training) from /, ' is unavailable from ');

/**
 * Every hard rule broken by work that has not ended, judged by the scheduler core against current facts.
 * A rule over several shifts (rest, hours in 7 days, consecutive days) names the latest of them that
 * has not ended: taking that one off mends it. Work that has ended is history and only gives context.
 */
export function findBreaks(facts: RuleFacts, now: Date, timezone: string): RuleBreak[] {
  const demandById = new Map(facts.problem.demands.map((d) => [d.id, d]));
  const open = (id: string) => (facts.demandEnd.get(id) ?? 0) > now.getTime();
  const breaks = new Map<string, RuleBreak>();
  const add = (b: RuleBreak) => {
    const key = `${b.demandId}|${b.practitionerId}`;
    if (!breaks.has(key)) breaks.set(key, b);
  };

  for (const [demandId, people] of Object.entries(facts.assignments)) {
    if (!open(demandId)) continue;
    for (const practitionerId of people) {
      const name = facts.offPanel.get(practitionerId);
      if (name === undefined) continue;
      const demand = demandById.get(demandId)!;
      add({
        shiftId: facts.demandShift.get(demandId)!,
        practitionerId,
        rule: 'panel',
        message: `${name} is no longer on the 24/7 panel, but is on ${demand.label}`,
        demandId,
        involvedShiftIds: [facts.demandShift.get(demandId)!],
      });
    }
  }

  const recount = scoreAssignments(facts.problem, facts.assignments, wordsIn(timezone, facts.firstDate));
  for (const constraint of recount.constraints) {
    if (constraint.level !== 'hard') continue;
    for (const match of constraint.matches) {
      if (!match.resourceId) continue;
      const mine = match.demandIds.filter((id) => facts.assignments[id]?.includes(match.resourceId!));
      const victim = mine.filter(open).sort((a, b) => demandById.get(b)!.start - demandById.get(a)!.start)[0];
      if (!victim) continue;
      add({
        shiftId: facts.demandShift.get(victim)!,
        practitionerId: match.resourceId,
        rule: constraint.name,
        message: constraint.name === 'absence' ? withoutHealth(match.message) : match.message,
        demandId: victim,
        involvedShiftIds: [...new Set(mine.map((id) => facts.demandShift.get(id)!))],
      });
    }
  }
  return [...breaks.values()].sort(
    (a, b) =>
      demandById.get(a.demandId)!.start - demandById.get(b.demandId)!.start ||
      a.practitionerId.localeCompare(b.practitionerId),
  );
}
