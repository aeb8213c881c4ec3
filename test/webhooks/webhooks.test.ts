import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { isPrivateAddress } from '../../src/webhooks/receiver-address.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { Receiver, verify } from './receiver.js';

describe.each(databaseTargets())('signed webhooks, on %s', (target) => {
  let ctx: TestContext;
  let receiver: Receiver;
  let n = 0;
  const practitioner = async () =>
    (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/practitioners', {
          name: `Hook Person ${++n}`,
          kind: 'parenting',
          homeRegion: 'north',
        }),
        201,
      )
    ).json();
  const subscribe = async (url: string, events = ['practitioner.changed']) =>
    (await expectStatus(ctx.call('admin', 'POST', '/v1/webhooks', { url, events }), 201)).json();
  const deliveries = async (id: string) =>
    (await expectStatus(ctx.call('admin', 'GET', `/v1/webhooks/${id}/deliveries`), 200)).json().items;

  beforeAll(async () => {
    ctx = await createTestContext(target, { webhooksAllowPrivate: true, webhookRetryBaseMs: 100 });
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
  });
  afterAll(() => ctx?.close());

  it('delivers each change once, signed as Standard Webhooks says, and lists the delivery', async () => {
    receiver = await new Receiver().start();
    const hook = await subscribe(receiver.url);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const listed = (await ctx.call('admin', 'GET', '/v1/webhooks')).json().items;
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    const p = await practitioner();
    const [got] = await receiver.waitFor((r) => r.length >= 1);
    expect(verify(hook.secret, got!)).toBe(true);
    expect(verify(hook.secret, { ...got!, body: got!.body.replace('Hook', 'Hack') })).toBe(false);
    expect(got!.headers['webhook-id']).toMatch(/^evt_\d+$/);
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      type: 'practitioner.changed',
      data: { practitioner: { id: p.id, name: p.name } },
    });
    expect(body.timestamp).toMatch(/Z$/);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatus: 200,
      eventType: 'practitioner.changed',
    });
    await expectStatus(ctx.call('admin', 'DELETE', `/v1/webhooks/${hook.id}`), 204);
    await expectStatus(ctx.call('admin', 'GET', `/v1/webhooks/${hook.id}`), 404);
    await receiver.stop();
  });

  it('retries with backoff: a receiver that fails twice gets the event on the third attempt', async () => {
    receiver = await new Receiver().start();
    receiver.script = [500, 503];
    const hook = await subscribe(receiver.url);
    await practitioner();
    const got = await receiver.waitFor((r) => r.length >= 3);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(got.every((r) => verify(hook.secret, r))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatus: 200 });
    await ctx.call('admin', 'DELETE', `/v1/webhooks/${hook.id}`);
    await receiver.stop();
  });

  it('loses nothing across a restart, holds deliveries while paused, replays, and rotates the secret', async () => {
    receiver = await new Receiver().start();
    const hook = await subscribe(receiver.url);
    // The service stops between the change and its delivery: the next one sends it.
    await ctx.app.deps.webhookDeliverer!.stop();
    const p = await practitioner();
    const next = await buildApp(
      loadConfig({}, { logLevel: 'silent', webhooksAllowPrivate: true, webhookRetryBaseMs: 100 }),
      {
        database: ctx.database,
        logger: false,
      },
    );
    await next.ready();
    const [got] = await receiver.waitFor((r) => r.length >= 1);
    expect(JSON.parse(got!.body).data.practitioner.id).toBe(p.id);
    await next.close();
    ctx.app.deps.webhookDeliverer!.start();

    await expectStatus(ctx.call('admin', 'POST', `/v1/webhooks/${hook.id}/pause`), 200);
    await practitioner();
    await new Promise((r) => setTimeout(r, 700));
    expect(receiver.received).toHaveLength(1);
    const rotated = (
      await expectStatus(ctx.call('admin', 'POST', `/v1/webhooks/${hook.id}/rotate-secret`), 200)
    ).json();
    await expectStatus(ctx.call('admin', 'POST', `/v1/webhooks/${hook.id}/resume`), 200);
    const after = await receiver.waitFor((r) => r.length >= 2);
    // For a day after a rotation, both the new and the old secret verify.
    expect(verify(rotated.secret, after[1]!)).toBe(true);
    expect(verify(hook.secret, after[1]!)).toBe(true);

    const first = (await deliveries(hook.id)).at(-1);
    const replay = (
      await expectStatus(
        ctx.call('admin', 'POST', `/v1/webhooks/${hook.id}/deliveries/${first.id}/replay`),
        202,
      )
    ).json();
    expect(replay).toMatchObject({ replayOf: first.id, status: 'pending' });
    const again = await receiver.waitFor((r) => r.length >= 3);
    expect(again[2]!.headers['webhook-id']).toBe(again[0]!.headers['webhook-id']);
    const since = (
      await expectStatus(
        ctx.call('admin', 'POST', `/v1/webhooks/${hook.id}/replay`, { since: '2020-01-01T00:00:00Z' }),
        202,
      )
    ).json();
    expect(since.queued).toBeGreaterThanOrEqual(2);
    await ctx.call('admin', 'DELETE', `/v1/webhooks/${hook.id}`);
    await receiver.stop();
  });

  it('is for admins only, and never logs or audits a secret', async () => {
    for (const role of ['coordinator', 'viewer', 'cover'] as const)
      expect(
        (
          await ctx.call(role, 'POST', '/v1/webhooks', {
            url: 'https://example.org/x',
            events: ['shift.assigned'],
          })
        ).statusCode,
      ).toBe(403);
    const audit = (await ctx.call('admin', 'GET', '/v1/audit?entity=webhook&limit=500')).json();
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });
});

describe('private and loopback receivers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('pglite');
  });
  afterAll(() => ctx?.close());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://169.254.169.254/latest',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a00:1]/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'ftp://example.org/hook',
  ])('refuses %s with 422 unless WEBHOOKS_ALLOW_PRIVATE=true', async (url) => {
    const res = await ctx.call('admin', 'POST', '/v1/webhooks', { url, events: ['shift.assigned'] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0].field).toBe('/body/url');
  });

  it('tells private addresses from public ones, IPv6 and mapped forms included', () => {
    for (const a of [
      '0.0.0.0',
      '100.64.0.1',
      '172.31.255.255',
      '::',
      '::ffff:192.168.1.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      'ff02::1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
