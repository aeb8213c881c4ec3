import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findRun, TERMINAL } from './runs-repository.js';
import { toRunDto } from './run-view.js';

/**
 * A run's progress as server-sent events until it ends. Polling the row (not an in-process emitter)
 * works whichever process or machine is solving.
 */
export async function streamRunEvents(
  db: Kysely<DB>,
  id: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': request.id,
  });
  let closed = false;
  request.raw.on('close', () => {
    closed = true;
  });
  let lastKey = '';
  while (!closed) {
    const run = await findRun(db, id);
    if (!run) break;
    const dto = toRunDto(run);
    const last = dto.progress.at(-1);
    const key = `${dto.status}:${dto.progress.length}:${last?.elapsedMs ?? ''}`;
    if (key !== lastKey) {
      lastKey = key;
      const progress = {
        status: dto.status,
        score: last?.score ?? dto.score,
        elapsedMs: last?.elapsedMs ?? 0,
      };
      raw.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
    }
    if (TERMINAL.includes(run.status)) {
      raw.write(`event: done\ndata: ${JSON.stringify(dto)}\n\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  raw.end();
}
