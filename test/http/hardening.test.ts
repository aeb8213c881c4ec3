import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTestContext, expectStatus, tableCounts, type TestContext } from '../helpers/app.js';
import { addPractitioner, putReference } from '../helpers/fixtures.js';
import { databaseTargets } from '../helpers/databases.js';

const ADMIN_SECRET = 'bootstrap-admin-secret-for-tests-0001';

// Issue 11: input the schemas cannot say, errors before routing, headers, and the bootstrap key.
describe.each(databaseTargets())('input, pre-routing errors, headers and keys, on %s', (target) => {
  let ctx: TestContext;
  let practitioner: string;
  beforeAll(async () => {
    ctx = await createTestContext(target, { adminApiKey: ADMIN_SECRET, solveInProcess: false });
    await putReference(ctx, { regions: { 'north-west': 'North West' } });
    practitioner = (await addPractitioner(ctx, { name: 'Ann', homeRegion: 'north-west' })).id;
  });
  afterAll(() => ctx?.close());

  const problemJson = (
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
    status: number,
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(JSON.parse(res.body).status).toBe(status);
  };

  it('refuses control characters (NUL included) in bodies, queries and paths, and changes nothing', async () => {
    const before = await tableCounts(ctx.database);
    problemJson(await ctx.call('admin', 'PUT', '/v1/regions/yorkshire', { name: 'York\u0000shire' }), 400);
    problemJson(await ctx.call('admin', 'PUT', '/v1/regions/yorkshire', { name: 'York\u001bshire' }), 400);
    problemJson(
      await ctx.call('admin', 'POST', `/v1/practitioners/${practitioner}/absences`, {
        kind: 'sickness',
        start: '2030-01-01T08:00:00Z',
        note: 'a\u0000b',
      }),
      400,
    );
    problemJson(await ctx.call('admin', 'GET', '/v1/practitioners?q=a%00b'), 400);
    expect(await tableCounts(ctx.database)).toEqual(before);
    // Tabs and new lines are text.
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/yorkshire', { name: 'York\tshire\n' }), 201);
  });

  it('keeps dates and weeks to a sane range, and compares weeks as dates', async () => {
    problemJson(await ctx.call('admin', 'GET', '/v1/audit?to=9999-12-31'), 400);
    problemJson(await ctx.call('admin', 'GET', '/v1/osr/rotas?fromWeek=9999-W50&toWeek=9999-W52'), 400);
    problemJson(await ctx.call('admin', 'GET', '/v1/osr/rotas?fromWeek=2030-W10&toWeek=2030-W02'), 400);
    const before = await tableCounts(ctx.database);
    problemJson(
      await ctx.call('admin', 'POST', `/v1/practitioners/${practitioner}/absences`, {
        kind: 'annual_leave',
        start: '2030-01-01T08:00:00Z',
        end: '9999-12-31T23:30:00-01:00',
      }),
      400,
    );
    expect(await tableCounts(ctx.database)).toEqual(before);
    await expectStatus(ctx.call('admin', 'GET', '/v1/absences'), 200);
  });

  it('answers errors raised before routing as problem+json: 414 for a long path parameter, 400 for bad encoding', async () => {
    problemJson(await ctx.call('admin', 'GET', `/v1/regions/${'a'.repeat(150)}`), 414);
    problemJson(await ctx.call('admin', 'GET', '/v1/regions/%E0%A4%A'), 400);
  });

  it('answers 413 to a 2 MB body on a route that takes none, without resetting the connection', async () => {
    const app = await buildApp(loadConfig({}, { logLevel: 'silent', solveInProcess: false }), {
      database: ctx.database,
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const body = Buffer.alloc(2 * 1024 * 1024, 'a');
      const res = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/rota-runs/00000000-0000-4000-8000-000000000000/cancel',
            headers: {
              authorization: `Bearer ${ctx.keys.admin}`,
              'content-type': 'application/json',
              'content-length': body.length,
            },
          },
          (r) => {
            let text = '';
            r.on('data', (c) => (text += c));
            r.on('end', () =>
              resolve({ status: r.statusCode!, type: String(r.headers['content-type']), text }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(res.status).toBe(413);
      expect(res.type).toContain('application/problem+json');
    } finally {
      await app.close();
    }
  });

  it('sends security headers, no-store on /v1 and a CSP on /docs', async () => {
    const res = await ctx.call('viewer', 'GET', '/v1/regions');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const docs = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(String(docs.headers['content-security-policy'])).toContain("default-src 'self'");
    const unauthorised = await ctx.call(null, 'GET', '/v1/regions');
    expect(unauthorised.headers['cache-control']).toBe('no-store');
  });

  it('keeps a short, plain x-request-id and replaces any other', async () => {
    const plain = await ctx.call('viewer', 'GET', '/v1/regions', undefined, {
      'x-request-id': 'abc-123.X_9',
    });
    expect(plain.headers['x-request-id']).toBe('abc-123.X_9');
    const long = await ctx.call('viewer', 'GET', '/v1/regions', undefined, {
      'x-request-id': 'x'.repeat(8000),
    });
    expect(String(long.headers['x-request-id']).length).toBeLessThan(64);
    const odd = await ctx.call(
      'admin',
      'PUT',
      '/v1/regions/midlands',
      { name: 'Midlands' },
      {
        'x-request-id': 'a b<script>',
      },
    );
    expect(odd.headers['x-request-id']).not.toContain('<');
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('request_id')
      .where('entity_id', '=', 'midlands')
      .executeTakeFirstOrThrow();
    expect(audit.request_id).toBe(odd.headers['x-request-id']);
  });

  it('ADMIN_API_KEY never revives a revoked key', async () => {
    const headers = { authorization: `Bearer ${ADMIN_SECRET}` };
    const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers });
    expect(me.statusCode).toBe(200);
    await expectStatus(ctx.call('admin', 'POST', `/v1/api-keys/${me.json().keyId}/revoke`), 200);
    const restarted = await buildApp(
      loadConfig({}, { logLevel: 'silent', adminApiKey: ADMIN_SECRET, solveInProcess: false }),
      { database: ctx.database, logger: false },
    );
    try {
      expect((await restarted.inject({ method: 'GET', url: '/v1/me', headers })).statusCode).toBe(401);
    } finally {
      await restarted.close();
    }
  });
});
