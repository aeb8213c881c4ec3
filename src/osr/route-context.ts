import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeContext } from '../changes/apply-change.js';
import type { Deps } from '../http/app-types.js';

/** What an OSR service needs of a request: the database, the zone, who asks, and the reply for the ETag. */
export const changeContext = (
  { database: { db }, config }: Deps,
  request: FastifyRequest,
  reply?: FastifyReply,
): ChangeContext => ({ db, timezone: config.timezone, request, ...(reply ? { reply } : {}) });
