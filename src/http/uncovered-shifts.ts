import { Type, type TSchema } from 'typebox';
import type { Applied } from '../changes/apply-change.js';
import { Shift } from '../placements/shift-model.js';

/**
 * A write's answer with the shifts its re-check of the rules took people off (`uncoveredShifts`): the
 * `description` says what took them off, the example is the answer without any.
 */
export function withUncoveredShifts<const T extends TSchema[]>(
  parts: [...T],
  description: string,
  example: object,
) {
  const uncovered = Type.Object({ uncoveredShifts: Type.Array(Shift, { description }) });
  return Type.Intersect([...parts, uncovered], { examples: [{ ...example, uncoveredShifts: [] }] });
}

/** The answer of such a write: what it wrote, and the shifts its re-check left short. */
export const withUncovered = <T extends object>({ after, uncoveredShifts }: Applied<T>) => ({
  ...after,
  uncoveredShifts,
});
