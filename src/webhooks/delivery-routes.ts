import type { App, Deps } from '../http/app-types.js';
import { operations } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { Delivery } from './model.js';
import { listDeliveries } from './repository.js';
import {
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  Queued,
  ReplaySince,
  WebhookParams,
} from './schemas.js';
import { replayDelivery, replaySince } from './service.js';

const op = operations('webhooks');

/** A webhook's deliveries and sending them again; registered after the webhook routes (routes.ts). */
export const deliveryRoutes = [deliveries, replayOne, replayAll];

const DELIVERIES = "A webhook's deliveries, newest first: attempts, the receiver's answer, what is pending";

function deliveries(app: App, { database: { db } }: Deps): void {
  const inputs = { params: WebhookParams, querystring: DeliveryQuery, response: { 200: DeliveryPage } };
  const schema = op(DELIVERIES, inputs, [404]);
  app.get('/webhooks/:id/deliveries', { schema }, async (request) => {
    const { id } = request.params;
    const { status, limit = 100, offset = 0 } = request.query;
    const page = await listDeliveries(db, id, { ...(status ? { status } : {}), limit, offset });
    if (!page) throw problems.notFound('webhook', id);
    return { ...page, limit, offset };
  });
}

const REPLAY_ONE = "Send a delivery's event again (a new delivery, same webhook-id)";

function replayOne(app: App, { database: { db }, config, webhookDeliverer }: Deps): void {
  const schema = op(REPLAY_ONE, { params: DeliveryParams, response: { 202: Delivery } }, [404]);
  app.post('/webhooks/:id/deliveries/:deliveryId/replay', { schema }, async (request, reply) => {
    const { id, deliveryId } = request.params;
    const delivery = await replayDelivery({ db, timezone: config.timezone, request }, id, deliveryId);
    webhookDeliverer?.wake();
    reply.status(202);
    return delivery;
  });
}

const REPLAY_ALL = "Send again every event of the webhook's types since an instant";

function replayAll(app: App, { database: { db }, config, webhookDeliverer }: Deps): void {
  const inputs = { params: WebhookParams, body: ReplaySince, response: { 202: Queued } };
  const schema = op(REPLAY_ALL, inputs, [404, 422]);
  app.post('/webhooks/:id/replay', { schema }, async (request, reply) => {
    const since = new Date(request.body.since);
    const queued = await replaySince({ db, timezone: config.timezone, request }, request.params.id, since);
    webhookDeliverer?.wake();
    reply.status(202);
    return { queued };
  });
}
