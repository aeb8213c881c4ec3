import type { FastifySchema } from 'fastify';
import type { TSchema } from 'typebox';
import type { App, Deps } from './app-types.js';
import { errorResponses, type Problem } from './schemas.js';

/** What a route takes and answers; its tag, summary and the problem answers are added by `operation`. */
export interface RouteSchema extends Omit<FastifySchema, 'response'> {
  description?: string;
  response: Record<number, TSchema>;
}

/** The route's own answers and the problem answers every route may give, as one flat map (handlers are typed from it). */
type Answers<R> = { [K in keyof R | 400 | 401 | 403]: K extends keyof R ? R[K] : typeof Problem };

/**
 * A route's schema in one line: the module's OpenAPI tag (bound once per file), a summary, what it takes
 * and answers, and the statuses of the problems it may give besides 400, 401 and 403 (always listed).
 */
export function operations(tag: string) {
  return function operation<const S extends RouteSchema>(summary: string, schema: S, errors: number[] = []) {
    // Flattened for the type provider: an intersection with an index signature would type replies as unknown.
    const response = { ...schema.response, ...errorResponses(...errors) } as Answers<S['response']>;
    return { tags: [tag], summary, ...schema, response };
  };
}

/** A route module: its routes, each a small function registering one operation, registered in order. */
export function routes(...each: ((app: App, deps: Deps) => void)[]): (app: App, deps: Deps) => Promise<void> {
  return async (app, deps) => {
    for (const register of each) register(app, deps);
  };
}
