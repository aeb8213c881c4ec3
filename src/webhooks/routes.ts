import { findWebhook, listDeliveries, listWebhooks } from './repository.js';
import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { auditContextOf } from '../audit/record.js';
import { problems } from '../http/problem.js';
import { errorResponses, Instant, Page, PageQuery, Uuid } from '../http/schemas.js';
import {
  CreatedWebhook,
  CreateWebhook,
  Delivery,
  RotatedSecret,
  Webhook,
  deliveryExample,
  webhookExample,
} from './model.js';
import {
  createWebhook,
  deleteWebhook,
  replayDelivery,
  replaySince,
  rotateSecret,
  setPaused,
} from './service.js';

const TAGS = ['webhooks'];
const IdParams = Type.Object({ id: Uuid });

export async function webhookRoutes(app: App, deps: Deps): Promise<void> {
  postWebhooksRoute(app, deps);
  getWebhooksRoute(app, deps);
  getWebhooksByIdRoute(app, deps);
  pauseAndResumeRoutes(app, deps);
  postWebhooksByIdRotateSecretRoute(app, deps);
  deleteWebhooksByIdRoute(app, deps);
  getWebhooksByIdDeliveriesRoute(app, deps);
  postWebhooksByIdDeliveriesByDeliveryidReplayRoute(app, deps);
  postWebhooksByIdReplayRoute(app, deps);
}

function postWebhooksRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Subscribe a receiver to events: the answer holds its signing secret, once',
        description:
          'Deliveries are POSTs of `{type, timestamp, data}` with the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Receivers on private or loopback addresses are refused (422) unless WEBHOOKS_ALLOW_PRIVATE=true.',
        body: CreateWebhook,
        response: { 201: CreatedWebhook, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(
        db,
        auditContextOf(request),
        request.body,
        deps.config.webhooksAllowPrivate,
      );
      reply.status(201).header('location', `/v1/webhooks/${created.id}`);
      return created;
    },
  );
}

function getWebhooksRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'List webhooks (never their secrets)',
        response: {
          200: Type.Object({ items: Type.Array(Webhook) }, { examples: [{ items: [webhookExample] }] }),
          ...errorResponses(),
        },
      },
    },
    async () => {
      return { items: await listWebhooks(db) };
    },
  );
}

function getWebhooksByIdRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Get a webhook',
        params: IdParams,
        response: { 200: Webhook, ...errorResponses(404) },
      },
    },
    async (request) => {
      const webhook = await findWebhook(db, request.params.id);
      if (!webhook) throw problems.notFound('webhook', request.params.id);
      return webhook;
    },
  );
}

function postWebhooksByIdRotateSecretRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags: TAGS,
        summary: 'A new signing secret (shown once); the old one also signs for 24 hours',
        params: IdParams,
        response: { 200: RotatedSecret, ...errorResponses(404) },
      },
    },
    async (request) => rotateSecret(db, auditContextOf(request), request.params.id),
  );
}

function deleteWebhooksByIdRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a webhook and its delivery history',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await deleteWebhook(db, auditContextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function getWebhooksByIdDeliveriesRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: "A webhook's deliveries, newest first: attempts, the receiver's answer, what is pending",
        params: IdParams,
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Delivery, deliveryExample), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { status, limit = 100, offset = 0 } = request.query;
      const page = await listDeliveries(db, id, { ...(status ? { status } : {}), limit, offset });
      if (!page) throw problems.notFound('webhook', id);
      return { ...page, limit, offset };
    },
  );
}

function postWebhooksByIdDeliveriesByDeliveryidReplayRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/replay',
    {
      schema: {
        tags: TAGS,
        summary: "Send a delivery's event again (a new delivery, same webhook-id)",
        params: Type.Object({ id: Uuid, deliveryId: Uuid }),
        response: { 202: Delivery, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const dto = await replayDelivery(
        db,
        auditContextOf(request),
        request.params.id,
        request.params.deliveryId,
      );
      deps.webhookDeliverer?.wake();
      reply.status(202);
      return dto;
    },
  );
}

function postWebhooksByIdReplayRoute(app: App, deps: Deps): void {
  const db = deps.database.db;

  app.post(
    '/webhooks/:id/replay',
    {
      schema: {
        tags: TAGS,
        summary: "Send again every event of the webhook's types since an instant",
        params: IdParams,
        body: Type.Object(
          { since: Instant },
          { additionalProperties: false, examples: [{ since: '2026-11-28T00:00:00+00:00' }] },
        ),
        response: {
          202: Type.Object({ queued: Type.Integer() }, { examples: [{ queued: 12 }] }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const queued = await replaySince(
        db,
        auditContextOf(request),
        request.params.id,
        new Date(request.body.since),
      );
      deps.webhookDeliverer?.wake();
      reply.status(202);
      return { queued };
    },
  );
}

/** Pausing and resuming are one operation each, the same but for the flag they set. */
function pauseAndResumeRoutes(app: App, deps: Deps): void {
  const db = deps.database.db;
  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(
      `/webhooks/:id/${action}`,
      {
        schema: {
          tags: TAGS,
          summary: paused
            ? 'Pause a webhook: deliveries wait (none is lost) until it is resumed'
            : 'Resume a webhook: what waited is sent, oldest first',
          params: IdParams,
          response: { 200: Webhook, ...errorResponses(404) },
        },
      },
      async (request) => {
        const after = await setPaused(db, auditContextOf(request), request.params.id, paused);
        if (!paused) deps.webhookDeliverer?.wake();
        return after;
      },
    );
  }
}
