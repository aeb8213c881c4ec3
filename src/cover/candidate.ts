import { Type } from 'typebox';
import { Uuid } from '../http/schemas.js';

const Words = Type.Array(Type.String());

/**
 * A practitioner weighed for a shift (a cover plan's alternatives, a shift's candidates): whether they may
 * work it, the hard rules they would break and the soft goals it strains; `oneRuleAway` says in words
 * what the one rule between them and the shift means where it is shown.
 */
export const candidateSchema = (oneRuleAway: string) =>
  Type.Object({
    practitionerId: Uuid,
    name: Type.String(),
    allowed: Type.Boolean(),
    breaks: Words,
    warnings: Words,
    oneRuleAway: Type.Union([Type.String(), Type.Null()], { description: oneRuleAway }),
  });
