import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, REDACTED_PATHS } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { databaseTargets } from '../helpers/databases.js';
import { createTestDatabase } from '../helpers/databases.js';
import { createTestContext, type TestContext } from '../helpers/app.js';

describe.each(databaseTargets())('the service shell on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target, { adminApiKey: 'bootstrap-secret-for-tests' });
  });
  afterAll(() => ctx?.close());

  it('is live and ready, naming its database', async () => {
    expect((await ctx.call(null, 'GET', '/health/live')).json()).toEqual({ status: 'ok' });
    expect((await ctx.call(null, 'GET', '/health/ready')).json()).toEqual({ status: 'ok', database: target });
  });

  it('serves the OpenAPI document and the interactive docs without a key', async () => {
    const doc = await ctx.call(null, 'GET', '/openapi.json');
    expect(doc.json().openapi).toBe('3.1.0');
    const docs = await ctx.call(null, 'GET', '/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('bootstraps the admin key from ADMIN_API_KEY', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: { authorization: 'Bearer bootstrap-secret-for-tests' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.some(
          (k: { role: string; name: string }) => k.role === 'admin' && k.name.includes('ADMIN_API_KEY'),
        ),
    ).toBe(true);
  });

  it('echoes or issues a request id on every response', async () => {
    const given = await ctx.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const issued = await ctx.call(null, 'GET', '/health/live');
    expect(issued.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors and logs', () => {
  it('answers a crash with a 500 problem that leaks no internals, and redacts secrets in logs', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await createTestDatabase('pglite');
    const app = await buildApp(loadConfig({}, { logLevel: 'info' }), {
      database,
      logger: { level: 'info', stream, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    });
    app.get('/boom', { config: { access: 'public' } }, async () => {
      throw new Error('connection string postgres://secret@db leaked');
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/boom',
        headers: { authorization: 'Bearer crk_super-secret' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('secret');
      expect(res.json().detail).toContain(res.headers['x-request-id']);
      app.log.info(
        { req: { headers: { authorization: 'Bearer crk_super-secret' } }, config: { adminApiKey: 'abc' } },
        'probe',
      );
      const all = lines.join('');
      expect(all).toContain('unhandled error');
      expect(all).toContain('[redacted]');
      expect(all).not.toContain('crk_super-secret');
      expect(all).not.toContain('"adminApiKey":"abc"');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
