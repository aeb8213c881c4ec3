import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '../../src/http/permissions.js';
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
    const screens = [
      'board.js',
      'runs.js',
      'placements.js',
      'sickness.js',
      'standby.js',
      'panel.js',
      'osr.js',
      'osr-rota.js',
      'interventions.js',
      'dat.js',
      'review.js',
    ];
    for (const name of ['app.js', 'api.js', 'access.js', 'ui.js', 'form.js', 'causes.js', ...screens]) {
      const res = await ctx.call(null, 'GET', `/console/assets/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type']).toContain('text/javascript');
      // Only the public API (and the permission table): every call goes to /v1; only api.js calls fetch.
      const calls = [
        ...res.body.matchAll(
          /(?:api\.(?:get|post|put|patch|del)|getAll|download|streamEvents)\(\s*['`]([^'`]+)/g,
        ),
      ];
      for (const [, path] of calls)
        expect(path!.startsWith('/v1/') || path === '/console/access.json', `${name}: ${path}`).toBe(true);
      if (name !== 'api.js') expect(res.body, name).not.toMatch(/\bfetch\(/);
      if (screens.includes(name)) expect(calls.length, name).toBeGreaterThan(0);
      // Every module is type-checked (tsconfig.console.json) and names no role: roles come from the table.
      expect(res.body.startsWith('// @ts-check'), name).toBe(true);
      for (const role of ROLES) expect(res.body, `${name} names the role ${role}`).not.toContain(`'${role}'`);
    }
    const css = await ctx.call(null, 'GET', '/console/assets/console.css');
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('gives the console the permission table itself, not a copy', async () => {
    const res = await ctx.call(null, 'GET', '/console/access.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.roles.map((r: { role: string }) => r.role)).toEqual(ROLES);
    expect(Object.keys(doc.operations)).toEqual(Object.keys(PERMISSIONS));
    for (const [op, p] of Object.entries(PERMISSIONS)) expect(doc.operations[op].roles, op).toEqual(p.roles);
  });

  it('answers 404 for anything that is not one of its files', async () => {
    for (const url of [
      '/console/assets/nope.js',
      '/console/assets/..%2Froutes.ts',
      '/console/assets/index.html',
      '/console/assets/roles.js',
    ])
      expect((await ctx.call(null, 'GET', url)).statusCode, url).toBe(404);
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await ctx.call(null, 'GET', '/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
  });
});
