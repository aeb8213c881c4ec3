import type { FastifyInstance, FastifyRequest } from 'fastify';
import { seesHealthWords } from './permissions.js';

/**
 * No health word in any OSR text a social worker (or a read-only viewer) can read. The OSR rota's reasons
 * are written by the scheduler core for the staff who plan ("X is off sick from ..."); for these roles
 * every absence kind reads "unavailable". Applied to JSON bodies before they serialise and to text
 * exports (CSV, HTML, ICS) as they are sent.
 */
const HEALTH_PHRASES =
  /\b(?:is |was )?(?:off sick|on sick leave|on annual leave|on training|on leave)\b|\b(?:sickness|sick|illness|ill health|unwell|medical|hospital)\b/gi;

export function withoutHealthWords(text: string): string {
  return text.replace(HEALTH_PHRASES, (match) => {
    const verb = /^(is|was) /i.exec(match)?.[0] ?? '';
    return `${verb}unavailable`;
  });
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutHealthWords(value);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

const applies = (request: FastifyRequest) =>
  request.url.startsWith('/v1/osr') && request.actor !== undefined && !seesHealthWords(request);

export function registerHealthWordFilter(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (!applies(request) || reply.statusCode >= 400) return payload;
    return scrub(payload);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!applies(request) || typeof payload !== 'string') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.includes('json')) return payload; // already scrubbed before serialising
    return withoutHealthWords(payload);
  });
}
