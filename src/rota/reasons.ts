import { rulesBroken, type CandidateReport, type UnfilledExplanation } from '../scheduler/index.js';

const DETAIL_LIMIT = 8;

/** Why people were ruled out, by the rule that did it, as the end of "N of M considered ...". */
const RULED_OUT: Partial<Record<string, string>> = {
  region: 'do not work in its region',
  skill: 'lack a specialism it needs',
  gender: 'do not meet its gender requirement',
  exclusion: 'are excluded from this family',
  absence: 'are absent or unavailable then',
  overlap: 'are on another shift then',
  minimumRest: 'would not have enough rest',
  maxMinutesPer7Days: 'would go over their hours in 7 days',
  maxConsecutiveDays: 'would work too many days in a row',
  maxConsecutiveNights: 'would work too many nights in a row',
  daysOff: 'would not have their days off',
  minConsecutiveDaysOff: 'would not have their days off together',
  maxWeekends: 'would work more weekends than their contract allows in 4 weeks',
  succession: 'would start an early shift the day after a late or a night',
  periodCap: 'are at their limit for the period',
};

/** How many of those considered each rule ruled out, most first: "12 of 45 considered lack a specialism it needs". */
export function ruledOut(candidates: readonly CandidateReport[]): string[] {
  const byRule = new Map<string, number>();
  for (const c of candidates)
    if (!c.allowed)
      for (const rule of new Set(c.hard.map((r) => RULED_OUT[r.constraint] ?? `would break "${r.label}"`)))
        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  return [...byRule.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([why, count]) => `${count} of ${candidates.length} considered ${why}`);
}

/**
 * Plain words for why a shift is short: how many people each rule ruled out, then the nearest
 * candidates with every rule they would break, so a coordinator can act (ask, swap, or approve).
 */
export function reasonsInWords(unfilled: UnfilledExplanation): string[] {
  const blocked = unfilled.candidates.filter((c) => !c.allowed);
  const allowed = unfilled.candidates.filter((c) => c.allowed);
  const out: string[] = [];
  if (unfilled.candidates.length === 0) out.push('Nobody is on the panel to consider.');
  if (allowed.length > 0) {
    out.push(
      `${allowed.length} practitioner(s) could take it without breaking a rule but were needed elsewhere: ${allowed
        .slice(0, 3)
        .map((c) => c.name)
        .join(', ')}.`,
    );
  }
  out.push(...ruledOut(unfilled.candidates).map((line) => `${line}.`));
  const nearest = [...blocked].sort((a, b) => a.hard.length - b.hard.length || a.name.localeCompare(b.name));
  for (const c of nearest.slice(0, DETAIL_LIMIT))
    out.push(`${c.name}: ${c.hard.map((r) => r.message).join('; ')}.`);
  return out;
}

export interface CandidateView {
  practitionerId: string;
  name: string;
  allowed: boolean;
  breaks: string[];
  warnings: string[];
  /** The one hard rule that stands between this person and the shift, if only one does. */
  oneRuleAway: string | null;
}

export const candidateView = (c: CandidateReport): CandidateView => ({
  practitionerId: c.resourceId,
  name: c.name,
  allowed: c.allowed,
  breaks: c.hard.map((r) => r.message),
  warnings: c.soft.map((r) => r.message),
  oneRuleAway: !c.allowed && rulesBroken(c) === 1 ? c.hard[0]!.constraint : null,
});
