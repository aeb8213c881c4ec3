import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { routes } from '../http/operation.js';
import { pendingMigrations } from '../db/migrate.js';
import { Problem } from '../http/schemas.js';

const Health = Type.Object(
  { status: Type.String(), database: Type.Optional(Type.String()) },
  { examples: [{ status: 'ok', database: 'pglite' }] },
);

// Public and keyless: no problem answers of a key (401, 403), so these schemas are written out, not `operations`.
const publicRoute = { config: { access: 'public' as const } };

export const healthRoutes = routes(live, ready);

function live(app: App): void {
  const schema = { tags: ['health'], summary: 'The process is up', security: [], response: { 200: Health } };
  app.get('/health/live', { ...publicRoute, schema }, async () => ({ status: 'ok' }));
}

function ready(app: App, { database }: Deps): void {
  const schema = {
    tags: ['health'],
    summary: 'Migrations are applied and the database answers',
    security: [],
    response: { 200: Health, 503: Problem },
  };
  app.get('/health/ready', { ...publicRoute, schema }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) return notReady(reply, `Migrations pending: ${pending.join(', ')}`);
      return { status: 'ok', database: database.kind };
    } catch {
      return notReady(reply, 'The database does not answer.');
    }
  });
}

const notReady = (reply: FastifyReply, detail: string) =>
  reply.status(503).type('application/problem+json').send({
    type: 'https://care-rota.dev/problems/not-ready',
    title: 'Not ready',
    status: 503,
    detail,
  });
