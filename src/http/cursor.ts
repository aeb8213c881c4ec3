import { Type, type TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { problems } from './problem.js';
import { Page } from './schemas.js';

/**
 * Keyset pagination: a cursor names the last item of a page (its sort key), so the next page starts
 * right after it in SQL, however many rows come before. Opaque to clients (base64url of JSON).
 */
export const CursorParam = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The `next` of the previous page: the page after it (keep the other filters the same)',
});

/** A page as `Page` has it (items, total, limit, offset), and the cursor of the next one. */
export function CursorPage<T extends TSchema>(item: T, example?: unknown) {
  const next = Type.Union([Type.String(), Type.Null()], {
    description:
      'Cursor of the next page (pass as `cursor`), or null on the last page; also sent as a Link header with rel="next"',
  });
  const page = { items: [example], total: 1, limit: 100, offset: 0, next: null };
  return Type.Object({ ...Page(item).properties, next }, example === undefined ? {} : { examples: [page] });
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor names; a cursor that is not one of ours is bad input (400), never a 500. */
export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((v, i) => typeof v === shape[i] && (typeof v !== 'string' || v.length <= 100))
    )
      return key as (string | number)[];
  } catch {
    // falls through to the refusal
  }
  throw badCursor();
}

export const badCursor = () =>
  problems.badRequest('The cursor is not one this service gave; start again without it.');

/** Sends `Link: <same query, cursor=next>; rel="next"` when there is a next page. */
/** The Link header that points at the next page, when there is one. */
export function linkNext(request: FastifyRequest, next: string | null): Record<string, string> {
  if (next === null) return {};
  const url = new URL(request.url, 'http://host');
  url.searchParams.set('cursor', next);
  url.searchParams.delete('offset');
  return { link: `<${url.pathname}${url.search}>; rel="next"` };
}
