import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { Type } from 'typebox';

/** The 200 answer of a route that sends a file of one media type, with an example of its text. */
export const fileAnswer = (mime: string, example: string, description: string) => ({
  content: { [mime]: { schema: Type.String({ examples: [example], description }) } },
});

/** A printable page: its one inline style allowed by hash, nothing else loads, and it is not cached. */
export function asPage(reply: FastifyReply, styleHash: string): void {
  reply
    .type('text/html; charset=utf-8')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src ${styleHash}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache');
}

/** A spreadsheet to save, under this file name. */
export function asCsv(reply: FastifyReply, filename: string): void {
  reply
    .type('text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff');
}

/** When a printed page says it was made, in local time. */
export const printedAt = (timezone: string): string =>
  DateTime.now().setZone(timezone).toFormat('d LLL yyyy HH:mm');
