import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { App, Deps } from './http/app-types.js';
import { DateTime } from 'luxon';
import { ResilienceCache } from './cover/resilience-cache.js';
import { AnswerCache, readVersionEarly } from './http/answer-cache.js';
import { FactsVersion } from './http/facts-version.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { registerAuth, type RouteRule } from './http/auth.js';
import { registerErrorHandling } from './http/errors.js';
import { registerHealthWordFilter } from './http/health-words.js';
import { registerInputGuard } from './http/input-guard.js';
import { problems } from './http/problem.js';
import { serializerCompiler, validatorCompiler } from './http/validation.js';
import { openapiDocumentation } from './http/openapi.js';
import { ensureBootstrapAdmin } from './keys/repository.js';
import { healthRoutes } from './health/routes.js';
import { keyRoutes } from './keys/routes.js';
import { referenceRoutes } from './reference/routes.js';
import { practitionerRoutes } from './panel/practitioner-routes.js';
import { absenceRoutes } from './panel/absence-routes.js';
import { auditRoutes } from './audit/routes.js';
import { loadDemoData, reportDemoKeys } from './demo/load.js';
import { osrRoutes } from './osr/routes.js';
import { placementReviewRoutes, placementRoutes } from './placements/routes.js';
import { shiftRoutes } from './placements/shift-routes.js';
import { exportRoutes } from './placements/export-routes.js';
import { rotaRunRoutes } from './rota/run-routes.js';
import { coverRoutes } from './cover/routes.js';
import { standbyAndResilienceRoutes } from './cover/standby-routes.js';
import { RotaRunWorker } from './rota/worker.js';
import { consoleRoutes } from './console/routes.js';
import { ruleBreakRoutes } from './rules/routes.js';
import { preferenceRoutes } from './panel/preference-routes.js';
import { WebhookDeliverer } from './webhooks/deliverer.js';
import { webhookRoutes } from './webhooks/routes.js';
import { calendarLinkRoutes } from './calendars/routes.js';
import { calendarFeedRoutes } from './calendars/feed-routes.js';
import { importRoutes } from './imports/routes.js';

export type { App, Deps } from './http/app-types.js';

export interface BuildOptions {
  /** An already-open database (tests); otherwise one is opened from the config and closed with the app. */
  database?: Database;
  logger?: FastifyServerOptions['logger'];
}

const BODY_LIMIT = 1024 * 1024;

/** A request id from a client, if it is short and plain (letters, digits and . _ : -). */
export function plainRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) ? header : undefined;
}

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.adminApiKey',
  '*.databaseUrl',
  '*.key',
  'key',
  '*.secret',
  'secret',
];

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const app = createServer(config, options);
  const database = await prepareDatabase(app, config, options);
  const deps = startBackgroundWork(app, config, database);
  app.decorate('deps', deps);
  app.decorate('routeTable', [] as RouteRule[]);
  await registerHttpGuards(app, config);
  registerErrorHandling(app);
  registerAuth(app, database.db, app.routeTable);
  registerHealthWordFilter(app);
  await registerDocs(app);
  await registerRoutes(app, deps);
  return app;
}

/** Fastify with the service's logging, request ids, body limit, validation and pre-routing errors. */
function createServer(config: Config, options: BuildOptions): App {
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // A client's x-request-id is kept only when short and plain; anything else gets a fresh id.
    requestIdHeader: false,
    genReqId: (req) => plainRequestId(req.headers['x-request-id']) ?? randomUUID(),
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { strict: false } },
    // Errors found before routing (a path parameter too long, broken percent-encoding) are problem+json too.
    frameworkErrors: (error, request, reply) => {
      const problem =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? problems.uriTooLong('A path parameter is longer than 100 characters.')
          : problems.badRequest(`The request URL is not valid (${error.message}).`);
      void (reply as unknown as FastifyReply)
        .status(problem.status)
        .header('x-request-id', request.id)
        .header('cache-control', 'no-store')
        .type('application/problem+json')
        .send(problem.body());
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: anything else (text/plain included) is refused with 415 before it reaches a handler.
  app.removeContentTypeParser(['text/plain']);

  return app;
}

/** Opens (or takes) the database, migrates it, ensures the bootstrap admin and loads demo data. */
async function prepareDatabase(app: App, config: Config, options: BuildOptions): Promise<Database> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase(config));
  app.addHook('onClose', async () => {
    if (ownsDatabase) await database.close();
  });
  try {
    await migrateToLatest(database.db);
    if (config.adminApiKey) {
      const bootstrap = await ensureBootstrapAdmin(database.db, config.adminApiKey);
      if (bootstrap === 'revoked')
        app.log.warn('ADMIN_API_KEY names a revoked key: it stays revoked; set a new secret to rotate it');
    }
    if (config.demoData)
      await loadDemoData(database.db, { seed: config.demoSeed, timezone: config.timezone, log: app.log });
    await reportDemoKeys(database.db, app.log);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  return database;
}

/** Resilience kept up to date, the rota run worker and the webhook sender, started and stopped with the app. */
function startBackgroundWork(app: App, config: Config, database: Database): Deps {
  const facts = new FactsVersion(database.db);
  const resilience = new ResilienceCache(database.db, config.timezone, facts);
  const deps: Deps = { config, database, resilience, answers: new AnswerCache(facts) };
  readVersionEarly(app, facts);
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400) return;
    facts.changed();
    resilience.changed();
  });
  app.addHook('onClose', async () => resilience.stop());
  if (config.demoData)
    app.addHook('onReady', async () => {
      // The console's board opens on today's week (or fortnight): have them ready for the first view.
      const today = DateTime.now().setZone(config.timezone);
      for (const days of [6, 13]) resilience.warm(today.toISODate()!, today.plus({ days }).toISODate()!);
    });
  if (config.solveInProcess) {
    const worker = new RotaRunWorker(database.db, { timezone: config.timezone, log: app.log });
    deps.rotaWorker = worker;
    app.addHook('onReady', async () => worker.start());
    // preClose runs before onClose, so the worker hands its run back while the database is still open.
    app.addHook('preClose', async () => worker.stop());
  }
  const deliverer = new WebhookDeliverer(database.db, {
    allowPrivate: config.webhooksAllowPrivate,
    retryBaseMs: config.webhookRetryBaseMs,
    log: app.log,
  });
  deps.webhookDeliverer = deliverer;
  app.addHook('onReady', async () => deliverer.start());
  app.addHook('preClose', async () => deliverer.stop());
  return deps;
}

/** Headers on every answer, the CSP, the input guard and the per-key rate limit. */
async function registerHttpGuards(app: App, config: Config): Promise<void> {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API answers are personal data or change by the minute: never stored by a browser or proxy.
    if (request.url.startsWith('/v1')) reply.header('cache-control', 'no-store');
  });
  await app.register(helmet, {
    // The docs and the console load their own scripts and styles only; swagger-ui's inline bits are hashed.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  registerInputGuard(app, BODY_LIMIT);
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // Per API key (its hash, never the secret), else per address; health checks are not counted.
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth ? `key:${createHash('sha256').update(auth).digest('hex')}` : `ip:${request.ip}`;
      },
      allowList: (request) => request.url.startsWith('/health'),
      errorResponseBuilder: (_request, context) =>
        problems.tooManyRequests(
          `More than ${context.max} requests a minute from this key; try again in ${context.after}.`,
        ),
    });
  }
}

async function registerDocs(app: App): Promise<void> {
  await app.register(swagger, openapiDocumentation());
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );
}

/** The wiring: every route module, explicitly, in the order the OpenAPI document lists them. */
async function registerRoutes(app: App, deps: Deps): Promise<void> {
  await app.register(healthRoutes, deps);
  await app.register(consoleRoutes);
  await app.register(async (feed) => calendarFeedRoutes(feed as App, deps));
  await app.register(
    async (v1) => {
      await keyRoutes(v1 as App, deps);
      await referenceRoutes(v1 as App, deps);
      await practitionerRoutes(v1 as App, deps);
      await preferenceRoutes(v1 as App, deps);
      await absenceRoutes(v1 as App, deps);
      await auditRoutes(v1 as App, deps);
      await placementRoutes(v1 as App, deps);
      await placementReviewRoutes(v1 as App, deps);
      await shiftRoutes(v1 as App, deps);
      await exportRoutes(v1 as App, deps);
      await rotaRunRoutes(v1 as App, deps);
      await coverRoutes(v1 as App, deps);
      await standbyAndResilienceRoutes(v1 as App, deps);
      await osrRoutes(v1 as App, deps);
      await ruleBreakRoutes(v1 as App, deps);
      await webhookRoutes(v1 as App, deps);
      await calendarLinkRoutes(v1 as App, deps);
      // Its own scope: the text/csv parser it adds stays with the import routes.
      await v1.register(async (imports) => importRoutes(imports as App, deps));
    },
    { prefix: '/v1' },
  );
}
