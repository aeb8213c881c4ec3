import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findActiveKey } from '../keys/repository.js';
import { sharedPerTurn } from './same-turn.js';
import { problems } from './problem.js';
import { permissionOf, type Actor, type RoleName } from './permissions.js';

export type { Actor } from './permissions.js';

/** Every /v1 route must say who may call it; `public` is for health and docs only. */
export type Access = RoleName[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Every role (the list lives in the permission table). */

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

export function registerAuth(app: FastifyInstance, db: Kysely<DB>, routeTable: RouteRule[]): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/v1')) {
      // Roles come from the one permission table; failing at boot is the point: a route without a rule
      // (or with roles written beside it) must never ship.
      if (route.config?.access) {
        throw new Error(
          `Route ${methods.join(',')} ${route.url} writes its own access rule; put it in src/http/permissions.ts`,
        );
      }
      const permissions = methods.map((m) => permissionOf(m, route.url));
      const permission = permissions[0];
      if (!permission || permissions.some((p) => p !== permission)) {
        throw new Error(
          `Route ${methods.join(',')} ${route.url} has no entry in the permission table (src/http/permissions.ts)`,
        );
      }
      route.config = { ...route.config, access: [...permission.roles] };
      documentRoles(route, permission.roles, permission.scope);
    }
    const access = route.config?.access;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: access ?? 'public' });
    }
  });

  const activeKey = sharedPerTurn((secret) => findActiveKey(db, secret));
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw problems.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const key = await activeKey(match[1] as string);
    if (!key) throw problems.unauthorized('The API key is not valid or has been revoked.');
    request.actor = { keyId: key.id, role: key.role, name: key.name, hubs: key.hubs };
    if (!access.includes(key.role)) {
      throw problems.forbidden(
        `The ${key.role} role may not ${request.method} ${request.routeOptions.url}; allowed: ${access.join(', ')}.`,
      );
    }
  });
}

/** For handlers: the authenticated caller (the hook guarantees it on non-public routes). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw problems.unauthorized('Authentication required.');
  return request.actor;
}

/** Each OpenAPI operation lists its roles (`x-roles`, and a line of its description) and its scope. */
function documentRoles(
  route: { schema?: FastifySchema | undefined },
  roles: readonly RoleName[],
  scope: string | undefined,
): void {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  if (schema.hide) return;
  const line = `Roles: ${roles.join(', ')}.${scope ? ` ${scope}` : ''}`;
  const description = typeof schema.description === 'string' ? schema.description : '';
  route.schema = <FastifySchema>{
    ...schema,
    description: description ? `${description}\n\n${line}` : line,
    'x-roles': [...roles],
    ...(scope ? { 'x-scope': scope } : {}),
  };
}
