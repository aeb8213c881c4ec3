import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SPAN_DAYS } from '../../src/http/spans.js';
import { MAX_ACTIVE_RUNS_PER_KEY } from '../../src/rota/run-summary.js';
import { createTestContext, expectStatus, tableCounts, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

// Issue 11: no request can stall the service.
describe.each(databaseTargets())('bounded work, on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false, rateLimitPerMinute: 40 });
  });
  afterAll(() => ctx?.close());

  it('refuses periods beyond their documented maximum span with 400', async () => {
    const before = await tableCounts(ctx.database);
    const far = (url: string) =>
      expect(ctx.call('admin', 'GET', url)).resolves.toMatchObject({ statusCode: 400 });
    await far('/v1/shifts?from=1900-01-01&to=2099-12-31');
    await far('/v1/shifts.csv?from=2026-01-01&to=2027-01-01');
    await far('/v1/resilience?from=2026-01-01&to=2026-03-01');
    await far('/v1/audit?from=2020-01-01&to=2026-01-01');
    const suggestions = await ctx.call('admin', 'POST', '/v1/standby/suggestions', {
      from: '2026-01-01',
      to: '2045-12-31',
    });
    expect(suggestions.statusCode).toBe(400);
    expect(suggestions.json().errors[0].message).toContain(String(MAX_SPAN_DAYS.cover));
    expect(await tableCounts(ctx.database)).toEqual(before);
    await expectStatus(ctx.call('admin', 'GET', '/v1/shifts?from=2026-01-01&to=2026-03-31'), 200);
  });

  it(`lets a key queue at most ${MAX_ACTIVE_RUNS_PER_KEY} runs (429 with Retry-After), and lists runs as summaries`, async () => {
    for (let i = 0; i < MAX_ACTIVE_RUNS_PER_KEY; i++) {
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/rota-runs', { from: '2030-01-07', to: '2030-01-13' }),
        202,
      );
    }
    const refused = await ctx.call('coordinator', 'POST', '/v1/rota-runs', {
      from: '2030-01-07',
      to: '2030-01-13',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another key is not held up by this one.
    await expectStatus(
      ctx.call('admin', 'POST', '/v1/rota-runs', { from: '2030-01-07', to: '2030-01-13' }),
      202,
    );
    const list = (await expectStatus(ctx.call('viewer', 'GET', '/v1/rota-runs'), 200)).json();
    expect(list.items).toHaveLength(MAX_ACTIVE_RUNS_PER_KEY + 1);
    expect(list.items[0].assignments).toBeUndefined();
    expect(list.items[0]).toMatchObject({ status: 'queued', from: '2030-01-07', to: '2030-01-13' });
  });

  it('limits requests per key per minute with 429 problem+json and Retry-After', async () => {
    let last = await ctx.call('cover', 'GET', '/v1/regions');
    for (let i = 0; i < 60 && last.statusCode !== 429; i++)
      last = await ctx.call('cover', 'GET', '/v1/regions');
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toContain('application/problem+json');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Health checks are never limited; other keys have their own budget.
    expect((await ctx.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await ctx.call('hub_manager', 'GET', '/v1/regions')).statusCode).toBe(200);
  });
});
