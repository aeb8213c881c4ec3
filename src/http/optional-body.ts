/**
 * For POST actions whose body is optional: a request without one is validated as `{}`, so clients may
 * send nothing (no content type) and still get their options checked when they do send some.
 */
export const emptyBodyAsObject = async (request: { body: unknown }): Promise<void> => {
  if (request.body === undefined || request.body === null) request.body = {};
};
