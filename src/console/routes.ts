import { Type } from 'typebox';
import { readFileSync, readdirSync } from 'node:fs';
import type { App } from '../http/app-types.js';
import { PERMISSIONS, ROLES, ROLE_WORDS } from '../http/permissions.js';

/**
 * The coordinator console: static pages served by the service itself, outside /v1 and public (they hold
 * no data). Everything the pages show comes from the public /v1 API with the key the user types in.
 */
const ASSETS = new URL('./assets/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * What the console knows of roles, made from the one permission table (never a copy): each role in words,
 * and for each operation ('METHOD /v1/path') the roles that may call it. Public, like the OpenAPI
 * document's `x-roles`: it says who may do what, not what anyone holds.
 */
export function accessDocument(): {
  roles: { role: string; label: string; for: string }[];
  operations: Record<string, { roles: string[]; scope?: string }>;
} {
  return {
    roles: ROLES.map((role) => ({ role, ...ROLE_WORDS[role] })),
    operations: Object.fromEntries(
      Object.entries(PERMISSIONS).map(([op, p]) => [
        op,
        { roles: [...p.roles], ...(p.scope ? { scope: p.scope } : {}) },
      ]),
    ),
  };
}

interface Asset {
  body: Buffer;
  type: string;
}

/** Reads the assets once, at registration: a fixed list, so no request can name a path outside it. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(ASSETS)) {
    const ext = name.slice(name.lastIndexOf('.'));
    const type = TYPES[ext];
    if (type) assets.set(name, { body: readFileSync(new URL(name, ASSETS)), type });
  }
  return assets;
}

export async function consoleRoutes(app: App): Promise<void> {
  const assets = loadAssets();
  const index = assets.get('index.html');
  if (!index) throw new Error('src/console/assets/index.html is missing');
  const options = { config: { access: 'public' as const }, schema: { hide: true } };

  for (const url of ['/console', '/console/']) {
    app.get(url, options, async (_request, reply) =>
      reply.headers(SECURITY_HEADERS).type(index.type).send(index.body),
    );
  }
  const access = JSON.stringify(accessDocument());
  app.get('/console/access.json', options, async (_request, reply) =>
    reply.headers(SECURITY_HEADERS).type('application/json; charset=utf-8').send(access),
  );
  const assetOptions = {
    ...options,
    schema: { hide: true, params: Type.Object({ name: Type.String({ maxLength: 100 }) }) },
  };
  app.get('/console/assets/:name', assetOptions, async (request, reply) => {
    const { name } = request.params;
    const asset = name === 'index.html' ? undefined : assets.get(name);
    if (!asset) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: 'https://care-rota.dev/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: `The console has no asset "${name}".`,
        });
    }
    return reply.headers(SECURITY_HEADERS).type(asset.type).send(asset.body);
  });
}
