import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { RotaRunWorker } from '../rota/worker.js';
import type { ResilienceCache } from '../cover/resilience-cache.js';
import type { WebhookDeliverer } from '../webhooks/deliverer.js';
import type { RouteRule } from './auth.js';
import type { AnswerCache } from './answer-cache.js';

/** The Fastify instance every route module registers on: handlers are typed from their TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every route module gets: plain values, not Fastify decorators. */
export interface Deps {
  config: Config;
  database: Database;
  /** The in-process solver of queued rota runs (unless SOLVE_IN_PROCESS=false). */
  rotaWorker?: RotaRunWorker;
  /** Read answers made once per state of the facts (a week of shifts). */
  answers: AnswerCache;
  /** Resilience by period, worked out once per state of the facts. */
  resilience: ResilienceCache;
  /** Sends webhook deliveries from the durable queue (started with the app). */
  webhookDeliverer?: WebhookDeliverer;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    routeTable: RouteRule[];
  }
}
