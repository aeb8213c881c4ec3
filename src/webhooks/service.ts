import { DateTime } from 'luxon';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type AuditContext } from '../audit/record.js';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { toDelivery, toWebhook, type DeliveryDto, type WebhookDto } from './model.js';
import { checkReceiver, ReceiverRefused } from './receiver-address.js';
import { newSecret } from './signing.js';

/** Webhook writes: each in one transaction with its audit entry (which never holds a secret). */

const ROTATION_OVERLAP_HOURS = 24;
const MAX_REPLAY_EVENTS = 10_000;

async function lockWebhook(trx: Transaction<DB>, id: string) {
  const row = await trx
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw problems.notFound('webhook', id);
  return row;
}

export async function createWebhook(
  db: Kysely<DB>,
  audit: AuditContext,
  input: { url: string; events: string[]; description?: string | undefined },
  allowPrivate: boolean,
): Promise<WebhookDto & { secret: string }> {
  try {
    await checkReceiver(input.url, allowPrivate);
  } catch (error) {
    if (error instanceof ReceiverRefused)
      throw problems.unprocessable(error.message, [{ field: '/body/url', message: error.message }]);
    throw error;
  }
  const secret = newSecret();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhooks')
      .values({ url: input.url, events: input.events, description: input.description ?? null, secret })
      .returningAll()
      .executeTakeFirstOrThrow();
    const dto = toWebhook(row);
    await recordAudit(trx, audit, { entity: 'webhook', entityId: dto.id, action: 'create', after: dto });
    return { ...dto, secret };
  });
}

export async function setPaused(db: Kysely<DB>, audit: AuditContext, id: string, paused: boolean) {
  return db.transaction().execute(async (trx) => {
    const before = toWebhook(await lockWebhook(trx, id));
    const row = await trx
      .updateTable('webhooks')
      .set((eb) => ({
        paused_at: paused ? (before.paused ? sql`paused_at` : new Date()) : null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toWebhook(row);
    await recordAudit(trx, audit, {
      entity: 'webhook',
      entityId: id,
      action: paused ? 'pause' : 'resume',
      before,
      after,
    });
    return after;
  });
}

export async function rotateSecret(db: Kysely<DB>, audit: AuditContext, id: string) {
  return db.transaction().execute(async (trx) => {
    const current = await lockWebhook(trx, id);
    const secret = newSecret();
    const until = DateTime.now().plus({ hours: ROTATION_OVERLAP_HOURS }).toJSDate();
    await trx
      .updateTable('webhooks')
      .set((eb) => ({
        secret,
        previous_secret: current.secret,
        previous_secret_until: until,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, { entity: 'webhook', entityId: id, action: 'rotate-secret' });
    return { id, secret, previousSecretValidUntil: until.toISOString() };
  });
}

export async function deleteWebhook(db: Kysely<DB>, audit: AuditContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = toWebhook(await lockWebhook(trx, id));
    await trx.deleteFrom('webhooks').where('id', '=', id).execute();
    await recordAudit(trx, audit, { entity: 'webhook', entityId: id, action: 'delete', before });
  });
}

/** Sends one delivery's event again, as a new delivery (the history keeps the first). */
export async function replayDelivery(
  db: Kysely<DB>,
  audit: AuditContext,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryDto> {
  return db.transaction().execute(async (trx) => {
    await lockWebhook(trx, webhookId);
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
    const dto = toDelivery({ ...row, event_type: event.type });
    await recordAudit(trx, audit, { entity: 'webhook', entityId: webhookId, action: 'replay', after: dto });
    return dto;
  });
}

/** Sends again every event of the webhook's types since an instant (e.g. after the receiver lost data). */
export async function replaySince(
  db: Kysely<DB>,
  audit: AuditContext,
  webhookId: string,
  since: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const hook = await lockWebhook(trx, webhookId);
    const count = await trx
      .selectFrom('outbox_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', since)
      .where('type', '=', sql<string>`ANY(${hook.events})`)
      .executeTakeFirstOrThrow();
    if (Number(count.n) > MAX_REPLAY_EVENTS)
      throw problems.unprocessable(
        `${count.n} events since then; replay at most ${MAX_REPLAY_EVENTS} at a time (choose a later "since").`,
        [{ field: '/body/since', message: 'too far back' }],
      );
    const inserted = await sql`
      INSERT INTO webhook_deliveries (webhook_id, event_id)
      SELECT ${webhookId}, id FROM outbox_events
      WHERE created_at >= ${since} AND type = ANY(${hook.events})
      ORDER BY id`.execute(trx);
    const queued = Number(inserted.numAffectedRows ?? 0);
    await recordAudit(trx, audit, {
      entity: 'webhook',
      entityId: webhookId,
      action: 'replay',
      after: { since: since.toISOString(), queued },
    });
    return queued;
  });
}
