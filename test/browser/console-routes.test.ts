import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app.js';

// The console's static files: public, outside /v1, out of the OpenAPI document, with a strict CSP.
describe('the console is served by the service', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('pglite');
  });
  afterAll(() => ctx?.close());

  it('serves the page and its modules without a key, with a content security policy', async () => {
    for (const url of ['/console', '/console/']) {
      const res = await ctx.call(null, 'GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toContain('<nav aria-label="Main"');
      expect(res.body).not.toMatch(/<script(?![^>]*src=)/); // no inline script
    }
    for (const name of [
      'app.js',
      'api.js',
      'roles.js',
      'ui.js',
      'rota.js',
      'sickness.js',
      'osr.js',
      'panel.js',
    ]) {
      const res = await ctx.call(null, 'GET', `/console/assets/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type']).toContain('text/javascript');
      // Only the public API: every call the pages make goes to /v1, and only api.js calls fetch.
      const calls = [
        ...res.body.matchAll(
          /(?:api\.(?:get|post|put|patch|del)|getAll|download|streamEvents)\(\s*['`]([^'`]+)/g,
        ),
      ];
      for (const [, path] of calls) expect(path!.startsWith('/v1/'), `${name}: ${path}`).toBe(true);
      if (name !== 'api.js') expect(res.body, name).not.toMatch(/\bfetch\(/);
      if (['rota.js', 'sickness.js', 'osr.js', 'panel.js'].includes(name))
        expect(calls.length).toBeGreaterThan(0);
    }
    const css = await ctx.call(null, 'GET', '/console/assets/console.css');
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('answers 404 for anything that is not one of its files', async () => {
    for (const url of [
      '/console/assets/nope.js',
      '/console/assets/..%2Froutes.ts',
      '/console/assets/index.html',
    ])
      expect((await ctx.call(null, 'GET', url)).statusCode, url).toBe(404);
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await ctx.call(null, 'GET', '/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
  });
});
