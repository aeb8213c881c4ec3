import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { toDelivery, toWebhook } from './model.js';

export async function listWebhooks(db: Kysely<DB>) {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

export async function findWebhook(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : undefined;
}

/** A webhook's deliveries, newest first, with their event's type; undefined when there is no such webhook. */
export async function listDeliveries(
  db: Kysely<DB>,
  id: string,
  filter: { status?: 'pending' | 'succeeded' | 'failed'; limit: number; offset: number },
) {
  if (!(await db.selectFrom('webhooks').select('id').where('id', '=', id).executeTakeFirst()))
    return undefined;
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .where('d.webhook_id', '=', id);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('d')
    .select('e.type as event_type')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.event_id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: rows.map(toDelivery), total: Number(total.n) };
}
