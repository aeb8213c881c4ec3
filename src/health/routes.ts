import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { pendingMigrations } from '../db/migrate.js';
import { Problem } from '../http/schemas.js';

const Health = Type.Object(
  { status: Type.String(), database: Type.Optional(Type.String()) },
  { examples: [{ status: 'ok', database: 'pglite' }] },
);

export async function healthRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: Health } },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Migrations are applied and the database answers',
        security: [],
        response: { 200: Health, 503: Problem },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(deps.database.db);
        const pending = await pendingMigrations(deps.database.db);
        if (pending.length > 0) {
          return reply
            .status(503)
            .type('application/problem+json')
            .send({
              type: 'https://care-rota.dev/problems/not-ready',
              title: 'Not ready',
              status: 503,
              detail: `Migrations pending: ${pending.join(', ')}`,
            });
        }
        return { status: 'ok', database: deps.database.kind };
      } catch {
        return reply.status(503).type('application/problem+json').send({
          type: 'https://care-rota.dev/problems/not-ready',
          title: 'Not ready',
          status: 503,
          detail: 'The database does not answer.',
        });
      }
    },
  );
}
