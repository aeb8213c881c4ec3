import type { Compiled } from './compile.js';
import { CONSTRAINTS } from './constraints/index.js';
import type { Emit, Match } from './constraints/index.js';
import type { ConstraintName, Level, Score } from './model.js';

export interface MatchInWords {
  /** Penalty before weight. */
  penalty: number;
  resourceId?: string;
  demandIds: string[];
  message: string;
}

export interface ConstraintBreakdown {
  name: ConstraintName;
  label: string;
  level: Level;
  weight: number;
  /** Sum of the matches' penalties, before weight. */
  penalty: number;
  /** penalty x weight: what this constraint adds to its level. */
  score: number;
  matches: MatchInWords[];
}

export interface Recount {
  score: Score;
  constraints: ConstraintBreakdown[];
}

/**
 * Scores a whole assignment from nothing, constraint by constraint: the slow, obvious path that
 * tests hold the incremental score against, and that explanations read matches from.
 */
export function recount(c: Compiled, assign: Int32Array, withMatches = false): Recount {
  const timelines: number[][] = Array.from({ length: c.R }, () => []);
  for (let d = c.D; d < c.N; d++) timelines[c.priorOwner[d]!]!.push(d);
  const people: number[][] = Array.from({ length: c.D }, () => []);
  const byLocation = new Map<number, Map<number, number>>();
  for (let s = 0; s < c.S; s++) {
    const r = assign[s]!;
    if (r < 0) continue;
    const d = c.slotDemand[s]!;
    timelines[r]!.push(d);
    people[d]!.push(r);
    const lp = c.locPeriod[d]!;
    const m = byLocation.get(lp) ?? new Map<number, number>();
    m.set(r, (m.get(r) ?? 0) + 1);
    byLocation.set(lp, m);
  }
  for (const tl of timelines) tl.sort((a, b) => c.start[a]! - c.start[b]! || a - b);
  const LP = c.locationIds.length * c.periodCount;
  const score: Score = { hard: 0, medium: 0, soft: 0 };
  const constraints = CONSTRAINTS.map((rule, index): ConstraintBreakdown => {
    const weight = c.weights[index]!;
    const matches: MatchInWords[] = [];
    const emit: Emit | undefined = withMatches
      ? (m: Match) =>
          matches.push({
            penalty: m.penalty,
            ...(m.resource !== undefined ? { resourceId: c.resourceIds[m.resource]! } : {}),
            demandIds: m.demands.filter((d) => d >= 0 && d < c.D).map((d) => c.demandIds[d]!),
            message: m.message,
          })
      : undefined;
    let penalty = 0;
    if (weight !== 0) {
      if (rule.scope === 'resource')
        for (let r = 0; r < c.R; r++) penalty += rule.evaluate(c, r, timelines[r]!, emit);
      else if (rule.scope === 'demand')
        for (let d = 0; d < c.D; d++) penalty += rule.evaluate(c, d, people[d]!, emit);
      else
        for (let lp = 0; lp < LP; lp++)
          penalty += rule.evaluate(c, lp, byLocation.get(lp) ?? new Map(), emit);
    }
    score[rule.level] += penalty * weight;
    return {
      name: rule.name,
      label: rule.label,
      level: rule.level,
      weight,
      penalty,
      score: penalty * weight,
      matches,
    };
  });
  return { score, constraints };
}
