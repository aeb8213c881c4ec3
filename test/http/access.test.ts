import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/http/schemas.js';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, type TestContext } from '../helpers/app.js';

const SAMPLE_PARAMS: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  code: 'no-such-code',
};

const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x');

// Walks the whole route table: a route added without an access rule fails here (and at boot).
describe.each(databaseTargets())('access rules on every route, on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
  });
  afterAll(() => ctx?.close());

  it('every /v1 route declares the roles it allows', () => {
    const v1 = ctx.app.routeTable.filter((r) => r.url.startsWith('/v1'));
    expect(v1.length).toBeGreaterThan(15);
    for (const route of v1) {
      expect(Array.isArray(route.access), `${route.method} ${route.url}`).toBe(true);
      expect((route.access as string[]).length, `${route.method} ${route.url}`).toBeGreaterThan(0);
    }
  });

  it('answers 401 without a key and with a wrong key, 403 for roles not allowed, and lets allowed roles through', async () => {
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/v1'));
    for (const route of routes) {
      const url = concrete(route.url);
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      const anonymous = await ctx.call(null, route.method, url, body);
      expect(anonymous.statusCode, `${route.method} ${route.url} without a key`).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      const forged = await ctx.app.inject({
        method: route.method as 'GET',
        url,
        headers: { authorization: 'Bearer crk_not-a-real-key' },
      });
      expect(forged.statusCode, `${route.method} ${route.url} with a wrong key`).toBe(401);
      for (const role of ROLES) {
        const res = await ctx.call(role, route.method, url, body);
        const allowed = (route.access as string[]).includes(role);
        if (allowed) {
          expect([401, 403], `${role} on ${route.method} ${route.url}: ${res.body}`).not.toContain(
            res.statusCode,
          );
        } else {
          expect(res.statusCode, `${role} on ${route.method} ${route.url}`).toBe(403);
          expect(res.json().detail).toContain(role);
        }
      }
    }
  });

  it('a revoked key stops working at once', async () => {
    const created = (
      await ctx.call('admin', 'POST', '/v1/api-keys', { name: 'temp', role: 'viewer' })
    ).json();
    const headers = { authorization: `Bearer ${created.key}` };
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/regions', headers })).statusCode).toBe(200);
    expect((await ctx.call('admin', 'POST', `/v1/api-keys/${created.id}/revoke`)).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/regions', headers })).statusCode).toBe(401);
  });

  it('shows a key secret once and stores only its hash', async () => {
    const created = (
      await ctx.call('admin', 'POST', '/v1/api-keys', { name: 'hr feed', role: 'viewer' })
    ).json();
    expect(created.key).toMatch(/^crk_/);
    const listed = (await ctx.call('admin', 'GET', '/v1/api-keys')).json();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const stored = await ctx.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.key);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
