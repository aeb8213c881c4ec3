import { Type, type Static } from 'typebox';
import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhooksTable } from '../db/schema.js';
import { EventTypeSchema } from '../events/catalogue.js';
import { Instant, Uuid } from '../http/schemas.js';

/** Webhooks and their deliveries: schemas, examples, and rows as DTOs. The secret is never in a DTO. */
export const webhookExample = {
  id: '6f1e2d3c-4b5a-4e9f-8d7c-6b5a4f3e2d1c',
  url: 'https://hr.example.org/hooks/care-rota',
  events: ['absence.recorded', 'absence.ended'],
  description: 'HR absence sync',
  paused: false,
  version: 1,
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
};

export const Webhook = Type.Object(
  {
    id: Uuid,
    url: Type.String(),
    events: Type.Array(Type.String()),
    description: Type.Union([Type.String(), Type.Null()]),
    paused: Type.Boolean({ description: 'While paused, deliveries wait; they go out on resume' }),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { examples: [webhookExample] },
);
export type WebhookDto = Static<typeof Webhook>;

const Secret = Type.String({
  description: 'whsec_<base64>: sign-check key, shown once (keep it in your secret store)',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
});

export const CreatedWebhook = Type.Object(
  { ...Webhook.properties, secret: Secret },
  { examples: [{ ...webhookExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] },
);

export const RotatedSecret = Type.Object(
  {
    id: Uuid,
    secret: Secret,
    previousSecretValidUntil: Type.Union([Instant, Type.Null()], {
      description: 'Until then deliveries carry a signature with the old secret too',
    }),
  },
  {
    examples: [
      { id: webhookExample.id, secret: 'whsec_...', previousSecretValidUntil: '2026-11-30T10:00:00.000Z' },
    ],
  },
);

export const CreateWebhook = Type.Object(
  {
    url: Type.String({ format: 'uri', maxLength: 2000, description: 'https (or http) URL of the receiver' }),
    events: Type.Array(EventTypeSchema, { minItems: 1, maxItems: 50, uniqueItems: true }),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  {
    additionalProperties: false,
    examples: [
      { url: webhookExample.url, events: webhookExample.events, description: webhookExample.description },
    ],
  },
);

export const deliveryExample = {
  id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  webhookId: webhookExample.id,
  eventId: 42,
  eventType: 'absence.recorded',
  status: 'succeeded',
  attempts: 3,
  lastStatus: 200,
  lastError: null,
  lastAttemptAt: '2026-11-29T10:00:07.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-11-29T10:00:07.000Z',
  replayOf: null,
  createdAt: '2026-11-29T10:00:00.000Z',
};

export const Delivery = Type.Object(
  {
    id: Uuid,
    webhookId: Uuid,
    eventId: Type.Integer({
      description: 'The event (GET /v1/events); its webhook-id header is evt_<eventId>',
    }),
    eventType: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    attempts: Type.Integer(),
    lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's HTTP status" }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastAttemptAt: Type.Union([Instant, Type.Null()]),
    nextAttemptAt: Type.Union([Instant, Type.Null()], { description: 'While pending' }),
    deliveredAt: Type.Union([Instant, Type.Null()]),
    replayOf: Type.Union([Uuid, Type.Null()]),
    createdAt: Instant,
  },
  {
    examples: [deliveryExample],
  },
);
export type DeliveryDto = Static<typeof Delivery>;

export const toWebhook = (r: Selectable<WebhooksTable>): WebhookDto => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  paused: r.paused_at !== null,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toDelivery = (r: Selectable<WebhookDeliveriesTable> & { event_type: string }): DeliveryDto => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: Number(r.event_id),
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastError: r.last_error,
  lastAttemptAt: iso(r.last_attempt_at),
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
  deliveredAt: iso(r.delivered_at),
  replayOf: r.replay_of,
  createdAt: r.created_at.toISOString(),
});
