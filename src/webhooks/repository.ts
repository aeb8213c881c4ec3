import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, WebhooksTable } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { toDelivery, toWebhook } from './model.js';

export async function listWebhooks(db: Kysely<DB>) {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

const webhookRow = (db: Kysely<DB>, id: string) => db.selectFrom('webhooks').selectAll().where('id', '=', id);

export async function findWebhook(db: Kysely<DB>, id: string) {
  const row = await webhookRow(db, id).executeTakeFirst();
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

/** The webhook row (secret included) under a row lock; 404 when there is none. */
export async function lockWebhook(trx: Transaction<DB>, id: string) {
  const row = await webhookRow(trx, id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound('webhook', id);
  return row;
}

export async function insertWebhook(
  trx: Transaction<DB>,
  input: { url: string; events: string[]; description?: string | undefined },
  secret: string,
) {
  const row = await trx
    .insertInto('webhooks')
    .values({ url: input.url, events: input.events, description: input.description ?? null, secret })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhook(row);
}

/** Changes the row and its version; `set` says what else changes. */
export async function updateWebhook(
  trx: Transaction<DB>,
  id: string,
  set: Omit<Updateable<WebhooksTable>, 'version' | 'updated_at'>,
) {
  const row = await trx
    .updateTable('webhooks')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhook(row);
}

export async function deleteWebhookRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** A new delivery of a delivery's event (the history keeps the first). */
export async function insertReplay(trx: Transaction<DB>, webhookId: string, deliveryId: string) {
  const original = await trx
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id'])
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  if (!original) throw problems.notFound('delivery', deliveryId);
  const row = await trx
    .insertInto('webhook_deliveries')
    .values({ webhook_id: webhookId, event_id: original.event_id, replay_of: original.id })
    .returningAll()
    .executeTakeFirstOrThrow();
  const event = await trx
    .selectFrom('outbox_events')
    .select('type')
    .where('id', '=', original.event_id)
    .executeTakeFirstOrThrow();
  return toDelivery({ ...row, event_type: event.type });
}

export async function countEventsSince(trx: Transaction<DB>, events: string[], since: Date) {
  const count = await trx
    .selectFrom('outbox_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', since)
    .where('type', '=', sql<string>`ANY(${events})`)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/** Queues a new delivery of every event of these types since an instant; how many. */
export async function insertDeliveriesSince(
  trx: Transaction<DB>,
  webhookId: string,
  events: string[],
  since: Date,
) {
  const inserted = await sql`
    INSERT INTO webhook_deliveries (webhook_id, event_id)
    SELECT ${webhookId}, id FROM outbox_events
    WHERE created_at >= ${since} AND type = ANY(${events})
    ORDER BY id`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0);
}

/** What one delivery sends: the receiver, its secrets, and the event. */
export function findDeliveryToSend(db: Kysely<DB>, deliveryId: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select(['w.url', 'w.secret', 'w.previous_secret', 'w.previous_secret_until'])
    .select(['e.type', 'e.payload', 'e.created_at'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}
