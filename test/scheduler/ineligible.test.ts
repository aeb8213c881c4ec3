import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, relaxOne, type ConstraintName, type Problem } from '../../src/scheduler/index.js';
import { INELIGIBLE } from '../../src/scheduler/ineligible.js';
import { problemArb } from './arbitrary.js';

/** The rules of eligibility read straight off the problem, one pair at a time. */
function reference(problem: Problem, r: number, d: number): number {
  const person = problem.resources[r]!;
  const shift = problem.demands[d]!;
  let bits = 0;
  if (!(person.regions ?? []).includes(shift.region)) bits |= INELIGIBLE.region;
  if ((shift.requiredSkills ?? []).some((k) => !(person.skills ?? []).includes(k))) bits |= INELIGIBLE.skill;
  if (shift.gender !== undefined && person.gender !== shift.gender) bits |= INELIGIBLE.gender;
  if ((shift.excluded ?? []).includes(person.id)) bits |= INELIGIBLE.excluded;
  if ((person.unavailable ?? []).some((a) => a.start < shift.end && shift.start < a.end))
    bits |= INELIGIBLE.absent;
  return bits;
}

describe('eligibility', () => {
  it('gives every pair the bits its rules give, and each demand exactly those with none', () => {
    fc.assert(
      fc.property(problemArb, (problem) => {
        const c = compile(problem);
        for (let d = 0; d < c.D; d++) {
          const none: number[] = [];
          for (let r = 0; r < c.R; r++) {
            expect(c.flags[r * c.D + d]).toBe(reference(problem, r, d));
            if (reference(problem, r, d) === 0) none.push(r);
          }
          expect([...c.eligible[d]!]).toEqual(none);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('taken from a problem that shares most people and shifts, is what working it all out gives', () => {
    const rules: ConstraintName[] = ['region', 'skill', 'gender', 'exclusion', 'absence', 'minimumRest'];
    fc.assert(
      fc.property(
        problemArb,
        fc.nat(),
        fc.constantFrom(...rules),
        fc.array(fc.nat(), { maxLength: 4 }),
        (problem, who, rule, picks) => {
          const base = compile(problem);
          const person = problem.resources[who % problem.resources.length]!.id;
          const shifts = [...new Set(picks.map((k) => problem.demands[k % problem.demands.length]!.id))];
          const relaxed = relaxOne(problem, person, rule, shifts);
          const reused = compile(relaxed, { like: base });
          const fresh = compile(relaxed);
          expect(reused.flags).toEqual(fresh.flags);
          expect(reused.eligible).toEqual(fresh.eligible);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
