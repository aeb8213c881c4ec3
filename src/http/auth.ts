import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findActiveKey } from '../keys/repository.js';
import { problems } from './problem.js';
import { ROLES, type RoleName } from './schemas.js';

export interface Actor {
  keyId: string;
  role: RoleName;
  name: string;
}

/** Every /v1 route must say who may call it; `public` is for health and docs only. */
export type Access = RoleName[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Every role (the list lives with the Role schema). */
export const ALL_ROLES: RoleName[] = ROLES;
export const STAFF_ROLES: RoleName[] = ['admin', 'coordinator', 'cover', 'hub_manager'];

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

export function registerAuth(app: FastifyInstance, db: Kysely<DB>, routeTable: RouteRule[]): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/v1') && !access) {
      // Failing at boot is the point: a route without a rule must never ship.
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: access ?? 'public' });
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw problems.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const key = await findActiveKey(db, match[1] as string);
    if (!key) throw problems.unauthorized('The API key is not valid or has been revoked.');
    request.actor = { keyId: key.id, role: key.role, name: key.name };
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
