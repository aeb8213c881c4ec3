import { Type, type TProperties } from 'typebox';

/**
 * The two bodies of a resource written by create and patch, from its fields: create takes them as they are
 * (and nothing else); patch takes any of them, at least one.
 */
export function createAndPatch<const F extends TProperties>(
  fields: F,
  createExample: object,
  patchExample: object,
) {
  return {
    create: Type.Object(fields, { additionalProperties: false, examples: [createExample] }),
    patch: Type.Partial(Type.Object(fields), {
      additionalProperties: false,
      minProperties: 1,
      examples: [patchExample],
    }),
  };
}
