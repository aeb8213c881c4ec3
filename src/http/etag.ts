import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems } from './problem.js';

export const etagOf = (version: number): string => `"${version}"`;

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/**
 * Optimistic concurrency: when the client sends If-Match, the write goes ahead only on the version it
 * read. Clients that send no If-Match get last-writer-wins, which other systems often need.
 */
export function checkIfMatch(request: FastifyRequest, currentVersion: number): void {
  const header = request.headers['if-match'];
  if (!header || header.trim() === '*') return;
  const accepted = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!accepted.includes(etagOf(currentVersion))) {
    throw problems.preconditionFailed(
      `If-Match ${header} does not match the current version ${etagOf(currentVersion)}; read it again and retry.`,
    );
  }
}
