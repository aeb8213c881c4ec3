import { DateTime } from 'luxon';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { problems } from '../http/problem.js';
import { toWebhook, type DeliveryDto, type WebhookDto } from './model.js';
import { checkReceiver, ReceiverRefused } from './receiver-address.js';
import {
  countEventsSince,
  deleteWebhookRow,
  insertDeliveriesSince,
  insertReplay,
  insertWebhook,
  lockWebhook,
  updateWebhook,
} from './repository.js';
import { newSecret } from './signing.js';

/**
 * Webhook writes, each through the change pipeline. Its audit never holds a secret: no step that records
 * `before` reads the secret, and results that carry one say what the audit keeps instead.
 */

const ROTATION_OVERLAP_HOURS = 24;
const MAX_REPLAY_EVENTS = 10_000;

const entity = 'webhook';

export async function createWebhook(
  ctx: ChangeContext,
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
  const { after } = await applyChange(ctx, {
    entity,
    action: 'create',
    write: async (trx) => ({ ...(await insertWebhook(trx, input, secret)), secret }),
    entityId: (created) => created.id,
    audited: ({ secret: _secret, ...webhook }) => webhook,
  });
  return after;
}

export async function setPaused(ctx: ChangeContext, id: string, paused: boolean) {
  const { after } = await applyChange(ctx, {
    entity,
    action: paused ? 'pause' : 'resume',
    lock: async (trx) => toWebhook(await lockWebhook(trx, id)),
    // Pausing a paused webhook keeps the instant it was first paused.
    write: (trx, before) =>
      updateWebhook(trx, id, paused ? (before.paused ? {} : { paused_at: new Date() }) : { paused_at: null }),
    entityId: () => id,
  });
  return after;
}

export async function rotateSecret(ctx: ChangeContext, id: string) {
  const { after } = await applyChange(ctx, {
    entity,
    action: 'rotate-secret',
    write: async (trx) => {
      const current = await lockWebhook(trx, id);
      const secret = newSecret();
      const until = DateTime.now().plus({ hours: ROTATION_OVERLAP_HOURS }).toJSDate();
      await updateWebhook(trx, id, { secret, previous_secret: current.secret, previous_secret_until: until });
      return { id, secret, previousSecretValidUntil: until.toISOString() };
    },
    entityId: () => id,
    audited: () => ({}),
  });
  return after;
}

export async function deleteWebhook(ctx: ChangeContext, id: string): Promise<void> {
  await applyChange(ctx, {
    entity,
    action: 'delete',
    lock: async (trx) => toWebhook(await lockWebhook(trx, id)),
    write: (trx) => deleteWebhookRow(trx, id),
    entityId: () => id,
  });
}

/** Sends one delivery's event again, as a new delivery (the history keeps the first). */
export async function replayDelivery(
  ctx: ChangeContext,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryDto> {
  const { after } = await applyChange(ctx, {
    entity,
    action: 'replay',
    write: async (trx) => {
      await lockWebhook(trx, webhookId);
      return insertReplay(trx, webhookId, deliveryId);
    },
    entityId: () => webhookId,
  });
  return after;
}

/** Sends again every event of the webhook's types since an instant (e.g. after the receiver lost data). */
export async function replaySince(ctx: ChangeContext, webhookId: string, since: Date): Promise<number> {
  const { after } = await applyChange(ctx, {
    entity,
    action: 'replay',
    write: async (trx) => {
      const { events } = await lockWebhook(trx, webhookId);
      const count = await countEventsSince(trx, events, since);
      if (count > MAX_REPLAY_EVENTS)
        throw problems.unprocessable(
          `${count} events since then; replay at most ${MAX_REPLAY_EVENTS} at a time (choose a later "since").`,
          [{ field: '/body/since', message: 'too far back' }],
        );
      return {
        since: since.toISOString(),
        queued: await insertDeliveriesSince(trx, webhookId, events, since),
      };
    },
    entityId: () => webhookId,
  });
  return after.queued;
}
