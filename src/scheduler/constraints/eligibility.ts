import { INELIGIBLE } from '../ineligible.js';
import type { Compiled } from '../compile.js';
import type { AbsenceKind } from '../model.js';
import type { Emit } from './types.js';
import { shiftWords } from './types.js';

const ABSENCE_WORDS: Record<AbsenceKind, string> = {
  sickness: 'off sick',
  annual_leave: 'on annual leave',
  training: 'on training',
  unavailable: 'unavailable',
};

/** Calls `each` for every horizon demand of the timeline that carries the ineligibility bit. */
function flagged(
  c: Compiled,
  r: number,
  tl: readonly number[],
  bit: number,
  each: (d: number) => number,
): number {
  let penalty = 0;
  const row = r * c.D;
  for (const d of tl) if (d < c.D && c.flags[row + d]! & bit) penalty += each(d);
  return penalty;
}

/** The search never places ineligible people, so the common answer is "none": check before closures. */
function anyFlagged(c: Compiled, r: number, tl: readonly number[], bit: number): boolean {
  const row = r * c.D;
  for (const d of tl) if (d < c.D && c.flags[row + d]! & bit) return true;
  return false;
}

/** Minutes of work inside the resource's absences (sickness, leave, training, unavailable). */
export function absence(c: Compiled, r: number, tl: readonly number[], emit?: Emit): number {
  return !anyFlagged(c, r, tl, INELIGIBLE.absent)
    ? 0
    : flagged(c, r, tl, INELIGIBLE.absent, (d) => {
        let minutes = 0;
        for (const a of c.unavailable[r]!) {
          const m = Math.min(a.end, c.end[d]!) - Math.max(a.start, c.start[d]!);
          if (m <= 0) continue;
          minutes += m;
          emit?.({
            penalty: m,
            resource: r,
            demands: [d],
            message: `${c.resourceNames[r]} is ${ABSENCE_WORDS[a.kind]} from ${c.fmt(a.start)} to ${c.fmt(a.end)}, during ${shiftWords(c, d)}`,
          });
        }
        return minutes;
      });
}

function oneEach(
  bit: number,
  words: (c: Compiled, r: number, d: number) => string,
  count?: (c: Compiled, r: number, d: number) => number,
) {
  return (c: Compiled, r: number, tl: readonly number[], emit?: Emit): number =>
    !anyFlagged(c, r, tl, bit)
      ? 0
      : flagged(c, r, tl, bit, (d) => {
          const n = count ? count(c, r, d) : 1;
          emit?.({ penalty: n, resource: r, demands: [d], message: words(c, r, d) });
          return n;
        });
}

export const region = oneEach(
  INELIGIBLE.region,
  (c, r, d) => `${c.resourceNames[r]} does not work in ${c.regionNames[c.region[d]!]}`,
);

function missingSkills(c: Compiled, r: number, d: number): string[] {
  const K = c.skillIds.length;
  return c.requiredSkills[d]!.filter((k) => !c.skillsOf[r * K + k]).map((k) => c.skillNames[k]!);
}

export const skill = oneEach(
  INELIGIBLE.skill,
  (c, r, d) => {
    const missing = missingSkills(c, r, d);
    return `${c.resourceNames[r]} lacks the specialism${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  },
  (c, r, d) => missingSkills(c, r, d).length,
);

export const gender = oneEach(
  INELIGIBLE.gender,
  (c, r, d) =>
    `${c.resourceNames[r]} does not meet the requirement of ${c.gender[d]} practitioners only for ${c.demandLabels[d]}`,
);

export const exclusion = oneEach(
  INELIGIBLE.excluded,
  (c, r, d) => `${c.resourceNames[r]} is excluded from ${c.locationIds[c.loc[d]!]}`,
);
