import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problems } from './problem.js';

/**
 * Input the schemas cannot say: no control characters in any string (NUL included; PostgreSQL refuses NUL
 * in text, and the others have no business in names, notes or codes); tab, line feed and carriage return
 * are allowed. Checked before validation, on the body, the query and the path parameters.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function findControl(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, v] of Object.entries(value)) {
    const keyPath = `${path}/${key}`;
    if (CONTROL.test(key)) return keyPath;
    const found = findControl(v, keyPath, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function refuseControlCharacters(request: FastifyRequest): void {
  const field =
    findControl(request.params, '/params') ??
    findControl(request.query, '/querystring') ??
    findControl(request.body, '/body');
  if (field) {
    throw problems.badRequest(`${field} contains a control character; send plain text.`, [
      { field, message: 'contains a control character' },
    ]);
  }
}

export function registerInputGuard(app: FastifyInstance, bodyLimit: number): void {
  // A body bigger than the limit is answered 413 at once, whatever the route (one that takes no body
  // included), and the rest of it is read and dropped so the client sees the answer, not a reset.
  app.addHook('onRequest', async (request) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > bodyLimit) {
      request.raw.resume();
      throw problemTooLarge(bodyLimit);
    }
  });
  app.addHook('preValidation', async (request) => refuseControlCharacters(request));
}

const problemTooLarge = (limit: number) =>
  problems.payloadTooLarge(`The request body is larger than ${Math.round(limit / 1024)} KiB.`);
