import { Role, ROLES, type RoleName } from './permissions.js';
import { Type, type TSchema } from 'typebox';

/** Shared primitives: ids, codes, instants, local dates, weeks, pagination and problems. */
export const Uuid = Type.String({ format: 'uuid', examples: ['3f6b8a52-8c1e-4d2a-9a57-2b5e0c1d7e90'] });
export const Code = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'A client-chosen lowercase slug',
  examples: ['north-west'],
});
export const Name = Type.String({ minLength: 1, maxLength: 200 });
/** Dates and weeks are limited to years 1900 to 2199: far enough for any rota, near enough for every database. */
const SANE_YEAR = '(19|20|21)\\d\\d';
export const Instant = Type.String({
  format: 'date-time',
  pattern: `^${SANE_YEAR}-`,
  maxLength: 40,
  description: 'ISO 8601 instant with offset (years 1900 to 2199)',
  examples: ['2026-11-23T08:00:00+00:00'],
});
export const LocalDate = Type.String({
  format: 'date',
  pattern: `^${SANE_YEAR}-\\d\\d-\\d\\d$`,
  description: 'Local date YYYY-MM-DD in the organisation time zone (years 1900 to 2199)',
  examples: ['2026-11-23'],
});
export const IsoWeek = Type.String({
  pattern: `^${SANE_YEAR}-W(0[1-9]|[1-4]\\d|5[0-3])$`,
  description: 'ISO week YYYY-Www (Monday to Sunday, local time; years 1900 to 2199)',
  examples: ['2026-W48'],
});
export const ExternalRef = Type.String({ minLength: 1, maxLength: 200, description: "Another system's id" });

// The role names are written once, in the permission table.
export { Role, ROLES, type RoleName };

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Page size' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Items to skip' })),
};

export function Page<T extends TSchema>(item: T, example?: unknown) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ description: 'Items matching the filters, on all pages' }),
      limit: Type.Integer(),
      offset: Type.Integer(),
    },
    example === undefined ? {} : { examples: [{ items: [example], total: 1, limit: 100, offset: 0 }] },
  );
}

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  {
    additionalProperties: true,
    description: 'RFC 9457 problem details',
    examples: [
      {
        type: 'https://care-rota.dev/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'No practitioner with id or code "3f6b8a52-8c1e-4d2a-9a57-2b5e0c1d7e90" exists.',
      },
    ],
  },
);

/** The error responses every authenticated route can give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  const out: Record<number, typeof Problem> = {};
  for (const s of [400, 401, 403, ...statuses]) out[s] = Problem;
  return out;
}

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The ETag you read; the write is refused with 412 if it changed since' }),
  ),
});
