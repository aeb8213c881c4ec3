import { Type } from 'typebox';
import { Instant, Page, PageQuery, Uuid } from '../http/schemas.js';
import { Delivery, deliveryExample, Webhook, webhookExample } from './model.js';

/** What the webhook routes take and answer besides the webhooks and deliveries themselves (model.ts). */
export const Deleted = Type.Null();
export const WebhookParams = Type.Object({ id: Uuid });
export const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid });

export const WebhookList = Type.Object(
  { items: Type.Array(Webhook) },
  { examples: [{ items: [webhookExample] }] },
);

export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const DeliveryPage = Page(Delivery, deliveryExample);

export const ReplaySince = Type.Object(
  { since: Instant },
  { additionalProperties: false, examples: [{ since: '2026-11-28T00:00:00+00:00' }] },
);
export const Queued = Type.Object({ queued: Type.Integer() }, { examples: [{ queued: 12 }] });
