import type { FastifyReply } from 'fastify';
import { setEtag } from './etag.js';

/** A read the client may write back with If-Match: answered with its version as the ETag. */
export function tagged<T extends { version: number }>(reply: FastifyReply, value: T): T {
  setEtag(reply, value.version);
  return value;
}

/** A new resource: 201, with where it now lives (`${collection}/${id}`) as its Location. */
export function created<T extends { id: string }>(reply: FastifyReply, collection: string, value: T): T {
  reply.status(201).header('location', `${collection}/${value.id}`);
  return value;
}
