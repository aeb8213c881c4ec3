import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { deliveryRoutes } from './delivery-routes.js';
import { CreatedWebhook, CreateWebhook, RotatedSecret, Webhook } from './model.js';
import { findWebhook, listWebhooks } from './repository.js';
import { Deleted, WebhookList, WebhookParams } from './schemas.js';
import { createWebhook, deleteWebhook, rotateSecret, setPaused } from './service.js';

const op = operations('webhooks');

export const webhookRoutes = routes(create, list, one, pause, resume, rotate, remove, ...deliveryRoutes);

const CREATE = 'Subscribe a receiver to events: the answer holds its signing secret, once';
const CREATE_DESCRIPTION =
  'Deliveries are POSTs of `{type, timestamp, data}` with the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Receivers on private or loopback addresses are refused (422) unless WEBHOOKS_ALLOW_PRIVATE=true.';

function create(app: App, { database: { db }, config }: Deps): void {
  const inputs = { description: CREATE_DESCRIPTION, body: CreateWebhook, response: { 201: CreatedWebhook } };
  app.post('/webhooks', { schema: op(CREATE, inputs, [422]) }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request };
    const created = await createWebhook(ctx, request.body, config.webhooksAllowPrivate);
    reply.status(201).header('location', `/v1/webhooks/${created.id}`);
    return created;
  });
}

function list(app: App, { database: { db } }: Deps): void {
  const schema = op('List webhooks (never their secrets)', { response: { 200: WebhookList } });
  app.get('/webhooks', { schema }, async () => ({ items: await listWebhooks(db) }));
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('Get a webhook', { params: WebhookParams, response: { 200: Webhook } }, [404]);
  app.get('/webhooks/:id', { schema }, async (request) => {
    const webhook = await findWebhook(db, request.params.id);
    if (!webhook) throw problems.notFound('webhook', request.params.id);
    return webhook;
  });
}

const PAUSE = 'Pause a webhook: deliveries wait (none is lost) until it is resumed';
const RESUME = 'Resume a webhook: what waited is sent, oldest first';

function pause(app: App, deps: Deps): void {
  pausing(app, deps, true);
}

function resume(app: App, deps: Deps): void {
  pausing(app, deps, false);
}

/** Pausing and resuming are one operation each, the same but for the flag they set. */
function pausing(app: App, { database: { db }, config, webhookDeliverer }: Deps, paused: boolean): void {
  const schema = op(paused ? PAUSE : RESUME, { params: WebhookParams, response: { 200: Webhook } }, [404]);
  app.post(`/webhooks/:id/${paused ? 'pause' : 'resume'}`, { schema }, async (request) => {
    const after = await setPaused({ db, timezone: config.timezone, request }, request.params.id, paused);
    if (!paused) webhookDeliverer?.wake();
    return after;
  });
}

const ROTATE = 'A new signing secret (shown once); the old one also signs for 24 hours';

function rotate(app: App, { database: { db }, config }: Deps): void {
  const schema = op(ROTATE, { params: WebhookParams, response: { 200: RotatedSecret } }, [404]);
  app.post('/webhooks/:id/rotate-secret', { schema }, async (request) =>
    rotateSecret({ db, timezone: config.timezone, request }, request.params.id),
  );
}

const REMOVE = 'Delete a webhook and its delivery history';

function remove(app: App, { database: { db }, config }: Deps): void {
  const schema = op(REMOVE, { params: WebhookParams, response: { 204: Deleted } }, [404]);
  app.delete('/webhooks/:id', { schema }, async (request, reply) => {
    await deleteWebhook({ db, timezone: config.timezone, request }, request.params.id);
    return reply.status(204).send(null);
  });
}
