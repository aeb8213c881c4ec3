import { rulesBroken, type CandidateReport, type UnfilledExplanation } from '../scheduler/index.js';

const DETAIL_LIMIT = 8;

/**
 * Plain words for why a shift is short: how many people each rule ruled out, then the nearest
 * candidates with every rule they would break, so a coordinator can act (ask, swap, or approve).
 */
export function reasonsInWords(unfilled: UnfilledExplanation): string[] {
  const blocked = unfilled.candidates.filter((c) => !c.allowed);
  const allowed = unfilled.candidates.filter((c) => c.allowed);
  const byRule = new Map<string, number>();
  for (const c of blocked)
    for (const label of new Set(c.hard.map((r) => r.label))) byRule.set(label, (byRule.get(label) ?? 0) + 1);
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
  for (const [label, count] of [...byRule.entries()].sort((a, b) => b[1] - a[1])) {
    out.push(`${count} of ${unfilled.candidates.length} considered: ${label}.`);
  }
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
