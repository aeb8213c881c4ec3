import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FactsVersion } from './facts-version.js';

const gzipAsync = promisify(gzip);

interface Made {
  json: string;
  gzipped: Buffer;
  hash: string;
  headers: Record<string, string>;
}

interface Entry {
  version: string;
  made: Promise<Made>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers through the AnswerCache: the facts' version is read as the request arrives. */
    answerCache?: boolean;
  }
  interface FastifyRequest {
    factsVersion?: Promise<string>;
  }
}

/** Starts reading the facts' version as soon as a cached route's request arrives, beside the key check. */
export function readVersionEarly(app: FastifyInstance, version: FactsVersion): void {
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config?.answerCache) return;
    request.factsVersion = version.current();
    // Claimed by the handler; a request refused before it gets there must not leave a rejection unheard.
    request.factsVersion.catch(() => undefined);
  });
}

export interface Answer<T> {
  body: T;
  headers?: Record<string, string>;
}

/**
 * Read answers that depend only on the URL and the facts (the same for every caller who may read them, or
 * for every caller of one variant),
 * made once per state of the facts: serialised by the route's own schema, gzipped once, and sent with an
 * ETag (If-None-Match answers 304). A week of shifts is read far more often than the rota changes.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly version: FactsVersion,
    private readonly maxEntries = 64,
  ) {}

  /** `variant` names what else the answer depends on (which fields the caller may see). */
  async send<T>(request: FastifyRequest, reply: FastifyReply, make: () => Promise<Answer<T>>, variant = '') {
    const version = await (request.factsVersion ?? this.version.current());
    const key = `${variant}|${request.url}`;
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version) {
      entry = { version, made: this.make(reply, make) };
      this.remember(key, entry);
    }
    const made = await entry.made;
    // The gzipped and the plain bytes are two representations: each has its own ETag.
    const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const etag = gzipped ? `"${made.hash}-gzip"` : `"${made.hash}"`;
    reply.headers(made.headers).header('etag', etag).header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    if (gzipped) return reply.header('content-encoding', 'gzip').send(made.gzipped);
    return reply.send(made.json);
  }

  private async make<T>(reply: FastifyReply, make: () => Promise<Answer<T>>): Promise<Made> {
    const { body, headers = {} } = await make();
    const json = String(reply.serialize(body));
    const hash = createHash('sha1').update(json).digest('base64url');
    return { json, gzipped: await gzipAsync(json), hash, headers };
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed answer (a bad period, say) is not kept: the next request tries again.
    entry.made.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
