import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, seedReference, type TestContext } from '../helpers/app.js';
import { addPractitioner } from '../helpers/fixtures.js';

describe.each(databaseTargets())('the audit log on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    await seedReference(ctx);
  });
  afterAll(() => ctx?.close());

  it('records who changed what, when, with before and after', async () => {
    const created = await addPractitioner(ctx, { name: 'Audit Me', homeRegion: 'north-west' }, 'coordinator');
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${created.id}`, { name: 'Audited' }),
      200,
    );
    const coordinatorKey = (await ctx.call('admin', 'GET', '/v1/api-keys'))
      .json()
      .items.find((k: { role: string; name: string }) => k.name === 'test coordinator');
    const log = (
      await ctx.call('admin', 'GET', `/v1/audit?entity=practitioner&entityId=${created.id}`)
    ).json();
    expect(log.total).toBe(2);
    const [update, create] = log.items;
    expect(create).toMatchObject({
      action: 'create',
      actorRole: 'coordinator',
      actorKeyId: coordinatorKey.id,
      before: null,
    });
    expect(create.after.name).toBe('Audit Me');
    expect(update).toMatchObject({
      action: 'update',
      before: { name: 'Audit Me' },
      after: { name: 'Audited' },
    });
    expect(Date.parse(update.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(update.requestId).toBeTruthy();
  });

  it('does not log a refused change', async () => {
    const before = (await ctx.call('admin', 'GET', '/v1/audit')).json().total;
    await ctx.call('coordinator', 'POST', '/v1/practitioners', {
      name: 'X',
      kind: 'parenting',
      homeRegion: 'atlantis',
    });
    expect((await ctx.call('admin', 'GET', '/v1/audit')).json().total).toBe(before);
  });

  it('filters by entity and action, and is for admins only', async () => {
    const regions = (await ctx.call('admin', 'GET', '/v1/audit?entity=region&action=create')).json();
    expect(regions.items.map((e: { entityId: string }) => e.entityId).sort()).toEqual([
      'midlands',
      'north-west',
      'yorkshire',
    ]);
    expect((await ctx.call('coordinator', 'GET', '/v1/audit')).statusCode).toBe(403);
  });

  it('never stores an API key secret', async () => {
    const key = (await ctx.call('admin', 'POST', '/v1/api-keys', { name: 'x', role: 'viewer' })).json().key;
    const log = (await ctx.call('admin', 'GET', '/v1/audit?entity=api_key')).json();
    expect(JSON.stringify(log)).not.toContain(key);
  });
});
